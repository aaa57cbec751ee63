/**
 * The facts a receipt's header prints: order or check number, table, covers, server, terminal,
 * and the date and time it was printed. Each is looked for in the words receipts use for it, in
 * several languages; the first line that has one wins.
 */
import type { ReceiptHeader } from '../../shared';
import { isAsciiLetter, isDigit } from './chars';
import { ANY, BREAK, KeywordSieve, WordFinder } from './keyword-sieve';
import type { ReadLine } from './lines';
import { ALL_LOOKS, HEADER_BIT, HEADER_WORD_LIST } from './word-looks';

const ORDER =
  /(?:^|[^\p{L}])(?:order|check|chk|ticket|tkt|bon|beleg|receipt|rcpt|rechnung|invoice|bill|facture|ricevuta|scontrino|commande|bestellung|pedido|zamowienie|paragon|tab|trans(?:action)?|ref|réf|注文|伝票|주문)[-\s]*(?:no\.?|nr\.?|number|num\.?|#|n°|nº|番号)?\s*[:#.]?\s*#?\s*(\d[\w-]{0,11}|[A-Z]{1,3}-?\d[\w-]{0,9})(?![\p{L}\d])/iu;
const TABLE =
  /(?:^|[^\p{L}])(?:table|tbl|tisch|tafel|tavolo|mesa|stolik|stul|テーブル|卓|테이블)\s*(?:no\.?|nr\.?|#|番号|番)?\s*[:#.]?\s*([A-Z]?\d{1,4}[A-Z]?)(?![\p{L}\d])/iu;
const COVERS =
  /(?:^|[^\p{L}])(?:guests?|covers?|cvrs?|pax|persons?|pers\.?|people|gaste|gäste|couverts|coperti|comensales|osoby|人数|客数|인원)\s*[:#.]?\s*(\d{1,3})(?!\d)|(\d{1,3})\s?(?:guests|covers|pax|persons|pers\.|名様?|人|명)(?![\p{L}])/iu;
const SERVER =
  /(?:^|[^\p{L}])(?:server|waiter|waitress|cashier|clerk|staff|host|bedient von|bediend door|voided by|cancell?ed by|annul[ée] par|storniert von|abgebrochen von|geannuleerd door|bediening|bedienung|bediener|bed\.(?=\s*:)|kellner|kassierer|kassier|atendido por|serveur|serveuse|caissier|cameriere|camarero|kelner|obsluhuje|担当者?|담당자?)\s*[:#.]?\s*([\p{L}][\p{L}\d .'-]{0,23})/iu;
const TERMINAL =
  /(?:^|[^\p{L}])(?:terminal|term|register|reg|till|pos|kasse|caisse|cassa|caja|kasa|レジ)\s*(?:no\.?|nr\.?|#)?\s*[:#.]?\s*([A-Z]?\d{1,4})(?![\p{L}\d])/iu;

const YMD = /(20\d\d)[-/.年]\s?(\d{1,2})[-/.月]\s?(\d{1,2})日?/u;
const DMY = /(?<![\d/])(\d{1,2})([./-])(\d{1,2})\2(20\d\d|\d\d)(?!\d)/u;
const TIME = /(?<!\d)(\d{1,2})[:時](\d{2})(?::(\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)?/iu;

/**
 * A cheap first look: a line with none of these words, no date and no time states no header
 * fact, and the full patterns above (slow: they may start anywhere) are not tried on it.
 */
const MAYBE =
  /order|check|chk|ticket|tkt|bon|beleg|receipt|rcpt|rechnung|invoice|bill|factur|ricevuta|scontrino|commande|bestellung|pedido|zamowienie|paragon|tab|trans|table|tbl|tisch|tafel|tavolo|mesa|stolik|stul|guest|cover|cvr|pax|pers|people|g[a\u00e4]ste|couverts|coperti|comensales|osoby|server|waiter|waitress|cashier|clerk|staff|host|bedien|bed\.|kellner|kassi|atendido|annul|storn|void|cancel|abgebr|geannul|serveu|caissier|cameriere|camarero|kelner|obsluhuje|terminal|term|regist|reg|till|pos|kasse|caisse|cassa|caja|kasa|\d[-/.]\d{1,2}[-/.]\d|\d:\d\d|[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]/i;

/**
 * MAYBE's words (HEADER_WORD_LIST), found without the expression: at each run of three
 * letters, the words that start with them are compared.
 */
const MAYBE_WORDS = new WordFinder(
  HEADER_WORD_LIST,
  (c) => (c === 0xe4 || c === 0xc4 ? 0 : BREAK),
  (c) => (c === 0xc4 ? 0xe4 : c),
);
/**
 * The same words in a line's words: these are the line's letters lower-cased and folded ("ä" as
 * "a"), amounts left out, so a word MAYBE finds in the line is there too (a first look). The
 * word looks (word-looks.ts) take it for most lines; this sieve, for words with CJK in them.
 */
const MAYBE_IN_WORDS = new KeywordSieve([HEADER_WORD_LIST], {
  other: (c) => (c === 0xe4 || c === 0xc4 ? 0 : BREAK),
});

/**
 * The first characters of the facts' words in Japanese and Korean (注文, 伝票, 주문, テーブル, 卓,
 * 테이블, 人数, 客数, 인원, 名, 人, 명, 担当, 담당, レジ): other CJK characters start none of them.
 */
const CJK_FACT_STARTS = new Set([...'注伝주テ卓테人客인名명担담レ'].map((ch) => ch.charCodeAt(0)));

/**
 * Before each fact's expression: its words, so it runs only on lines that may hold one, from
 * where the first may start. The expressions are case-blind by Unicode, where "ſ" is an "s" and
 * the Kelvin sign a "k". MAYBE stays the gate: a line without its words is not read for facts
 * (it has no "ref").
 */
const FACT_WORDS = new KeywordSieve(
  [
    // ORDER ("réf" as "ref")
    'order check chk ticket tkt bon beleg receipt rcpt rechnung invoice bill facture ricevuta ' +
      'scontrino commande bestellung pedido zamowienie paragon tab trans ref',
    // TABLE
    'table tbl tisch tafel tavolo mesa stolik stul',
    // COVERS, both ways round
    'guests covers cvrs pax persons pers people gaste couverts coperti comensales osoby',
    // SERVER
    'server waiter waitress cashier clerk staff host bedient bediend voided cancelled canceled ' +
      'annule storniert abgebrochen geannuleerd bediening bedienung bediener bed kellner ' +
      'kassierer kassier atendido serveur serveuse caissier cameriere camarero kelner obsluhuje',
    // TERMINAL
    'terminal term register reg till pos kasse caisse cassa caja kasa',
  ],
  {
    other: (c) => {
      if (CJK_FACT_STARTS.has(c)) return ANY; // a fact's word in Japanese or Korean may start
      if (c === 0x17f) return 18; // ſ: s
      if (c === 0x212a) return 10; // Kelvin sign: k
      if (c === 0xe4 || c === 0xc4) return 0; // ä: a
      if (c === 0xe9 || c === 0xc9) return 4; // é: e
      return BREAK;
    },
    // Each expression's words follow `(?:^|[^\p{L}])` (or a count: "2 guests").
    startsOnly: true,
  },
);
const [ORDER_GROUP, TABLE_GROUP, COVERS_GROUP, SERVER_GROUP, TERMINAL_GROUP] = [0, 1, 2, 3, 4];
/** The same expressions, searching from where their first word may start (`lastIndex`). */
const [ORDER_FROM, TABLE_FROM, COVERS_FROM, SERVER_FROM, TERMINAL_FROM] = [
  ORDER,
  TABLE,
  COVERS,
  SERVER,
  TERMINAL,
].map((re) => new RegExp(re.source, `${re.flags}g`));

/**
 * `fact.exec(t)` with the search started a little before the first word may start: what comes
 * before a word is at most "(?:^|[^\p{L}])" or a count and a space ("12 guests"): four
 * characters. Nothing can match earlier, so the first match is the same; null with no word.
 */
function factFrom(fact: RegExp, t: string, wordAt: number): RegExpExecArray | null {
  if (wordAt < 0) return null;
  fact.lastIndex = Math.max(0, wordAt - 4);
  return fact.exec(t);
}

/**
 * MAYBE's alternatives that are no words: a date, a time (`\d[-/.]\d{1,2}[-/.]\d|\d:\d\d`, their
 * first digit taken once: a fifth faster over a receipt), a CJK character.
 */
const DATE_TIME_CJK = /\d(?:[-/.]\d{1,2}[-/.]\d|:\d\d)|[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]/g;

/**
 * The lines with a date, a time or a CJK character, from one search over the whole text (none of
 * them spans a line break): cheaper than a look at every character of every line in script.
 */
function datedLines(lines: ReadLine[], text: string): Uint8Array {
  const dated = new Uint8Array(lines.length);
  let line = 0;
  let lineEnd = lines.length > 0 ? lines[0].text.length : 0;
  DATE_TIME_CJK.lastIndex = 0;
  for (let m = DATE_TIME_CJK.exec(text); m; m = DATE_TIME_CJK.exec(text)) {
    while (m.index > lineEnd) lineEnd += lines[++line].text.length + 1;
    dated[line] = 1;
    DATE_TIME_CJK.lastIndex = lineEnd + 1; // the next line
  }
  return dated;
}

/**
 * Whether the line's words may hold one of MAYBE's words (a first look before the finder), from
 * its word looks; words with CJK in them ("any" to the looks) are looked at on their own.
 */
function mayHaveWords(line: ReadLine, looks: number): boolean {
  if (line.spelledCurrency) return true;
  return looks === ALL_LOOKS ? MAYBE_IN_WORDS.scan(line.words) !== 0 : (looks & HEADER_BIT) !== 0;
}

/**
 * `/\borig/iu.test(t)` by codes: "orig" in any case after no word character (to a case-blind
 * Unicode expression, "ſ" and the Kelvin sign are word characters too).
 */
function startsWordOrig(t: string): boolean {
  for (let k = t.length - 4; k >= 0; k--) {
    if ((t.charCodeAt(k) | 0x20) !== 0x6f || (t.charCodeAt(k + 1) | 0x20) !== 0x72) continue;
    if ((t.charCodeAt(k + 2) | 0x20) !== 0x69 || (t.charCodeAt(k + 3) | 0x20) !== 0x67) continue;
    const before = t.charCodeAt(k - 1);
    const word =
      isAsciiLetter(before) ||
      isDigit(before) ||
      before === 0x5f ||
      before === 0x17f ||
      before === 0x212a;
    if (!word) return true;
  }
  return false;
}

/**
 * The header facts of a receipt; `monthFirst` reads 03/04/2026 as March 4 (US receipts). The
 * lines that state one are returned too: they are never items. `text` is the lines' text joined
 * by line breaks, as readLines has it; `looks`, each line's word looks (word-looks.ts).
 */
export function headerOf(
  lines: ReadLine[],
  text: string,
  monthFirst: boolean,
  looks: Uint8Array,
): { header: ReceiptHeader; headerLines: Set<number> } {
  const headerLines = new Set<number>();
  const header: ReceiptHeader = {
    order: null,
    table: null,
    covers: null,
    server: null,
    terminal: null,
    printedAt: null,
  };
  let date: string | null = null;
  let time: string | null = null;
  const dated = datedLines(lines, text);
  for (let k = 0; k < lines.length; k++) {
    const line = lines[k];
    const t = line.text;
    // MAYBE.test(t): its dates, times and CJK found above, its words by the finder, on the
    // lines whose words (shorter than the line, and lower case) may hold one. A currency in
    // letters is not in the words: such a line is looked at whole.
    if (!dated[k] && !(mayHaveWords(line, looks[k]) && (MAYBE_WORDS.find(t) ?? MAYBE.test(t))))
      continue;
    // Each expression runs once per line, and only where its words may be: its match says both
    // "a header line" and the fact.
    const starts = FACT_WORDS.firstStarts(t);
    const order = factFrom(ORDER_FROM, t, starts[ORDER_GROUP]);
    const table = factFrom(TABLE_FROM, t, starts[TABLE_GROUP]);
    const covers = factFrom(COVERS_FROM, t, starts[COVERS_GROUP]);
    const server = factFrom(SERVER_FROM, t, starts[SERVER_GROUP]);
    const terminal = factFrom(TERMINAL_FROM, t, starts[TERMINAL_GROUP]);
    const ymd = YMD.exec(t);
    const dmy = ymd ? null : DMY.exec(t); // a line with a y-m-d date needs no other
    if (order || table || covers || server || terminal || ymd || dmy) {
      headerLines.add(line.index);
    }
    // "Orig. bon 1711" names the check a refund goes back to, not this one.
    if (!startsWordOrig(t)) header.order ??= order?.[1] ?? null;
    header.table ??= table?.[1] ?? null;
    if (header.covers === null && covers) header.covers = Number(covers[1] ?? covers[2]);
    header.server ??= server?.[1]?.replace(/\s{2,}.*$/u, '').trim() || null;
    header.terminal ??= terminal?.[1] ?? null;
    date ??= dateOf(ymd, dmy, monthFirst);
    if (time === null && (date !== null || /\d{1,2}[:時]\d{2}/u.test(t))) time = timeOf(t);
  }
  if (date) header.printedAt = time ? `${date}T${time}` : date;
  return { header, headerLines };
}

function dateOf(
  ymd: RegExpExecArray | null,
  dmy: RegExpExecArray | null,
  monthFirst: boolean,
): string | null {
  if (ymd) return isoDate(+ymd[1], +ymd[2], +ymd[3]);
  if (!dmy) return null;
  const year = dmy[4].length === 2 ? 2000 + +dmy[4] : +dmy[4];
  const [a, b] = [+dmy[1], +dmy[3]];
  // Dots and dashes are day first everywhere; slashes are month first in the US.
  const monthFirstHere = dmy[2] === '/' && (monthFirst || b > 12) && a <= 12;
  return monthFirstHere ? isoDate(year, a, b) : isoDate(year, b, a);
}

function timeOf(text: string): string | null {
  const m = TIME.exec(text);
  if (!m) return null;
  let hour = +m[1];
  const minute = +m[2];
  const half = m[4]?.toLowerCase().replace(/\./gu, '');
  if (half === 'pm' && hour < 12) hour += 12;
  if (half === 'am' && hour === 12) hour = 0;
  if (hour > 23 || minute > 59) return null;
  return `${pad(hour)}:${pad(minute)}`;
}

function isoDate(y: number, m: number, d: number): string | null {
  if (m < 1 || m > 12 || d < 1 || d > 31) return null;
  return `${y}-${pad(m)}-${pad(d)}`;
}

const pad = (n: number) => String(n).padStart(2, '0');
