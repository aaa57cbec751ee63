/**
 * Character classes by UTF-16 code, for the line scanners: the same sets the regular
 * expressions of this module name (`\s`, `\d`, `\p{L}`, `\p{N}`), without running one per
 * character. Letters and numbers outside ASCII are asked of a regular expression once per code
 * and remembered in a table of 64 Ki entries (a bounded cache: one byte per BMP code unit).
 */

/** JavaScript's `\s` (and what `trim` takes off): white space and line terminators. */
export function isSpace(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  if (c < 0xa0) return false;
  return (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/** `\d`: ASCII digits only, as in the module's expressions. NaN (past the end) is none. */
export function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

/** ASCII letters, `[A-Za-z]`. */
export function isAsciiLetter(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a);
}

const LETTER = /^\p{L}$/u;
const LETTER_OR_NUMBER = /^[\p{L}\p{N}]$/u;
/** Per BMP code unit: bit 1 known, bit 2 `\p{L}`, bit 4 `\p{L}` or `\p{N}`. */
const known = new Uint8Array(0x10000);

function classify(c: number): number {
  let k = known[c];
  if (k === 0) {
    const ch = String.fromCharCode(c); // a lone surrogate is neither, as in a `u` expression
    k = 1 | (LETTER.test(ch) ? 2 : 0) | (LETTER_OR_NUMBER.test(ch) ? 4 : 0);
    known[c] = k;
  }
  return k;
}

/** `\p{L}` for one UTF-16 code unit (as `/\p{L}/u.test(line[k])` sees it). */
export function isLetter(c: number): boolean {
  if (c < 0x80) return isAsciiLetter(c);
  if (!(c < 0x10000)) return false; // NaN: past the end of the line
  return (classify(c) & 2) !== 0;
}

/** `[\p{L}\p{N}]` for one code point (astral ones are asked each time: they are rare). */
export function isLetterOrNumber(cp: number): boolean {
  if (cp < 0x80) return isAsciiLetter(cp) || isDigit(cp);
  if (cp < 0x10000) return (classify(cp) & 4) !== 0;
  return LETTER_OR_NUMBER.test(String.fromCodePoint(cp));
}

/** `\p{L}` for one code point. */
export function isLetterCodePoint(cp: number): boolean {
  if (cp < 0x80) return isAsciiLetter(cp);
  if (cp < 0x10000) return (classify(cp) & 2) !== 0;
  return LETTER.test(String.fromCodePoint(cp));
}
