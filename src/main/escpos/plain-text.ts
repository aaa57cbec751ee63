/**
 * The plain text of a printed line: column counting that skips combining marks (Thai vowels and
 * tones print over the letter before them), and the leading spaces that margins, positions and
 * alignment are worth, in columns of font A.
 */
import type { Align } from '../../shared';

export const MARK = /\p{M}/u;

/** Characters that take a column: all but combining marks. */
export function visibleLength(s: string): number {
  let n = 0;
  for (const ch of s) if (!MARK.test(ch)) n++;
  return n;
}

/** Index just past the first n column-taking characters and the marks that sit on them. */
export function indexAfterVisible(s: string, n: number): number {
  let seen = 0;
  let i = 0;
  while (i < s.length) {
    const ch = String.fromCodePoint(s.codePointAt(i)!);
    if (!MARK.test(ch)) {
      if (seen === n) break;
      seen++;
    }
    i += ch.length;
  }
  return i;
}

/**
 * The line's text after the spaces its margin and alignment are worth (the text already starts
 * with those its positions are worth): the content is `widthDots` wide from `startDots`, in a
 * print area `areaWidth` wide after `marginLeft`, with `colDots` to a column.
 */
export function padded(
  text: string,
  widthDots: number,
  startDots: number,
  align: Align,
  areaWidth: number,
  marginLeft: number,
  colDots: number,
): string {
  if (text.length === 0) return '';
  const room = Math.max(areaWidth - startDots - widthDots, 0);
  const roomCols = Math.floor(room / colDots);
  const pad = align === 'center' ? Math.floor(roomCols / 2) : align === 'right' ? roomCols : 0;
  const lead = Math.round(marginLeft / colDots) + pad;
  return lead === 0 ? text : ' '.repeat(lead) + text;
}
