/**
 * A text's lines as strings of their own. `text.split('\n')` gives views into the text (V8's
 * sliced strings), and the scanners that read each line's codes several times (lookAt,
 * amountTokens, lineWords) ran 1.3-1.8x slower over those than over flat strings. Copying each
 * line out of one buffer of the text costs less than it saves (about 6% of extraction on the
 * bench's receipts). The lines are the same as `text.split('\n')` gives, code unit for code unit.
 */

/**
 * Any code unit above Latin-1: the text then needs two bytes a code. By code units, without the
 * `u` flag: the same answer as by code points, and the search is several times faster.
 */
const WIDE = /[\u0100-\uffff]/;

export function ownLines(text: string): string[] {
  // latin1 and utf16le both carry each code unit as it is (a lone surrogate too).
  const encoding = WIDE.test(text) ? 'utf16le' : 'latin1';
  const width = encoding === 'latin1' ? 1 : 2;
  const bytes = Buffer.from(text, encoding);
  const lines: string[] = [];
  let from = 0;
  for (;;) {
    const end = text.indexOf('\n', from);
    const to = end < 0 ? text.length : end;
    lines.push(bytes.toString(encoding, from * width, to * width));
    if (end < 0) return lines;
    from = end + 1;
  }
}

/**
 * Which of the text's `count` lines `pattern` (global, and never matching across a line break)
 * matches in: one search over the whole text, which moves on to the next line at each match.
 */
export function linesWith(pattern: RegExp, text: string, count: number): Uint8Array {
  const found = new Uint8Array(count);
  let line = 0;
  let lineEnd = text.indexOf('\n');
  pattern.lastIndex = 0;
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
    while (lineEnd >= 0 && m.index > lineEnd) {
      line++;
      lineEnd = text.indexOf('\n', lineEnd + 1);
    }
    found[line] = 1;
    if (lineEnd < 0) break;
    pattern.lastIndex = lineEnd + 1;
  }
  return found;
}
