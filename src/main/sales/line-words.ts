/**
 * A line's words for matching labels: its amounts left out, folded as labels are (lower case,
 * accents off), and every run of characters that are not letters, digits or `%&+-` as one
 * space, so "Total:", "TOTAL EUR" and "total" compare. It is what
 * `fold(bare).replace(/[^\p{L}\p{N}%&+-]+/gu, ' ').trim()` gives for the line with its amounts
 * blanked (`bare`): fold's own trimming and spacing only touch characters that become spaces
 * anyway. Most lines are ASCII (perhaps with box-drawing rules) and are read in one pass over
 * their codes; the others take the folding path.
 */
import type { AmountToken } from './amounts';
import { isAsciiLetter, isDigit, isLetterOrNumber } from './chars';

export interface LineWords {
  /** The words joined by single spaces. */
  text: string;
  /** The same words, one by one. */
  list: string[];
  /** Holds a character of a script written without spaces (see UNSPACED in profile.ts). */
  unspaced: boolean;
  /**
   * An ASCII digit is on the line outside its amounts (a "2x" or "6点" quantity may be there):
   * noted on the pass that reads the words, so the line is not scanned again for it.
   */
  digit: boolean;
}

/** `%`, `&`, `+`, `-`: kept in words ("+ oat milk", "ec-karte", "19%"). */
const isKeptMark = (c: number) => c === 0x25 || c === 0x26 || c === 0x2b || c === 0x2d;
/** Accented Latin letters: only these have accents for NFKD to take off (see `fold`). */
const isLatinAccented = (c: number) => (c >= 0x00c0 && c <= 0x024f) || (c >= 0x1e00 && c <= 0x1eff);
const isUnspaced = (c: number) =>
  (c >= 0x3040 && c <= 0x30ff) || (c >= 0x3400 && c <= 0x9fff) || (c >= 0xac00 && c <= 0xd7af);
const NONE: LineWords = { text: '', list: [''], unspaced: false, digit: false };
const isBoxDrawing = (c: number) => c >= 0x2500 && c <= 0x259f;

/**
 * `capitals`: false when the line is known to have no ASCII capitals (nothing to lower there).
 * `lowered`: the line's whole text in lower case with the line at `at`, when the caller has it
 * (one lowering of a receipt costs less than one per line).
 */
export function lineWords(
  line: string,
  tokens: AmountToken[],
  capitals = true,
  lowered?: { text: string; at: number },
): LineWords {
  return plainWords(line, tokens, capitals, lowered) ?? foldedWords(blanked(line, tokens));
}

/**
 * Latin letters with accents (U+00C0-U+024F) folded one by one: each one's NFKD holds its base
 * and marks only, and lower case needs no context for them, so folding the characters one by
 * one gives what folding the line does.
 */
const LATIN_FOLDED = Array.from({ length: 0x250 - 0xc0 }, (_, k) =>
  String.fromCharCode(0xc0 + k)
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase(),
);
/** The folded letter is all letters ("ae" for "æ"), not a letter and a dot ("l·" for "ŀ"). */
const LATIN_LETTERS = LATIN_FOLDED.map(
  (folded) => folded.length > 0 && /^[\p{L}\p{N}%&+-]+$/u.test(folded),
);

/**
 * ASCII letters, digits and `%&+-`: kept in words (non-zero; 3 for a digit, so OR-ing what a
 * line holds says whether a digit was among it); the rest of ASCII separates them.
 */
const ASCII_KEPT = new Uint8Array(0x80).map((_, c) =>
  isDigit(c) ? 3 : isAsciiLetter(c) || isKeptMark(c) ? 1 : 0,
);

/**
 * A line of ASCII, box-drawing rules and accented Latin letters, in one pass: lower case taken
 * from the line lowered once (ASCII and these letters keep their places, except "İ", whose lower
 * case is two characters: such a line takes the folding path), the accented letters folded by
 * the table, anything but letters, digits and `%&+-` a separator. Null for any other line.
 */
function plainWords(
  line: string,
  tokens: AmountToken[],
  capitals: boolean,
  lowered: { text: string; at: number } | undefined,
): LineWords | null {
  // Accented letters are folded by the table from the line itself: only ASCII is taken from
  // `lower`, from `base` on (the line's place in the lowered text it is part of).
  const n = line.length;
  let lower = line;
  let base = 0;
  if (capitals && lowered) {
    lower = lowered.text;
    base = lowered.at;
  } else if (capitals) {
    lower = line.toLowerCase();
    if (lower.length !== n) return null;
  }
  const list: string[] = [];
  let seen = 0; // ASCII_KEPT's values met, OR-ed
  let word = ''; // the word read so far, before `from`
  let from = -1; // start of the stretch of the word still to take from `lower`
  // While the words stand in `lower` one space apart, unfolded, their text is one slice of it
  // (joining them was this function's largest cost).
  let first = -1; // where the first word starts in `lower`
  let end = -1; // where the last word taken ends in `lower`
  let oneSlice = true;
  let t = 0;
  let amountAt = tokens.length > 0 ? tokens[0].start : -1;
  for (let k = 0; k <= n; k++) {
    // A separator: the line's end, an amount, or a character that is in no word.
    const c = k === amountAt || k === n ? -1 : line.charCodeAt(k);
    const kept = c >= 0 && c < 0x80 ? ASCII_KEPT[c] : 0;
    if (kept !== 0) {
      seen |= kept;
      if (from < 0) from = k;
      continue;
    }
    if (c >= 0x80 && !isBoxDrawing(c)) {
      if (c < 0xc0 || c >= 0x250 || !LATIN_LETTERS[c - 0xc0]) return null;
      word += (from >= 0 ? lower.slice(base + from, base + k) : '') + LATIN_FOLDED[c - 0xc0];
      from = k + 1;
      oneSlice = false;
      continue;
    }
    if (from >= 0 || word) {
      if (oneSlice) {
        if (first < 0) first = from;
        else if (from !== end + 1 || line.charCodeAt(end) !== 0x20) oneSlice = false;
        end = k;
      }
      list.push(from >= 0 ? word + lower.slice(base + from, base + k) : word);
      word = '';
      from = -1;
    }
    if (k === amountAt) {
      k = tokens[t++].end - 1;
      amountAt = t < tokens.length ? tokens[t].start : -1;
    }
  }
  if (list.length === 0) return NONE;
  const text = oneSlice ? lower.slice(base + first, base + end) : list.join(' ');
  return { text, list, unspaced: false, digit: (seen & 2) !== 0 };
}

/** The line with its amounts as spaces, as the words were always taken from. */
export function blanked(line: string, tokens: AmountToken[]): string {
  if (tokens.length === 0) return line;
  let out = '';
  let from = 0;
  for (const t of tokens) {
    out += line.slice(from, t.start) + ' '.repeat(t.end - t.start);
    from = t.end;
  }
  return out + line.slice(from);
}

/** Folded as `fold` does (accents off only where there are accented Latin letters), then cut. */
function foldedWords(bare: string): LineWords {
  let accented = false;
  let digit = false;
  for (let k = 0; k < bare.length; k++) {
    const c = bare.charCodeAt(k);
    accented ||= isLatinAccented(c);
    digit ||= isDigit(c); // before folding, which makes "²" a digit
  }
  const plain = accented ? bare.normalize('NFKD').replace(/\p{M}/gu, '') : bare;
  return cutWords(plain.toLowerCase(), digit);
}

/** A folded, lower-cased line cut into its words: letters, digits and `%&+-`. */
function cutWords(lower: string, digit: boolean): LineWords {
  const list: string[] = [];
  let unspaced = false;
  let from = -1; // start of the word being read
  const n = lower.length;
  let k = 0;
  while (k < n) {
    const cp = lower.codePointAt(k)!;
    const size = cp > 0xffff ? 2 : 1;
    if (isKeptMark(cp) || isLetterOrNumber(cp)) {
      if (from < 0) from = k;
      if (isUnspaced(cp)) unspaced = true;
    } else if (from >= 0) {
      list.push(lower.slice(from, k));
      from = -1;
    }
    k += size;
  }
  if (from >= 0) list.push(lower.slice(from));
  return list.length === 0 ? NONE : { text: list.join(' '), list, unspaced, digit };
}
