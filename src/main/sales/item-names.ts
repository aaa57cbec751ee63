/**
 * The words a person reads on a line: an item's name (its quantity and price left out) and a
 * figure's label, both cut where the receipt's columns start (two spaces or more).
 */
import { isDigit, isSpace } from './chars';
import type { ReadLine } from './lines';

/** An amount at the end of a name's column ("Cola 0.5l  2,50 B" cut to "Cola 0.5l"). */
const AMOUNT_LAST = /\s+[-−]?[$€£¥]?\d[\d.,' ]*(?:\s*[A-Z*])?\s*$/u;

/** The name on an item or modifier line, as printed (full-width characters kept). */
export function itemName(line: ReadLine): string {
  const t = line.text;
  // `t.trim()` with its leading quantity taken off, as places in the line: item lines are most
  // of a receipt, and each string made on the way cost more than finding the name.
  let start = 0;
  let end = t.length;
  while (start < end && isSpace(t.charCodeAt(start))) start++;
  while (end > start && isSpace(t.charCodeAt(end - 1))) end--;
  // Both expressions need a digit (a quantity first, an amount last): most names have none.
  if (isDigit(t.charCodeAt(start))) start = afterQuantity(t, start, end);
  const gap = gapAt(t, start, end);
  const cut = gap < 0 ? beforeGap(t.slice(start, end)) : t.slice(start, gap);
  const name = (hasDigit(cut) ? cut.replace(AMOUNT_LAST, '') : cut).trim();
  // Half-width keeps every character's place: the same stretch of the printed line (which, on
  // a line printed with no full-width characters, is the name itself).
  if (line.printed === t) return name;
  const at = t.indexOf(name);
  return at >= 0 ? line.printed.slice(at, at + name.length) : name;
}

/** `/\d/u.test(text)`, by codes: a name is short, and an expression's call cost more. */
function hasDigit(text: string): boolean {
  for (let k = 0; k < text.length; k++) if (isDigit(text.charCodeAt(k))) return true;
  return false;
}

export function label(line: ReadLine): string {
  return beforeGap(line.text).trim() || line.words;
}

const isTimes = (c: number) => c === 0x78 || c === 0x58 || c === 0xd7 || c === 0x2a || c === 0x40;

/**
 * Where `^\s*\d{1,3}(?:\s*[xX×*@]\s*|\s+)` (a quantity: "2x ", "3 ") ends in `t[start, end)`,
 * which starts with a digit, or `start` when it does not match. A fourth digit leaves no way
 * to match: backtracking to fewer digits puts a digit where a space or a sign must be.
 */
function afterQuantity(t: string, start: number, end: number): number {
  let k = start;
  while (k < end && k - start < 3 && isDigit(t.charCodeAt(k))) k++;
  if (k < end && isDigit(t.charCodeAt(k))) return start;
  let j = k;
  while (j < end && isSpace(t.charCodeAt(j))) j++;
  if (j < end && isTimes(t.charCodeAt(j))) {
    j++;
    while (j < end && isSpace(t.charCodeAt(j))) j++;
    return j;
  }
  return j > k ? j : start;
}

/**
 * Where `beforeGap(t.slice(start, end))` cuts, as a place in `t` (`end` for no cut), or -1 when
 * a line break may follow (the expression then decides, on the slice).
 */
function gapAt(t: string, start: number, end: number): number {
  for (let k = start; k < end; k++) {
    const c = t.charCodeAt(k);
    if (c === 0x0d || c === 0x2028 || c === 0x2029) return -1;
    if (isSpace(c) && k + 1 < end && isSpace(t.charCodeAt(k + 1))) {
      // A break past the gap, even in the spaces trimmed off: the expression then decides.
      return hasBreak(t, k) ? -1 : k;
    }
  }
  return end;
}

const hasBreak = (t: string, from: number) =>
  t.indexOf('\r', from) >= 0 || t.indexOf('\u2028', from) >= 0 || t.indexOf('\u2029', from) >= 0;

/**
 * `text.replace(/\s{2,}.*$/u, '')`: the text up to its first run of two spaces or more (the
 * columns of a receipt). Where no line break is in it (a line has no "\n", and "\r", U+2028 and
 * U+2029 are rare), `.*$` always reaches the end, so the first two spaces in a row are where the
 * text is cut; with a break, the expression decides.
 */
function beforeGap(text: string): string {
  let gap = -1;
  for (let k = 0; k < text.length && gap < 0; k++) {
    const c = text.charCodeAt(k);
    if (c === 0x0d || c === 0x2028 || c === 0x2029) return text.replace(/\s{2,}.*$/u, '');
    if (isSpace(c) && isSpace(text.charCodeAt(k + 1))) gap = k;
  }
  if (gap < 0) return text;
  // Past the gap only a break matters: three searches in native code instead of a loop.
  return hasBreak(text, gap) ? text.replace(/\s{2,}.*$/u, '') : text.slice(0, gap);
}
