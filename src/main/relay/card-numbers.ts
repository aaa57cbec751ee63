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
 * Masks every card number in `text`. Digit runs are chained when one space or one dash stands
 * between them; every stretch of whole runs in a chain that has 13-19 digits and passes Luhn is a
 * card number. All such stretches are masked, overlapping ones too, so digits around a card
 * (a date before it, a time after it) cannot shift which stretch is masked and leave part of the
 * card readable. A run of more than 19 digits is not a card number, nor part of one.
 */
export function maskCardNumbers(text: string): CardMasking {
  const masked: boolean[] = [];
  const cards: string[] = [];
  let anyMasked = false;
  let chain: Group[] = [];
  let i = 0;
  const n = text.length;
  while (i <= n) {
    const start = i;
    while (i < n && digitValue(text.charCodeAt(i)) >= 0) i++;
    if (i > start) {
      const group: Group = { start, end: i, digits: readDigits(text, start, i) };
      const prev = chain[chain.length - 1];
      const joined = prev && prev.end + 1 === start && isSeparator(text.charCodeAt(prev.end));
      if (!joined) {
        anyMasked = scanChain(chain, masked, cards) || anyMasked;
        chain = [];
      }
      chain.push(group);
      continue;
    }
    // A non-digit: it may be the one separator between two runs; anything else ends the chain
    // when the next digit comes (checked above by position).
    i++;
  }
  anyMasked = scanChain(chain, masked, cards) || anyMasked;
  if (!anyMasked) return { text, cards };
  let out = '';
  let from = 0;
  for (let k = 0; k < n; k++) {
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

function isSeparator(code: number): boolean {
  return code === 0x20 || code === 0x2d;
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
