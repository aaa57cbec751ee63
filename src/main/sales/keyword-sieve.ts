/**
 * A quick first look for the words an expression names, before the expression itself runs.
 * Receipts' keyword expressions (kinds.ts, header.ts) cost more per line than the rest of
 * reading it; most lines hold none of their words. A sieve knows three letters in a row that
 * each word of a group must contain and answers, in one pass over a line's codes, which groups
 * may be there. It only ever answers "may": the expression still decides, so the sieve must
 * know a word for every alternative of its expression (and `other` says "any" for the rest).
 */

const LETTERS = 26;

/** What a character outside ASCII is to a sieve: a letter (0-25), a break (-1) or "any" (-2). */
export type OtherCharacter = (c: number) => number;
export const BREAK = -1;
export const ANY = -2;

export class KeywordSieve {
  /** Per run of three letters: the groups (bits) whose words contain it. */
  private readonly runs = new Uint8Array(LETTERS * LETTERS * LETTERS);
  /** Every group's bit: the answer when a character says "any". */
  readonly all: number;

  /**
   * `groups[k]`: the words of group k, separated by spaces; each is known by its first three
   * letters (ASCII, case-blind), which every match of it contains.
   */
  constructor(
    groups: readonly string[],
    private readonly other: OtherCharacter,
  ) {
    if (groups.length > 8) throw new Error('A keyword sieve holds at most 8 groups.');
    groups.forEach((words, bit) => {
      for (const word of words.split(' ')) {
        const [a, b, c] = [...word.slice(0, 3).toLowerCase()].map((ch) => ch.charCodeAt(0) - 0x61);
        if (![a, b, c].every((l) => l >= 0 && l < LETTERS)) {
          throw new Error(`A sieve's word starts with three letters a-z: "${word}".`);
        }
        this.runs[(a * LETTERS + b) * LETTERS + c] |= 1 << bit;
      }
    });
    this.all = (1 << groups.length) - 1;
  }

  /** The groups (bits) that may have a word in `text`. */
  scan(text: string): number {
    let bits = 0;
    let a = BREAK;
    let b = BREAK;
    for (let k = 0; k < text.length; k++) {
      const c = text.charCodeAt(k);
      let l: number;
      if (c < 0x80) {
        const lower = c | 0x20;
        l = lower >= 0x61 && lower <= 0x7a ? lower - 0x61 : BREAK;
      } else {
        l = this.other(c);
        if (l === ANY) return this.all;
      }
      if (l < 0) {
        a = b = BREAK;
        continue;
      }
      if (a >= 0) bits |= this.runs[(a * LETTERS + b) * LETTERS + l];
      a = b;
      b = l;
    }
    return bits;
  }
}
