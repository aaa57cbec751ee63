/**
 * One pass over each line's words for two first looks: which of the kinds' expressions
 * (kinds.ts) may match the line, and whether MAYBE's words (header.ts) may be in it. Each look
 * was a pass of its own over every line's words. The looks only ever say "may": the
 * expressions still decide.
 */
import { ANY, BREAK, KeywordSieve } from './keyword-sieve';
import type { ReadLine } from './lines';

/**
 * MAYBE's words (header.ts; case-blind, "gäste" also as "GÄSTE"): the header's first look, in a
 * line's words and then in its text.
 */
export const HEADER_WORD_LIST =
  'order check chk ticket tkt bon beleg receipt rcpt rechnung invoice bill factur ricevuta ' +
  'scontrino commande bestellung pedido zamowienie paragon tab trans table tbl tisch tafel ' +
  'tavolo mesa stolik stul guest cover cvr pax pers people gaste gäste couverts coperti ' +
  'comensales osoby server waiter waitress cashier clerk staff host bedien bed. kellner kassi ' +
  'atendido annul storn void cancel abgebr geannul serveu caissier cameriere camarero kelner ' +
  'obsluhuje terminal term regist reg till pos kasse caisse cassa caja kasa';

/** The kinds' words, each by three letters it contains, one group per expression (kinds.ts). */
const KIND_WORDS = [
  // Z_REPORT ("z-report", "zreport", "end of day", ...)
  'report bericht reading read rapport abschlag bon zreport zbericht zreading zread zrapport ' +
    'zabschlag zbon lecture ticket end day tagesabschluss tagesbericht cloture chiusura ' +
    'cierre raport',
  // X_REPORT
  'report bericht reading read rapport lesung xreport xbericht xreading xread xrapport ' +
    'xlesung lecture ticket zwischenbericht mid',
  // TEST_PRINT
  'test printer self prueba stampa testafdruk wydruk',
  // VOID
  'void voided storno storniert annule annullato anulado anulowano anulowany geannuleerd ' +
    'abbruch annulation annulee cancelled canceled cancellation',
  // REFUND ("credit note", "nota de credito", ...)
  'refund refunded return returned credit nota gutschrift ruckgabe erstattung retour ' +
    'remboursement avoir rimborso reso devolucion reembolso zwrot korekta terugbetaling',
  // NO_SALE ("no sale", "lade open", ...)
  'sale nosale drawer open kein ouverture kassenlade lade geen sin nessuna',
  // KITCHEN ("bar order", "pizza station", ...)
  'kitchen kuche kueche bar bon cuisine cucina cocina kuchnia prep expo grill fryer pizza ' +
    'ticket',
];

export const [Z_BIT, X_BIT, TEST_BIT, VOID_BIT, REFUND_BIT, NO_SALE_BIT, KITCHEN_BIT, HEADER_BIT] =
  [1, 2, 4, 8, 16, 32, 64, 128];
/** The kinds' groups. */
export const KIND_BITS = HEADER_BIT - 1;

const isCjk = (c: number) =>
  (c >= 0x3040 && c <= 0x30ff) || (c >= 0x3400 && c <= 0x9fff) || (c >= 0xac00 && c <= 0xd7af);

const LOOKS = new KeywordSieve([...KIND_WORDS, HEADER_WORD_LIST], {
  // The kinds' words in Japanese, Chinese and Korean; other letters are in none of them. A
  // line's words are folded, so they hold no "ä" (which the header's "gäste" names).
  other: (c) => (isCjk(c) ? ANY : c === 0xe4 || c === 0xc4 ? 0 : BREAK),
  // The kinds' words follow `\b` (or `^\W*`), or "z", "x" ("z-report" and "zreport" both
  // listed); MAYBE's may be anywhere.
  startsOnly: true,
  inside: HEADER_BIT,
});

/**
 * Each line's looks (bits above). A line whose words hold CJK gets every bit ("any"): the
 * header's look is then taken again on its own (header.ts).
 */
export function wordLooks(lines: ReadLine[]): Uint8Array {
  const looks = new Uint8Array(lines.length);
  for (let k = 0; k < lines.length; k++) looks[k] = LOOKS.scan(lines[k].words);
  return looks;
}

/** Every bit: what a line whose words hold CJK gets. */
export const ALL_LOOKS = LOOKS.all;
