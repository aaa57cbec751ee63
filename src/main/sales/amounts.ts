/**
 * Amounts as receipts print them: 1,234.56 / 1.234,56 / 1 234,56 / 1'234.56, no decimals (yen,
 * won), a currency symbol or code before or after, negatives as -5.00, 5.00-, (5.00), and
 * full-width digits. A line is cut into its amounts and the words between them; which separator
 * is the decimal one is decided per receipt (see `decimalStyle`), never per token.
 */

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

// Signs made of Latin letters must not run into a word ("Fries" is not francs).
const SIGN = String.raw`(?:US\$|C\$|A\$|R\$|[$€£¥￥₩₹₺円원]|(?:zł|Kč|kr|CHF|Fr\.?|EUR|USD|GBP|JPY|KRW|PLN|SEK|NOK|DKK|CZK|HUF|BRL|CAD|AUD|MXN)(?![A-Za-z]))`;
// Digits with grouping (, . ' or a thin or no-break space every three) and an optional fraction;
// a plain space groups only before a comma fraction ("1 234,56"), or "2 100" would be one number.
const NUMBER = String.raw`\d{1,3}(?:[,.'\u202f\u00a0]\d{3})+(?:[.,]\d{1,3})?|\d{1,3}(?: \d{3})+,\d{2}|\d+(?:[.,]\d{1,3})?`;
const TOKEN = new RegExp(
  String.raw`(\()?(?:([-−])\s?)?(?:(${SIGN})\s?)?([-−])?(${NUMBER})(?!\d)(?:\s?(${SIGN}))?([-−](?!\d))?(\))?(\s?%)?`,
  'gu',
);

/** The amounts on a (half-width) line, left to right. */
export function amountTokens(line: string): AmountToken[] {
  const out: AmountToken[] = [];
  if (!/\d/u.test(line)) return out;
  for (const m of line.matchAll(TOKEN)) {
    const [whole, open, minus1, signBefore, minus2, digits, signAfter, minusAfter, close, pct] = m;
    const start = m.index;
    const end = start + whole.length;
    const fraction = /[.,]\d{2}$/u.test(digits);
    if (glued(line, start, end, !!signBefore || !!open, !!signAfter || !!pct, fraction)) continue;
    const currency = signBefore ?? signAfter ?? null;
    out.push({
      digits,
      negative: !!(minus1 || minus2 || minusAfter || (open && close)),
      currency,
      start,
      end,
      percent: !!pct,
      money: !!currency || /[.,]\d{2}$/u.test(digits),
    });
  }
  return out;
}

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
  const before = line[start - 1] ?? '';
  const before2 = line[start - 2] ?? '';
  const after = line[end] ?? '';
  const after2 = line[end + 1] ?? '';
  if (!signed) {
    if (/[\p{L}\d]/u.test(before)) return true;
    if (/[:/#№]/u.test(before)) return true; // a time, a date, or a number: "#0411"
    if (/[.,-]/u.test(before) && /\d/u.test(before2)) return true;
  }
  if (!closed) {
    if (/[:/]/u.test(after) && /\d/u.test(after2)) return true;
    if (/[.,-]/u.test(after) && /\d/u.test(after2)) return true;
    // Glued to a word ("2x", "12oz"), unless it is a lone capital: a tax class ("6,40B").
    if (/\p{L}/u.test(after) && !(/[A-Z]/u.test(after) && !/\p{L}/u.test(after2) && money)) {
      return true;
    }
  }
  return false;
}

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
    const m = /([.,])(\d{1,2})$/u.exec(t.digits);
    if (!m) continue;
    if (m[1] === '.') dot++;
    else comma++;
  }
  if (dot === 0 && comma === 0) return { decimal: null, places: 0 };
  return { decimal: comma > dot ? ',' : '.', places: 2 };
}

/** A token's value in minor units in the receipt's style, or null when it cannot be one. */
export function minorUnits(token: AmountToken, style: DecimalStyle): number | null {
  const digits = token.digits;
  let whole = digits;
  let fraction = '';
  if (style.decimal) {
    const at = digits.lastIndexOf(style.decimal);
    if (at >= 0 && digits.length - at - 1 <= 2) {
      whole = digits.slice(0, at);
      fraction = digits.slice(at + 1);
    }
  }
  // What is left may hold only grouping: separators each followed by three digits, and never the
  // decimal separator ("1,500" on a receipt of "3,20" is not fifteen hundred).
  if (style.decimal && whole.includes(style.decimal)) return null;
  if (!/^\d{1,3}(?:[,.' \u202f\u00a0]\d{3})*$|^\d+$/u.test(whole)) return null;
  const units = Number(whole.replace(/\D/gu, ''));
  const minor = units * 10 ** style.places + Number(fraction.padEnd(style.places, '0') || 0);
  if (!Number.isSafeInteger(minor)) return null;
  return token.negative ? -minor : minor;
}

/** Parses a rate written as "19%", "8.875 %", "7,0%" into basis points. */
export function rateBasisPoints(text: string): number | null {
  const m = /(\d{1,2}(?:[.,]\d{1,3})?)\s?%/u.exec(text);
  if (!m) return null;
  // 8.875 % is 887.5 basis points: a rate is no money, and its printed digits are kept.
  return Number((Number(m[1].replace(',', '.')) * 100).toFixed(1));
}
