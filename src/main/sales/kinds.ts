/**
 * What kind of receipt a text is, from the words it prints: a sale, a refund, a void, a kitchen
 * or bar ticket (items, no prices), the POS's X or Z report, a no-sale drawer slip, or something
 * else (a test print). Words are matched folded, in the languages of labels.ts.
 */
import { PAYMENT_METHODS, type ReceiptKind } from '../../shared';
import type { ReadLine } from './lines';
import type { ReadyProfile } from './profile';
import {
  KIND_BITS,
  KITCHEN_BIT,
  NO_SALE_BIT,
  REFUND_BIT,
  TEST_BIT,
  VOID_BIT,
  X_BIT,
  Z_BIT,
} from './word-looks';

const Z_REPORT =
  /\b(?:z[- ]?(?:report|bericht|reading|read|rapport|abschlag|bon)|(?:rapport|lecture|report|bericht|reading|ticket) z|end of day|day end|end-of-day|tagesabschluss|tagesbericht|cloture|chiusura giornaliera|cierre de caja|raport dobowy)\b|精算|日計|z\s?레포트|마감/u;
const X_REPORT =
  /\b(?:x[- ]?(?:report|bericht|reading|read|rapport|lesung)|(?:rapport|lecture|report|bericht|reading|ticket) x|zwischenbericht|mid[- ]day report)\b|点検|중간\s?정산/u;
const VOID =
  /^\W*(?:void|voided|storno|storniert|annule|annulé|annullato|anulado|anulowano|anulowany|geannuleerd|abbruch|annulation|annulee|annule|cancell?ed|cancellation|取消|取り消し|취소)\W*$|\b(?:void(?:ed)? (?:receipt|transaction|order|check)|storno[- ]?bon)\b/u;
const TEST_PRINT =
  /\b(?:test page|test print|testdruck|testseite|test d.?impression|printer test|self[- ]?test|prueba de impresion|stampa di prova|testafdruk|wydruk testowy)\b|テスト印字|テストページ/u;
const PAID = new Set<string>([...PAYMENT_METHODS, 'tendered']);
const REFUND =
  /\b(?:refund|refunded|return|returned|credit note|credit memo|creditnota|credit nota|nota de credito|nota di credito|gutschrift|ruckgabe|erstattung|retour|remboursement|avoir|rimborso|reso|devolucion|reembolso|zwrot|korekta|terugbetaling)\b|返品|返金|환불|退款/u;
const NO_SALE =
  /\b(?:no sale|nosale|drawer open(?:ed)?|open drawer|kein verkauf|ouverture tiroir|kassenlade|lade open|geen verkoop|sin venta|nessuna vendita)\b|両替|ドロアオープン|ノーセール/u;
const KITCHEN =
  /\b(?:kitchen|kuche|kueche|bar order|bar ticket|bar bon|bon cuisine|cuisine|cucina|cocina|kuchnia|prep|expo|grill|fryer|pizza station|ticket de cuisine)\b|キッチン|厨房|調理|주방/u;

/**
 * The kind of receipt, from its lines (and whether it opened the drawer). `looks`: each line's
 * word looks (word-looks.ts), which expressions above may match it.
 */
export function kindOf(
  lines: ReadLine[],
  profile: ReadyProfile,
  drawerKicks: number,
  looks: Uint8Array,
): ReceiptKind {
  // The groups some line may hold: most expressions need not look at any line.
  let mayAny = 0;
  for (let k = 0; k < looks.length; k++) mayAny |= looks[k];
  mayAny &= KIND_BITS;
  // Every bit asked for is a kind's: the looks are read as they are, with no copy of them made
  // (`Array.from` with a mapping function over them showed up at 1.7% of a receipt's profile).
  const any = (re: RegExp, bit: number) => {
    if ((mayAny & bit) === 0) return false;
    for (let k = 0; k < lines.length; k++) {
      if ((looks[k] & bit) !== 0 && re.test(lines[k].words)) return true;
    }
    return false;
  };
  if (any(Z_REPORT, Z_BIT)) return 'z-report';
  if (any(X_REPORT, X_BIT)) return 'x-report';
  if (any(TEST_PRINT, TEST_BIT)) return 'other';
  const money = lines.some((l) => l.amount !== null);
  const totals = lines.some((l) => l.role === 'total' && l.amount !== null);
  const paid = lines.some((l) => l.amount !== null && l.role !== null && PAID.has(l.role));
  if (any(VOID, VOID_BIT)) {
    // A cancelled check prints no total; one with a total paid back is a refund (a Storno-Bon).
    return totals && paid ? 'refund' : 'void';
  }
  if (money && any(REFUND, REFUND_BIT)) return 'refund';
  if (any(NO_SALE, NO_SALE_BIT)) return 'no-sale';
  const marked = profile.kitchenMarkers.some((m) => lines.some((l) => l.words.includes(m)));
  if ((marked || any(KITCHEN, KITCHEN_BIT)) && !totals) return 'kitchen';
  if (totals || lines.some((l) => l.role !== null && l.role !== 'ignore' && l.amount !== null)) {
    return 'sale';
  }
  // Items with quantities and no money at all: a ticket for the kitchen or the bar.
  const ordered = lines.filter((l) => l.quantity !== null && l.words.length > 1).length;
  if (!money && ordered >= 1) return 'kitchen';
  if (!money && drawerKicks > 0) return 'no-sale';
  return money ? 'sale' : 'other';
}
