/**
 * A quick first look for the words an expression names, before the expression itself runs.
 * Receipts' keyword expressions (kinds.ts, header.ts) cost more per line than the rest of
 * reading it; most lines hold none of their words. A sieve knows the first three letters of each
 * word of a group and answers, in one pass over a line's codes, which groups may be there. It
 * only ever answers "may": the expression still decides, so the sieve must know a word for
 * every alternative of its expression (and `other` says "any" for the rest).
 */

const LETTERS = 26;

/** What a character outside ASCII is to a sieve: a letter (0-25), a break (-1) or "any" (-2). */
export type OtherCharacter = (c: number) => number;
export const BREAK = -1;
export const ANY = -2;

/** The first three letters of a word as a table index, or a thrown error. */
function runIndex(word: string, other: OtherCharacter): number {
  const [a, b, c] = [...word.slice(0, 3)].map((ch) => letterOf(ch.charCodeAt(0), other));
  if (!(a >= 0 && b >= 0 && c >= 0)) {
    throw new Error(`A sieve's word starts with three letters: "${word}".`);
  }
  return (a * LETTERS + b) * LETTERS + c;
}

/** ASCII letters case-blind as 0-25; other characters as `other` says. */
function letterOf(c: number, other: OtherCharacter): number {
  if (c < 0x80) {
    const lower = c | 0x20;
    return lower >= 0x61 && lower <= 0x7a ? lower - 0x61 : BREAK;
  }
  return other(c);
}

export interface SieveOptions {
  /** A character outside ASCII (default: a break). */
  other?: OtherCharacter;
  /**
   * The words only start after a character that is no letter (the expressions' `\b` or
   * `(?:^|[^\p{L}])`), so three letters inside a word ("poppers") are not looked at.
   */
  startsOnly?: boolean;
  /** With `startsOnly`, the groups (bits) whose words are looked for inside words too. */
  inside?: number;
}

export class KeywordSieve {
  /** Per run of three letters: the groups (bits) whose words start with it. */
  private readonly runs = new Uint8Array(LETTERS * LETTERS * LETTERS);
  private readonly other: OtherCharacter;
  /** The groups (bits) looked for after a word's first three letters. */
  private readonly inside: number;
  /** Every group's bit: the answer when a character says "any". */
  readonly all: number;

  /** `groups[k]`: the words of group k, separated by spaces. */
  constructor(
    private readonly groups: readonly string[],
    options: SieveOptions = {},
  ) {
    if (groups.length > 8) throw new Error('A keyword sieve holds at most 8 groups.');
    this.other = options.other ?? (() => BREAK);
    groups.forEach((words, bit) => {
      for (const word of words.split(' ')) this.runs[runIndex(word, this.other)] |= 1 << bit;
    });
    this.all = (1 << groups.length) - 1;
    this.inside = options.startsOnly ? (options.inside ?? 0) : this.all;
  }

  /**
   * Where each group's first word may start in `text` (`starts[k]` for group k, -1 for none):
   * an expression of the group's words cannot match before it. A character that says "any"
   * leaves every group to be looked for from the start (0).
   */
  firstStarts(text: string): number[] {
    const starts = this.groups.map(() => -1);
    let found = 0;
    let a = 0;
    let b = 0;
    let run = 0;
    for (let k = 0; k < text.length && found !== this.all; k++) {
      const c = text.charCodeAt(k);
      const lower = c | 0x20;
      let l: number;
      if (lower >= 0x61 && lower <= 0x7a) l = lower - 0x61;
      else if (c < 0x80) l = BREAK;
      else {
        l = this.other(c);
        if (l === ANY) return starts.map((at) => (at < 0 ? 0 : at));
      }
      if (l < 0) {
        run = 0;
        continue;
      }
      run++;
      if (run >= 3) {
        const at = (a * LETTERS + b) * LETTERS + l;
        const bits = this.runs[at] & (run === 3 ? this.all : this.inside) & ~found;
        for (let g = 0; bits >> g !== 0; g++) if ((bits >> g) & 1) starts[g] = k - 2;
        found |= bits;
      }
      a = b;
      b = l;
    }
    return starts;
  }

  /** The groups (bits) that may have a word in `text`. */
  scan(text: string): number {
    let bits = 0;
    let a = 0;
    let b = 0;
    let run = 0; // letters in a row, up to here
    for (let k = 0; k < text.length; k++) {
      const c = text.charCodeAt(k);
      const lower = c | 0x20;
      let l: number;
      if (lower >= 0x61 && lower <= 0x7a) l = lower - 0x61;
      else if (c < 0x80) l = BREAK;
      else {
        l = this.other(c);
        if (l === ANY) return this.all;
      }
      if (l < 0) {
        run = 0;
        continue;
      }
      run++;
      if (run >= 3) {
        bits |= this.runs[(a * LETTERS + b) * LETTERS + l] & (run === 3 ? this.all : this.inside);
      }
      a = b;
      b = l;
    }
    return bits;
  }
}

/**
 * Whether a text holds any of some words, case-blind for ASCII letters and for the pairs
 * `fold` names: what an expression of alternatives with the `i` flag (no `u`) answers. The
 * words' first three letters find where to compare.
 */
export class WordFinder {
  /** Per run of three letters: 1 when a word starts with it (most runs start none). */
  private readonly known = new Uint8Array(LETTERS * LETTERS * LETTERS);
  /** The words by the run they start with. */
  private readonly starting = new Map<number, string[]>();

  /**
   * `words`: lower case, separated by spaces. `other` places a character outside ASCII in the
   * table (as a letter, a break or "any"); `fold` lowers one, for comparing.
   */
  constructor(
    words: string,
    private readonly other: OtherCharacter,
    private readonly fold: (c: number) => number,
  ) {
    for (const word of words.split(' ')) {
      const at = runIndex(word, other);
      this.known[at] = 1;
      this.starting.set(at, [...(this.starting.get(at) ?? []), word]);
    }
  }

  /** True when a word is in `text`; null when a character said "any" (the caller decides). */
  find(text: string): boolean | null {
    let a = 0;
    let b = 0;
    let run = 0;
    for (let k = 0; k < text.length; k++) {
      const c = text.charCodeAt(k);
      const lower = c | 0x20;
      let l: number;
      if (lower >= 0x61 && lower <= 0x7a) l = lower - 0x61;
      else if (c < 0x80) l = BREAK;
      else {
        l = this.other(c);
        if (l === ANY) return null;
      }
      if (l < 0) {
        run = 0;
        continue;
      }
      run++;
      if (run >= 3) {
        const at = (a * LETTERS + b) * LETTERS + l;
        if (this.known[at] === 1 && this.someAt(text, k - 2, at)) return true;
      }
      a = b;
      b = l;
    }
    return false;
  }

  /**
   * Whether a word starting with the run `run` is at `at`. A loop of its own, not a closure in
   * `find`'s: a closure there made every character of the line allocate its loop's scope.
   */
  private someAt(text: string, at: number, run: number): boolean {
    for (const word of this.starting.get(run)!) if (this.isAt(text, at, word)) return true;
    return false;
  }

  private isAt(text: string, at: number, word: string): boolean {
    if (at + word.length > text.length) return false;
    for (let j = 0; j < word.length; j++) {
      const c = text.charCodeAt(at + j);
      const lower = c >= 0x41 && c <= 0x5a ? c | 0x20 : this.fold(c);
      if (lower !== word.charCodeAt(j)) return false;
    }
    return true;
  }
}
