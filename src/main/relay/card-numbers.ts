/**
 * Card numbers (PANs) in receipt text, found and masked before anything leaves the PC. A card
 * number is 13 to 19 digits that pass the Luhn check, written in one run or in groups separated
 * by a single space or dash ("4111 1111 1111 1111", "3782-822463-10005"). All but its last four
 * digits become '*'; separators stay, and every character keeps its place, so a receipt's columns
 * stay aligned.
 */

export const PAN_MIN_DIGITS = 13;
export const PAN_MAX_DIGITS = 19;
const KEEP_LAST = 4;

/** The Luhn check (ISO/IEC 7812-1) over a string of the digits 0-9. */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return digits.length > 0 && sum % 10 === 0;
}

export interface CardMasking {
  text: string;
  /** The digits of each card number masked, for checking other copies (the raw bytes). */
  cards: string[];
}

/** A maximal run of digits in the text. */
interface Group {
  start: number;
  end: number;
  /** The run's digits as ASCII 0-9 (fullwidth digits read as their values). */
  digits: string;
}

/**
 * A chain: digit runs (ASCII or fullwidth) with one space or one dash between each two. Matched
 * left to right it is always maximal: a match starts at the first digit after a non-digit and
 * takes every run the next single separator leads to.
 */
const CHAIN = /[0-9\uff10-\uff19]+(?:[ -][0-9\uff10-\uff19]+)*/g;

/**
 * Masks every card number in `text`. Digit runs are chained when one space or one dash stands
 * between them; every stretch of whole runs in a chain that has 13-19 digits and passes Luhn is a
 * card number. All such stretches are masked, overlapping ones too, so digits around a card
 * (a date before it, a time after it) cannot shift which stretch is masked and leave part of the
 * card readable. A run of more than 19 digits is not a card number, nor part of one.
 *
 * Every receipt the relay sends goes through here, its text and its figures' JSON with their
 * many short numbers (prices, quantities, times), so chains are found by the regular expression
 * engine and one shorter than 13 characters is passed over without looking at its digits.
 */
export function maskCardNumbers(text: string): CardMasking {
  const masked: boolean[] = [];
  const cards: string[] = [];
  let anyMasked = false;
  CHAIN.lastIndex = 0;
  for (let m = CHAIN.exec(text); m !== null; m = CHAIN.exec(text)) {
    if (m[0].length < PAN_MIN_DIGITS) continue;
    const chain: Group[] = [];
    const end = m.index + m[0].length;
    let i = m.index;
    while (i < end) {
      const start = i;
      while (i < end && digitValue(text.charCodeAt(i)) >= 0) i++;
      chain.push({ start, end: i, digits: readDigits(text, start, i) });
      i++; // the separator
    }
    anyMasked = scanChain(chain, masked, cards) || anyMasked;
  }
  if (!anyMasked) return { text, cards };
  let out = '';
  let from = 0;
  for (let k = 0; k < text.length; k++) {
    if (!masked[k]) continue;
    out += text.slice(from, k) + (isFullwidthDigit(text.charCodeAt(k)) ? '\uff0a' : '*');
    from = k + 1;
  }
  return { text: out + text.slice(from), cards };
}

/** Marks the positions to mask of every card number in one chain; true when it marked any. */
function scanChain(chain: Group[], masked: boolean[], cards: string[]): boolean {
  let any = false;
  for (let first = 0; first < chain.length; first++) {
    let digits = '';
    for (let last = first; last < chain.length; last++) {
      digits += chain[last].digits;
      if (digits.length > PAN_MAX_DIGITS) break;
      if (digits.length < PAN_MIN_DIGITS || !luhnValid(digits)) continue;
      cards.push(digits);
      markAllButLastFour(chain, first, last, masked);
      any = true;
    }
  }
  return any;
}

function markAllButLastFour(chain: Group[], first: number, last: number, masked: boolean[]): void {
  let keep = KEEP_LAST;
  for (let g = last; g >= first; g--) {
    for (let k = chain[g].end - 1; k >= chain[g].start; k--) {
      if (keep > 0) keep--;
      else masked[k] = true;
    }
  }
}

/** ASCII and fullwidth digits (Japanese receipts print both); -1 for anything else. */
function digitValue(code: number): number {
  if (code >= 0x30 && code <= 0x39) return code - 0x30;
  if (isFullwidthDigit(code)) return code - 0xff10;
  return -1;
}

function isFullwidthDigit(code: number): boolean {
  return code >= 0xff10 && code <= 0xff19;
}

function readDigits(text: string, start: number, end: number): string {
  let s = '';
  for (let k = start; k < end; k++) s += String.fromCharCode(48 + digitValue(text.charCodeAt(k)));
  return s;
}
