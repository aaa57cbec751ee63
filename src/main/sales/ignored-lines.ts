/**
 * A station's ignore words take out the lines that hold them, as folded (`fold(line)` includes
 * the word). Folding every line of every receipt to look for them cost about a quarter of reading
 * a receipt in the pool, where a station with ignore words sends them with each receipt; a cheap
 * look first says which lines may hold one, and only those are folded.
 */
import { fold } from './labels';

/** Accented Latin letters: the only ones `fold` takes accents off. */
const ACCENTED = /[\u00c0-\u024f\u1e00-\u1eff]/u;

/** The text with each line that holds an ignore word (folded) left blank. */
export function dropIgnored(text: string, ignore: string[]): string {
  // An ignore word is folded: its pieces between single spaces hold no white space.
  const pieces = ignore.map((w) => w.split(' '));
  const accented = ACCENTED.test(text);
  const lines = text.split('\n');
  for (let k = 0; k < lines.length; k++) {
    const line = lines[k];
    if (!mayHold(line, pieces, accented)) continue;
    const folded = fold(line);
    // The line stays (as blank) so line numbers still point at the paper.
    if (ignore.some((w) => folded.includes(w))) lines[k] = '';
  }
  return lines.join('\n');
}

/**
 * Could `fold(line)` hold one of the words? Without accents to take off, folding lowers the line
 * and only shortens or joins its runs of white space, so each piece of a word it holds is in the
 * lowered line as it is. A line with accents is always folded.
 */
function mayHold(line: string, pieces: string[][], accented: boolean): boolean {
  if (accented && ACCENTED.test(line)) return true;
  const lower = line.toLowerCase();
  return pieces.some((word) => word.every((p) => lower.includes(p)));
}
