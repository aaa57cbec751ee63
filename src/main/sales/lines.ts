/**
 * Reads each line of a receipt on its own: its amounts (in the receipt's decimal style), its
 * words folded for matching (line-words.ts), the figure its words name (roles.ts), and, for a
 * line that names none, whether it looks like an item (a quantity, a name, an amount at the
 * right) or a modifier under one. What the figures add up to is the reconciler's job. Each line
 * is read by a few passes over its character codes; expressions run only where a cheap look
 * says they may match.
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
import { isAsciiLetter, isDigit, isLetterOrNumber, isSpace } from './chars';
import type { Role } from './labels';
import { blanked, lineWords } from './line-words';
import { linesWith, ownLines } from './own-lines';
import { roleOf } from './roles';
import { type ReadyProfile, UNSPACED } from './profile';

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
  /** A currency by an amount is written in letters ("EUR 5"), which `words` leaves out. */
  spelledCurrency: boolean;
}

const MARK = /^\s*(?:[+\-*>~]|with\b|no\b|add\b|extra\b|sans\b|ohne\b|mit\b|senza\b|sin\b)/iu;
const LAST4 =
  /(?:[x*•#]{2,}[\s-]?){1,4}(\d{4})\b|ending(?: in)?\s*(\d{4})\b|\bnr\.?\s*[x*]+(\d{4})\b/iu;
const TIMES_QTY = /(?:^|\s)(?:[xX×]\s?(\d{1,3})|(\d{1,3})\s?[xX×@])(?=\s|$)/u;
/** A count with its counter word: "6点" (Japanese), "3 pcs", "2 Stk". */
const COUNTED = /(?:^|\s)(\d{1,3})\s?(?:点|個|本|杯|皿|人前|개|잔|pcs|pc|stk|st)(?=\s|$)/iu;
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
): { lines: ReadLine[]; text: string; style: DecimalStyle; currency: string | null } {
  const printed = ownLines(text);
  const n = printed.length;
  // Full-width digits and signs made ASCII (most receipts print none: one search says so).
  const halved = FULL_WIDTH.test(text);
  const raw = halved ? printed.map(halfWidth) : printed;
  const rawText = halved ? raw.join('\n') : text;
  const tokens: AmountToken[][] = new Array<AmountToken[]>(n);
  const all: AmountToken[] = [];
  for (let k = 0; k < n; k++) {
    tokens[k] = amountTokens(raw[k]);
    for (const t of tokens[k]) all.push(t);
  }
  const currency = profile.currency ?? receiptCurrency(tokens, rawText);
  const style = profile.decimal
    ? { decimal: profile.decimal, places: currency && NO_DECIMALS.has(currency) ? 0 : 2 }
    : decimalStyle(all, currency);
  const lines: ReadLine[] = new Array<ReadLine>(n);
  // Lowered once for every line's words; a text whose lower case changes its length ("İ")
  // leaves each line to lower its own.
  const lowerText = rawText.toLowerCase();
  const lowered = lowerText.length === rawText.length ? { text: lowerText, at: 0 } : undefined;
  const cards = linesWith(MAYBE_CARD, rawText, n);
  for (let k = 0; k < n; k++) {
    lines[k] = readLine(raw[k], printed[k], k, tokens[k], style, profile, cards[k], lowered);
    if (lowered) lowered.at += raw[k].length + 1;
  }
  // The lines' text joined, for searches over the whole receipt (header.ts) without a join.
  return { lines, text: rawText, style, currency };
}

/** Codes a receipt may print on their own ("TOTAL EUR"); they must not run into Latin letters. */
const CODE_WORDS = /EUR|USD|GBP|CHF|JPY|KRW|PLN|SEK|NOK|DKK|CZK|HUF|BRL|CAD|AUD|MXN/g;

/** A sign without its trailing dot ("Fr." as "Fr"): `replace(/\.$/u, '')` with no expression. */
function withoutDot(sign: string): string {
  return sign.charCodeAt(sign.length - 1) === 0x2e ? sign.slice(0, -1) : sign;
}

/** The currency the receipt's amounts carry most often, or a code printed on its own. */
function receiptCurrency(tokens: AmountToken[][], rawText: string): string | null {
  const counts = new Map<string, number>();
  for (const line of tokens) {
    for (const t of line) {
      const code = t.currency ? CURRENCY_SIGNS[withoutDot(t.currency)] : undefined;
      if (code) counts.set(code, (counts.get(code) ?? 0) + 1);
    }
  }
  if (counts.size === 0) {
    // The first code on each line counts, with no Latin letter either side (a line break is
    // none, as a line's ends are not): one search over the text, the sides looked at after.
    CODE_WORDS.lastIndex = 0;
    for (let m = CODE_WORDS.exec(rawText); m; m = CODE_WORDS.exec(rawText)) {
      const at = m.index;
      if (isAsciiLetter(rawText.charCodeAt(at - 1)) || isAsciiLetter(rawText.charCodeAt(at + 3))) {
        CODE_WORDS.lastIndex = at + 1;
        continue;
      }
      counts.set(m[0], (counts.get(m[0]) ?? 0) + 1);
      const lineEnd = rawText.indexOf('\n', at);
      if (lineEnd < 0) break;
      CODE_WORDS.lastIndex = lineEnd + 1; // this line has its code
    }
  }
  let best: string | null = null;
  for (const [code, n] of counts) if (!best || n > counts.get(best)!) best = code;
  return best;
}

/**
 * `^\s*(\d{1,3})(?:\s*[xX×*@]\s*|\s+)(?=[\p{L}\p{N}(])`: a leading quantity ("2x Burger",
 * "3 Fries"), as its number and where it ends; every part is forced, so there is no backtracking.
 */
function leadingQuantity(text: string, indent: number): { quantity: number; end: number } | null {
  let k = indent;
  while (isDigit(text.charCodeAt(k))) k++;
  if (k === indent || k - indent > 3) return null;
  const quantity = Number(text.slice(indent, k));
  let e = k;
  while (isSpace(text.charCodeAt(e))) e++;
  const c = text.charCodeAt(e);
  if (c === 0x78 || c === 0x58 || c === 0xd7 || c === 0x2a || c === 0x40) {
    e++;
    while (isSpace(text.charCodeAt(e))) e++;
    if (startsName(text, e)) return { quantity, end: e };
  }
  e = k;
  while (isSpace(text.charCodeAt(e))) e++;
  return e > k && startsName(text, e) ? { quantity, end: e } : null;
}

/** `(?=[\p{L}\p{N}(])` at `at`: a name follows. */
function startsName(text: string, at: number): boolean {
  if (text.charCodeAt(at) === 0x28) return true;
  const cp = text.codePointAt(at);
  return cp !== undefined && isLetterOrNumber(cp);
}

/** Digits only, one to three of them: a count, perhaps. */
function smallCount(digits: string): boolean {
  if (digits.length < 1 || digits.length > 3) return false;
  for (let k = 0; k < digits.length; k++) if (!isDigit(digits.charCodeAt(k))) return false;
  return true;
}

/**
 * Could MARK match? Its first character after the indent must start one of its marks or words
 * (`ſ` is an `s` to a case-blind Unicode expression). A cheap look before the expression.
 */
const MARK_WORD_STARTS = new Set([...'wnaesom'].map((ch) => ch.charCodeAt(0)));

function mayBeMarked(c: number): boolean {
  return (
    c === 0x2b ||
    c === 0x2d ||
    c === 0x2a ||
    c === 0x3e ||
    c === 0x7e ||
    c === 0x17f ||
    MARK_WORD_STARTS.has(c | 0x20)
  );
}

/**
 * Full-width digits, signs and spaces, which `halfWidth` makes ASCII. By code units, without
 * the `u` flag: every one of them is a single code unit, so the answer is the same, and the
 * search over the whole text is faster.
 */
const FULL_WIDTH = /[\uff01-\uff5e\u3000]/;
/**
 * LAST4's first look, searched once over the whole text (none of it spans a line break): the
 * lines it finds are the only ones LAST4 runs on. Without the `u` flag, by code units: no
 * character folds to one of its letters under Unicode's case folding that does not under the
 * plain one (every code point was tried), so it finds the same lines, faster.
 */
const MAYBE_CARD = /[x*•#]{2}|ending|nr/gi;
const CAPITAL = /[A-Z]/u;

function readLine(
  text: string,
  printed: string,
  index: number,
  tokens: AmountToken[],
  style: DecimalStyle,
  profile: ReadyProfile,
  maybeCard: number,
  lowered: { text: string; at: number } | undefined,
): ReadLine {
  let indent = 0;
  while (indent < text.length && isSpace(text.charCodeAt(indent))) indent++;
  let quantity: number | null = null;
  const lead = leadingQuantity(text, indent);
  const amounts: number[] = [];
  let rate: number | null = null;
  let currency: string | null = null;
  const last = tokens.length - 1;
  let spelledCurrency = false;
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k];
    if (t.currency !== null && t.currency.length > 1) spelledCurrency = true;
    if (t.percent) {
      rate ??= rateBasisPoints(text.slice(t.start, t.end));
      continue;
    }
    if (lead && t.start <= lead.end && t.end <= lead.end) continue; // the leading quantity
    // Without decimals every number could be money: a small bare one before the line's amount
    // ("生ビール  2  ¥1,200") is its quantity.
    if (style.places === 0 && !t.currency && k < last && smallCount(t.digits)) {
      if (!lead) quantity ??= Number(t.digits);
      continue;
    }
    const money = style.places === 0 || t.money;
    if (!money) continue;
    const v = minorUnits(t, style);
    if (v === null) continue;
    amounts.push(v);
    if (t.currency) currency = CURRENCY_SIGNS[withoutDot(t.currency)] ?? currency;
  }
  if (lead) quantity = lead.quantity;
  // With the text lowered, a line's capitals need no look of their own.
  const w = lineWords(text, tokens, lowered !== undefined || CAPITAL.test(text), lowered);
  // Both need a digit the amounts left over ("2x", "x2", "6点").
  if (quantity === null && w.digit) {
    const bare = blanked(text, tokens);
    const times = TIMES_QTY.exec(bare) ?? COUNTED.exec(bare);
    if (times) quantity = Number(times[1] ?? times[2]);
  }
  const m = maybeCard === 1 ? LAST4.exec(text) : null;
  return {
    index,
    text,
    printed,
    words: w.text,
    role: isTaughtItem(w.text, profile.items) ? null : roleOf(w, profile),
    amounts,
    amount: amounts.length > 0 ? amounts[amounts.length - 1] : null,
    rate,
    quantity,
    indent,
    marked: indent < text.length && mayBeMarked(text.charCodeAt(indent)) && MARK.test(text),
    last4: m ? (m[1] ?? m[2] ?? m[3]) : null,
    currency,
    spelledCurrency,
  };
}
