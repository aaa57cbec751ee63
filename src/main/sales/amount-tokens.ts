/**
 * The amounts on a line, found by one scan of its character codes. It reads exactly what this
 * expression, run with `matchAll`, would (and `glued` then drops the same matches):
 *
 *   (\()?(?:([-−])\s?)?(?:(SIGN)\s?)?([-−])?(NUMBER)(?!\d)(?:\s?(SIGN))?([-−](?!\d))?(\))?(\s?%)?
 *
 * SIGN: US$|C$|A$|R$|[$€£¥￥₩₹₺円원]|(?:zł|Kč|kr|CHF|Fr\.?|EUR|USD|...|MXN)(?![A-Za-z])
 *   (signs of Latin letters must not run into a word: "Fries" is not francs).
 * NUMBER: digits grouped by , . ' or a thin or no-break space every three, perhaps a fraction;
 *   a plain space groups only before a comma fraction ("1 234,56"), or "2 100" would be one
 *   number (see `numberEnd`).
 * The expression cost about a fifth of reading a receipt (it is tried at every position of every
 * line); the scan looks only near digits. Where the expression would backtrack, the scan tries
 * the same choices in the same order.
 */
import type { AmountToken } from './amounts';
import { isAsciiLetter, isDigit, isLetter, isSpace } from './chars';

const OPEN = 0x28;
const CLOSE = 0x29;
const PERCENT = 0x25;
const DOT = 0x2e;
const COMMA = 0x2c;
const SPACE = 0x20;

const isMinus = (c: number) => c === 0x2d || c === 0x2212;
const isPoint = (c: number) => c === DOT || c === COMMA;
/** Grouping separators: `[,.'\u202f\u00a0]`. */
const isGroup = (c: number) => c === COMMA || c === DOT || c === 0x27 || c === 0x202f || c === 0xa0;

/** Signs tried in the expression's order; `word` ones must not run into a Latin letter. */
const SIGNS: { text: string; word: boolean }[] = [
  ...['US$', 'C$', 'A$', 'R$', '$', '€', '£', '¥', '￥', '₩', '₹', '₺', '円', '원'].map((text) => ({
    text,
    word: false,
  })),
  ...[
    'zł',
    'Kč',
    'kr',
    'CHF',
    'Fr.',
    'Fr',
    'EUR',
    'USD',
    'GBP',
    'JPY',
    'KRW',
    'PLN',
    'SEK',
    'NOK',
    'DKK',
    'CZK',
    'HUF',
    'BRL',
    'CAD',
    'AUD',
    'MXN',
  ].map((text) => ({ text, word: true })),
];
/** The signs by their first character: most characters start none. */
const SIGNS_BY_FIRST = new Map<number, { text: string; word: boolean }[]>();
for (const s of SIGNS) {
  const first = s.text.charCodeAt(0);
  SIGNS_BY_FIRST.set(first, [...(SIGNS_BY_FIRST.get(first) ?? []), s]);
}
/** ASCII characters that start a sign, or may start a prefix ("(", "-", a sign). */
const SIGN_START = new Uint8Array(0x80);
for (const c of SIGNS_BY_FIRST.keys()) if (c < 0x80) SIGN_START[c] = 1;
const MAY_START = SIGN_START.map((sign, c) => (sign === 1 || c === OPEN || c === 0x2d ? 1 : 0));
const mayStart = (c: number) =>
  c < 0x80 ? MAY_START[c] === 1 : c === 0x2212 || SIGNS_BY_FIRST.has(c);
const NO_PREFIX: Prefix = { open: false, minus: false, sign: null };

/** The sign starting at `at`, as the expression's SIGN would take it, or null. */
function signAt(line: string, at: number): string | null {
  const first = line.charCodeAt(at);
  if (first < 0x80 && SIGN_START[first] === 0) return null; // most characters start no sign
  const candidates = SIGNS_BY_FIRST.get(first);
  if (!candidates) return null;
  for (const s of candidates) {
    if (!line.startsWith(s.text, at)) continue;
    if (s.word && isAsciiLetter(line.charCodeAt(at + s.text.length))) continue;
    return s.text;
  }
  return null;
}

/** What comes before the number: `(\()?(?:([-−])\s?)?(?:(SIGN)\s?)?([-−])?`. */
interface Prefix {
  open: boolean;
  minus: boolean;
  sign: string | null;
}

/**
 * The first reading (in the expression's order) of `line[from, digit)` as a prefix, or null.
 * Every piece is optional and greedy: present is tried before absent, a space after before none.
 */
function prefixOf(line: string, from: number, digit: number): Prefix | null {
  const c0 = line.charCodeAt(from);
  for (const open of c0 === OPEN ? [true, false] : [false]) {
    const a = from + (open ? 1 : 0);
    const afterMinus1: number[] = [];
    if (isMinus(line.charCodeAt(a))) {
      if (isSpace(line.charCodeAt(a + 1))) afterMinus1.push(a + 2);
      afterMinus1.push(a + 1);
    }
    afterMinus1.push(a); // no leading minus
    for (const b of afterMinus1) {
      const minus1 = b !== a;
      const sign = signAt(line, b);
      const afterSign: [number, string | null][] = [];
      if (sign) {
        const e = b + sign.length;
        if (isSpace(line.charCodeAt(e))) afterSign.push([e + 1, sign]);
        afterSign.push([e, sign]);
        // "Fr." may also be read as "Fr" followed by a dot, which nothing after can take.
      }
      afterSign.push([b, null]);
      for (const [c, s] of afterSign) {
        if (isMinus(line.charCodeAt(c)) && c + 1 === digit) {
          return { open, minus: true, sign: s };
        }
        if (c === digit) return { open, minus: minus1, sign: s };
      }
    }
  }
  return null;
}

/** Digits from `at`. */
function runOf(line: string, at: number): number {
  let k = at;
  while (isDigit(line.charCodeAt(k))) k++;
  return k - at;
}

/**
 * Where NUMBER starting at the digit `at` ends, (?!\d) included:
 *   \d{1,3}(?:[,.'\u202f\u00a0]\d{3})+(?:[.,]\d{1,3})?   grouped, perhaps a fraction
 *   \d{1,3}(?: \d{3})+,\d{2}                             space-grouped, comma fraction
 *   \d+(?:[.,]\d{1,3})?                                  plain
 */
function numberEnd(line: string, at: number): number {
  const lead = runOf(line, at);
  if (lead <= 3) {
    // Groups end at at + lead + 4, + 8, ...: the longest run first, then shorter ones.
    let groups = 0;
    while (
      isGroup(line.charCodeAt(at + lead + 4 * groups)) &&
      runOf(line, at + lead + 4 * groups + 1) >= 3
    ) {
      groups++;
    }
    for (let j = groups; j >= 1; j--) {
      const end = at + lead + 4 * j;
      if (isPoint(line.charCodeAt(end))) {
        const f = runOf(line, end + 1);
        if (f >= 1 && f <= 3) return end + 1 + f;
      }
      if (!isDigit(line.charCodeAt(end))) return end;
    }
    let spaced = 0;
    while (
      line.charCodeAt(at + lead + 4 * spaced) === SPACE &&
      runOf(line, at + lead + 4 * spaced + 1) >= 3
    ) {
      spaced++;
    }
    for (let j = spaced; j >= 1; j--) {
      const end = at + lead + 4 * j;
      if (line.charCodeAt(end) === COMMA && runOf(line, end + 1) === 2) return end + 3;
    }
  }
  const end = at + lead;
  if (isPoint(line.charCodeAt(end))) {
    const f = runOf(line, end + 1);
    if (f >= 1 && f <= 3) return end + 1 + f;
  }
  return end;
}

/** Ends with a separator and two digits ("12,50"): written as money. */
function twoPlaces(digits: string): boolean {
  const n = digits.length;
  return (
    n >= 3 &&
    isDigit(digits.charCodeAt(n - 1)) &&
    isDigit(digits.charCodeAt(n - 2)) &&
    isPoint(digits.charCodeAt(n - 3))
  );
}

/** The amounts on a (half-width) line, left to right. */
export function amountTokens(line: string): AmountToken[] {
  const out: AmountToken[] = [];
  const n = line.length;
  let pos = 0;
  for (;;) {
    let digit = pos;
    while (digit < n && !isDigit(line.charCodeAt(digit))) digit++;
    if (digit >= n) break;
    // The leftmost start: at most 8 characters of prefix ("(- US$ -") lead to the digit, and
    // the digit itself always starts a match.
    let start = digit;
    let prefix = NO_PREFIX;
    for (let p = Math.max(pos, digit - 8); p < digit; p++) {
      if (!mayStart(line.charCodeAt(p))) continue;
      const found = prefixOf(line, p, digit);
      if (found) {
        start = p;
        prefix = found;
        break;
      }
    }
    const numEnd = numberEnd(line, digit);
    const digits = line.slice(digit, numEnd);
    let end = numEnd;
    let signAfter: string | null = null;
    if (isSpace(line.charCodeAt(end))) {
      signAfter = signAt(line, end + 1);
      if (signAfter) end += 1 + signAfter.length;
    }
    if (!signAfter) {
      signAfter = signAt(line, end);
      if (signAfter) end += signAfter.length;
    }
    let minusAfter = false;
    if (isMinus(line.charCodeAt(end)) && !isDigit(line.charCodeAt(end + 1))) {
      minusAfter = true;
      end++;
    }
    let close = false;
    if (line.charCodeAt(end) === CLOSE) {
      close = true;
      end++;
    }
    let percent = false;
    if (isSpace(line.charCodeAt(end)) && line.charCodeAt(end + 1) === PERCENT) {
      percent = true;
      end += 2;
    } else if (line.charCodeAt(end) === PERCENT) {
      percent = true;
      end++;
    }
    pos = end;
    const fraction = twoPlaces(digits);
    const signed = prefix.sign !== null || prefix.open;
    if (glued(line, start, end, signed, signAfter !== null || percent, fraction)) continue;
    const currency = prefix.sign ?? signAfter;
    out.push({
      digits,
      negative: prefix.minus || minusAfter || (prefix.open && close),
      currency,
      start,
      end,
      percent,
      money: currency !== null || fraction,
    });
  }
  return out;
}

const isColonOrSlash = (c: number) => c === 0x3a || c === 0x2f;
const isPointOrDash = (c: number) => c === DOT || c === COMMA || c === 0x2d;

/**
 * A number that is part of something else: a word or code ("A4", "B52"), a time (20:15), a date
 * (14.03.2026, 03/14, 2026-03-14), a phone number or a card number's groups.
 */
function glued(
  line: string,
  start: number,
  end: number,
  signed: boolean,
  closed: boolean,
  money: boolean,
): boolean {
  const before = line.charCodeAt(start - 1);
  const after = line.charCodeAt(end);
  if (!signed) {
    if (isLetter(before) || isDigit(before)) return true;
    // A time, a date, or a number: "#0411".
    if (isColonOrSlash(before) || before === 0x23 || before === 0x2116) return true;
    if (isPointOrDash(before) && isDigit(line.charCodeAt(start - 2))) return true;
  }
  if (!closed) {
    const after2 = line.charCodeAt(end + 1);
    if ((isColonOrSlash(after) || isPointOrDash(after)) && isDigit(after2)) return true;
    // Glued to a word ("2x", "12oz"), unless it is a lone capital: a tax class ("6,40B").
    if (isLetter(after) && !(after >= 0x41 && after <= 0x5a && !isLetter(after2) && money)) {
      return true;
    }
  }
  return false;
}
