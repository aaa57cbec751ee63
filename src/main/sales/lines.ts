/**
 * Reads each line of a receipt on its own: its amounts (in the receipt's decimal style), its
 * words folded for matching, the figure its words name (total, tax, cash, ...), and, for a line
 * that names none, whether it looks like an item (a quantity, a name, an amount at the right) or
 * a modifier under one. What the figures add up to is the reconciler's job, not this file's.
 */
import {
  type AmountToken,
  amountTokens,
  CURRENCY_SIGNS,
  type DecimalStyle,
  decimalStyle,
  halfWidth,
  minorUnits,
  NO_DECIMALS,
  rateBasisPoints,
} from './amounts';
import { fold, type Role } from './labels';
import { type Phrase, type ReadyProfile, UNSPACED } from './profile';

export interface ReadLine {
  index: number;
  /** The line half-width (full-width digits and signs as ASCII), for reading. */
  text: string;
  /** The line as printed, for names (half-width keeps each character's place, so one maps). */
  printed: string;
  /** Its words, folded, amounts left out. */
  words: string;
  /** The figure the line's words name, if any. */
  role: Role | null;
  /** Money on the line in minor units, left to right (rates and quantities left out). */
  amounts: number[];
  /** The line's amount: the rightmost money on it. */
  amount: number | null;
  /** A rate printed on the line ("19%"), in basis points. */
  rate: number | null;
  /** A leading or "2 x" quantity, when the line has one. */
  quantity: number | null;
  /** Leading spaces (modifiers are indented under their item). */
  indent: number;
  /** Starts with +, -, *, > or "with"/"no" (a modifier's marks). */
  marked: boolean;
  /** The last four digits of a card number printed masked. */
  last4: string | null;
  /** A currency printed on the line, as its ISO code. */
  currency: string | null;
}

/** Priority among several figures a line's words name: the most specific wins. */
const PRIORITY: Role[] = [
  'change',
  'tip',
  'service',
  'discount',
  'subtotal',
  'tax',
  'gift-card',
  'voucher',
  'mobile',
  'account',
  'card',
  'tendered',
  'cash',
  'total',
  'ignore',
];
const INCLUDED = /\b(incl|inkl|including|inclusive|included|ttc|brutto|gross|inc)\b/u;
const MARK = /^\s*(?:[+\-*>~]|with\b|no\b|add\b|extra\b|sans\b|ohne\b|mit\b|senza\b|sin\b)/iu;
const LAST4 =
  /(?:[x*•#]{2,}[\s-]?){1,4}(\d{4})\b|ending(?: in)?\s*(\d{4})\b|\bnr\.?\s*[x*]+(\d{4})\b/iu;
const LEADING_QTY = /^\s*(\d{1,3})(?:\s*[xX×*@]\s*|\s+)(?=[\p{L}\p{N}(])/u;
const TIMES_QTY = /(?:^|\s)(?:[xX×]\s?(\d{1,3})|(\d{1,3})\s?[xX×@])(?=\s|$)/u;
/** A count with its counter word: "6点" (Japanese), "3 pcs", "2 Stk". */
const COUNTED = /(?:^|\s)(\d{1,3})\s?(?:点|個|本|杯|皿|人前|개|잔|pcs|pc|stk|st)(?=\s|$)/iu;
/** Words for matching: punctuation to spaces, so "Total:", "TOTAL EUR" and "total" compare. */
function words(text: string): string {
  if (/^[\x20-\x7e\u2500-\u259f]*$/u.test(text)) {
    return text
      .toLowerCase()
      .replace(/[^a-z0-9%&+-]+/gu, ' ')
      .trim(); // most lines: ASCII, perhaps with box-drawing rules (no letters to fold)
  }
  return fold(text)
    .replace(/[^\p{L}\p{N}%&+-]+/gu, ' ')
    .trim();
}

/** The figure a line's words name, if any. */
export function roleOf(w: string, profile: ReadyProfile): Role | null {
  if (!w) return null;
  const found = new Map<Role, Phrase>();
  const better = (p: Phrase) => {
    const had = found.get(p.role);
    if (
      !had ||
      (p.taught && !had.taught) ||
      (p.taught === had.taught && p.phrase.length > had.phrase.length)
    ) {
      found.set(p.role, p);
    }
  };
  // Each word of the line looks up the phrases that start with it: a few checks per word,
  // not one per phrase known.
  const words = w.split(' ');
  for (let k = 0; k < words.length; k++) {
    for (const p of profile.byFirstWord.get(words[k]) ?? []) {
      let j = 1;
      while (j < p.words.length && words[k + j] === p.words[j]) j++;
      if (j === p.words.length) better(p);
    }
  }
  if (UNSPACED.test(w)) for (const p of profile.unspaced) if (w.includes(p.phrase)) better(p);
  if (found.size === 0) return null;
  if (found.size > 1) {
    // A phrase inside a longer one found for another figure ("balance" in "balance due") goes.
    for (const [role, p] of found) {
      for (const [other, longer] of found) {
        if (
          other !== role &&
          longer.phrase.length > p.phrase.length &&
          (UNSPACED.test(p.phrase)
            ? longer.phrase.includes(p.phrase)
            : ` ${longer.phrase} `.includes(` ${p.phrase} `))
        ) {
          found.delete(role);
          break;
        }
      }
    }
    // A word the manager taught for this station decides.
    const taught = [...found.values()].filter((p) => p.taught);
    if (taught.length === 1) return taught[0].role;
    if (found.has('total') && INCLUDED.test(w)) return 'total'; // "Total incl. VAT"
  }
  for (const role of PRIORITY) if (found.has(role)) return role;
  return null;
}

/** A line the manager taught is an item, though a label's word is in its name. */
function isTaughtItem(w: string, items: string[]): boolean {
  if (items.length === 0) return false;
  const spaced = ` ${w} `;
  return items.some((p) => (UNSPACED.test(p) ? w.includes(p) : spaced.includes(` ${p} `)));
}

/** Every line of a receipt read, amounts in the style most of the receipt's amounts agree on. */
export function readLines(
  text: string,
  profile: ReadyProfile,
): { lines: ReadLine[]; style: DecimalStyle; currency: string | null } {
  const printed = text.split('\n');
  const raw = printed.map(halfWidth);
  const tokens = raw.map(amountTokens);
  const currency = profile.currency ?? receiptCurrency(tokens, raw);
  const style = profile.decimal
    ? { decimal: profile.decimal, places: currency && NO_DECIMALS.has(currency) ? 0 : 2 }
    : decimalStyle(tokens.flat(), currency);
  const lines = raw.map((line, index) =>
    readLine(line, printed[index], index, tokens[index], style, profile),
  );
  return { lines, style, currency };
}

const CODE_WORD =
  /(?<![A-Za-z])(EUR|USD|GBP|CHF|JPY|KRW|PLN|SEK|NOK|DKK|CZK|HUF|BRL|CAD|AUD|MXN)(?![A-Za-z])/u;

/** The currency the receipt's amounts carry most often, or a code printed on its own. */
function receiptCurrency(tokens: AmountToken[][], raw: string[]): string | null {
  const counts = new Map<string, number>();
  for (const t of tokens.flat()) {
    const code = t.currency ? CURRENCY_SIGNS[t.currency.replace(/\.$/u, '')] : undefined;
    if (code) counts.set(code, (counts.get(code) ?? 0) + 1);
  }
  if (counts.size === 0) {
    for (const line of raw) {
      const code = CODE_WORD.exec(line)?.[1];
      if (code) counts.set(code, (counts.get(code) ?? 0) + 1);
    }
  }
  let best: string | null = null;
  for (const [code, n] of counts) if (!best || n > counts.get(best)!) best = code;
  return best;
}

function readLine(
  text: string,
  printed: string,
  index: number,
  tokens: AmountToken[],
  style: DecimalStyle,
  profile: ReadyProfile,
): ReadLine {
  const indent = text.length - text.trimStart().length;
  let quantity: number | null = null;
  const lead = LEADING_QTY.exec(text);
  const amounts: number[] = [];
  let rate: number | null = null;
  let currency: string | null = null;
  let bare = text;
  const last = tokens.length - 1;
  for (const [k, t] of tokens.entries()) {
    bare = bare.slice(0, t.start) + ' '.repeat(t.end - t.start) + bare.slice(t.end);
    if (t.percent) {
      rate ??= rateBasisPoints(text.slice(t.start, t.end));
      continue;
    }
    if (lead && t.start <= lead.index + lead[0].length && t.end <= lead[0].length + lead.index) {
      continue; // the leading quantity, not money
    }
    // Without decimals every number could be money: a small bare one before the line's amount
    // ("生ビール  2  ¥1,200") is its quantity.
    const bareCount = !t.currency && /^\d{1,3}$/u.test(t.digits) && k < last;
    if (style.places === 0 && bareCount) {
      if (!lead) quantity ??= Number(t.digits);
      continue;
    }
    const money = style.places === 0 || t.money;
    if (!money) continue;
    const v = minorUnits(t, style);
    if (v === null) continue;
    amounts.push(v);
    if (t.currency) currency = CURRENCY_SIGNS[t.currency.replace(/\.$/u, '')] ?? currency;
  }
  if (lead) quantity = Number(lead[1]);
  const w = words(bare);
  if (quantity === null) {
    const times = TIMES_QTY.exec(bare) ?? COUNTED.exec(bare);
    if (times) quantity = Number(times[1] ?? times[2]);
  }
  const m = /[x*•#]{2}|ending|nr/iu.test(text) ? LAST4.exec(text) : null;
  return {
    index,
    text,
    printed,
    words: w,
    role: isTaughtItem(w, profile.items) ? null : roleOf(w, profile),
    amounts,
    amount: amounts.length > 0 ? amounts[amounts.length - 1] : null,
    rate,
    quantity,
    indent,
    marked: MARK.test(text),
    last4: m ? (m[1] ?? m[2] ?? m[3]) : null,
    currency,
  };
}
