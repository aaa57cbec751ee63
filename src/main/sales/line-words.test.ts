/**
 * A line's words are what folding its text (amounts blanked) and cutting it at everything but
 * letters, digits and `%&+-` gives, whichever path the line takes (plain ASCII, accented
 * Latin by the table, or the folding path), on lines made at random of characters that fold
 * in different ways.
 */
import { describe, expect, it } from 'vitest';
import { amountTokens } from './amount-tokens';
import { fold } from './labels';
import { lineWords } from './line-words';

/** The line with its amounts blanked. */
function bareOf(line: string): string {
  let bare = line;
  for (const t of amountTokens(line)) {
    bare = bare.slice(0, t.start) + ' '.repeat(t.end - t.start) + bare.slice(t.end);
  }
  return bare;
}

/** The words as they were defined before the scan: fold, then the expression. */
function specified(line: string): string {
  return fold(bareOf(line))
    .replace(/[^\p{L}\p{N}%&+-]+/gu, ' ')
    .trim();
}

const PIECES = [
  ...'abcxyzABCXYZ0123 .,:*#=%&+-()/─═',
  ...['Café', 'ÉTÉ', 'Würstchen', 'ß', 'İ', 'Ĳ', 'Ŀ', 'ŉ', 'ǅ', 'Ⱥ', 'æ', 'Ø', 'ł', 'Ÿ'],
  ...['ﬁ', '①', '²', 'Σ', 'ΑΣ.', 'e\u0301', '\u0301', '合計', '소계', 'ｶ', '\u00a0', '\t', '\r'],
  ...['12.50', '€5', 'EUR 5', '5 kr', '𝐀', '\ud83c', '\u200b'],
];

describe('a line’s words', () => {
  it('are the folded line cut at everything but letters, digits and %&+-', () => {
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x80000000;
    const differ: string[] = [];
    for (let n = 0; n < 20_000 && differ.length < 5; n++) {
      let line = '';
      const length = 1 + Math.floor(random() * 10);
      for (let k = 0; k < length; k++) line += PIECES[Math.floor(random() * PIECES.length)];
      const words = lineWords(line, amountTokens(line));
      const want = specified(line);
      if (words.text !== want || words.list.join(' ') !== want) differ.push(line);
      // A digit left outside the amounts, as printed (folding makes "²" a digit).
      else if (words.digit !== /\d/u.test(bareOf(line))) differ.push(line);
    }
    expect(differ).toEqual([]);
  });
});
