/**
 * Amounts as receipts print them: 1,234.56 / 1.234,56 / 1 234,56 / 1'234.56, no decimals (yen,
 * won), a currency symbol or code before or after, negatives as -5.00, 5.00-, (5.00), and
 * full-width digits. A line is cut into its amounts and the words between them; which separator
 * is the decimal one is decided per receipt (see `decimalStyle`), never per token.
 */
import { isDigit } from './chars';

/** One number printed on a line, before the receipt's decimal style is known. */
export interface AmountToken {
  /** The digits and separators as printed ("1.234,56"), sign and currency left out. */
  digits: string;
  negative: boolean;
  /** A currency the token carries ("€", "EUR", "¥"), as printed. */
  currency: string | null;
  /** Where the token starts and ends on the line (sign and currency included). */
  start: number;
  end: number;
  /** Followed by "%" (a rate, not money). */
  percent: boolean;
  /** Starts with a currency sign or is written with a decimal fraction: surely money. */
  money: boolean;
}

/** How a receipt writes its amounts. */
export interface DecimalStyle {
  /** The decimal separator, or null when amounts have no fraction (yen, won). */
  decimal: '.' | ',' | null;
  /** Digits after the decimal separator (2 for most currencies, 0 for JPY/KRW). */
  places: number;
}

const FULL_WIDTH = /[\uFF01-\uFF5E\u3000]/gu;

/** Full-width digits, signs and spaces (CJK receipts) as their ASCII forms. */
export function halfWidth(line: string): string {
  // Most lines have none: a look at the codes is cheaper than a replace that finds nothing.
  let k = 0;
  while (k < line.length) {
    const c = line.charCodeAt(k);
    if ((c >= 0xff01 && c <= 0xff5e) || c === 0x3000) break;
    k++;
  }
  if (k === line.length) return line;
  return line.replace(FULL_WIDTH, (ch) =>
    ch === '\u3000' ? ' ' : String.fromCharCode(ch.charCodeAt(0) - 0xfee0),
  );
}

/** Currency signs and codes a receipt prints beside amounts, with their ISO code. */
export const CURRENCY_SIGNS: Readonly<Record<string, string>> = {
  $: 'USD',
  US$: 'USD',
  C$: 'CAD',
  A$: 'AUD',
  R$: 'BRL',
  '€': 'EUR',
  '£': 'GBP',
  '¥': 'JPY',
  '￥': 'JPY',
  円: 'JPY',
  '₩': 'KRW',
  원: 'KRW',
  '₹': 'INR',
  '₺': 'TRY',
  zł: 'PLN',
  kr: 'SEK',
  Kč: 'CZK',
  CHF: 'CHF',
  Fr: 'CHF',
  EUR: 'EUR',
  USD: 'USD',
  GBP: 'GBP',
  JPY: 'JPY',
  KRW: 'KRW',
  PLN: 'PLN',
  SEK: 'SEK',
  NOK: 'NOK',
  DKK: 'DKK',
  CZK: 'CZK',
  HUF: 'HUF',
  BRL: 'BRL',
  CAD: 'CAD',
  AUD: 'AUD',
  MXN: 'MXN',
};

/** Currencies whose amounts have no minor unit on receipts. */
export const NO_DECIMALS = new Set(['JPY', 'KRW', 'HUF', 'CLP', 'ISK', 'VND', 'IDR']);

// The amounts on a line are found by a scan of character codes (amount-tokens.ts), which reads
// what the TOKEN expression described there would.
export { amountTokens } from './amount-tokens';

/**
 * The decimal style most of a receipt's amounts agree on: a separator followed by exactly two
 * digits at the end is a decimal one; a separator followed by three digits is grouping. With no
 * fraction anywhere, amounts are whole units (yen, won).
 */
export function decimalStyle(tokens: AmountToken[], currency: string | null): DecimalStyle {
  if (currency && NO_DECIMALS.has(currency)) return { decimal: null, places: 0 };
  let dot = 0;
  let comma = 0;
  for (const t of tokens) {
    if (t.percent) continue;
    const separator = fractionSeparator(t.digits);
    if (separator === '.') dot++;
    else if (separator === ',') comma++;
  }
  if (dot === 0 && comma === 0) return { decimal: null, places: 0 };
  return { decimal: comma > dot ? ',' : '.', places: 2 };
}

/** The separator of a fraction of one or two digits at the end (`/([.,])(\d{1,2})$/`), or null. */
function fractionSeparator(digits: string): string | null {
  const n = digits.length;
  if (!isDigit(digits.charCodeAt(n - 1))) return null;
  const at = isDigit(digits.charCodeAt(n - 2)) ? n - 3 : n - 2;
  const c = digits.charCodeAt(at);
  return c === 0x2e ? '.' : c === 0x2c ? ',' : null;
}

/**
 * Whole units (`whole` up to `n`) as `/^\d{1,3}(?:[,.' \u202f\u00a0]\d{3})*$|^\d+$/` reads
 * them: true for digits only, false for digits grouped by separators every three, null for
 * anything else.
 */
function groupedOrPlain(whole: string, n: number): boolean | null {
  let k = 0;
  while (k < n && isDigit(whole.charCodeAt(k))) k++;
  if (k === n) return n > 0 ? true : null;
  if (k === 0 || k > 3) return null;
  while (k < n) {
    const c = whole.charCodeAt(k);
    const separator =
      c === 0x2c || c === 0x2e || c === 0x27 || c === 0x20 || c === 0x202f || c === 0xa0;
    if (!separator || k + 4 > n) return null;
    for (let d = k + 1; d <= k + 3; d++) if (!isDigit(whole.charCodeAt(d))) return null;
    k += 4;
  }
  return false;
}

/**
 * A token's value in minor units in the receipt's style, or null when it cannot be one. Read by
 * codes from the token's digits (every token with money on it is read: slices and `Number` of
 * them were most of the cost): the whole units up to `wholeEnd`, the fraction after it.
 */
export function minorUnits(token: AmountToken, style: DecimalStyle): number | null {
  const digits = token.digits;
  let wholeEnd = digits.length;
  let fraction = 0;
  if (style.decimal) {
    const at = digits.lastIndexOf(style.decimal);
    if (at >= 0 && digits.length - at - 1 <= 2) {
      wholeEnd = at;
      fraction = fractionUnits(digits, at + 1, style.places);
    }
    // What is left may hold only grouping: separators each followed by three digits, and never
    // the decimal separator ("1,500" on a receipt of "3,20" is not fifteen hundred).
    const first = digits.indexOf(style.decimal);
    if (first >= 0 && first < wholeEnd) return null;
  }
  if (groupedOrPlain(digits, wholeEnd) === null) return null;
  // The digits one by one, separators left out: exact up to 2^53, and past it, as `Number` of
  // the digits would be, no safe integer.
  let units = 0;
  for (let k = 0; k < wholeEnd; k++) {
    const c = digits.charCodeAt(k);
    if (isDigit(c)) units = units * 10 + (c - 0x30);
  }
  const minor = units * 10 ** style.places + fraction;
  if (!Number.isSafeInteger(minor)) return null;
  return token.negative ? -minor : minor;
}

/** `Number(digits.slice(from).padEnd(places, '0') || 0)`: a fraction of one or two digits. */
function fractionUnits(digits: string, from: number, places: number): number {
  let value = 0;
  for (let k = from; k < digits.length; k++) {
    const c = digits.charCodeAt(k);
    if (!isDigit(c)) return Number(digits.slice(from).padEnd(places, '0') || 0);
    value = value * 10 + (c - 0x30);
  }
  for (let k = digits.length - from; k < places; k++) value *= 10;
  return value;
}

/** Parses a rate written as "19%", "8.875 %", "7,0%" into basis points. */
export function rateBasisPoints(text: string): number | null {
  const m = /(\d{1,2}(?:[.,]\d{1,3})?)\s?%/u.exec(text);
  if (!m) return null;
  // 8.875 % is 887.5 basis points: a rate is no money, and its printed digits are kept.
  return Number((Number(m[1].replace(',', '.')) * 100).toFixed(1));
}
