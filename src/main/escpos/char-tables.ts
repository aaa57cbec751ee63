/**
 * Tables behind the character decoding, each built once: Epson's international character sets
 * (ESC R), and per code table its characters as strings, its letters and its combining marks;
 * plus the width of a character on paper and the test for UTF-8 sent in a single-byte table.
 */
/** The twelve ASCII codes an international character set replaces, in Epson's order. */
const NATIONAL_CODES = [0x23, 0x24, 0x40, 0x5b, 0x5c, 0x5d, 0x5e, 0x60, 0x7b, 0x7c, 0x7d, 0x7e];

/**
 * ESC R n: the characters printed for NATIONAL_CODES (Epson ESC/POS reference, "international
 * character set"). Sets not listed (India and the rest) print as U.S.A.
 */
const NATIONAL_SETS: Readonly<Record<number, string>> = {
  1: '#$à°ç§^`éùè¨', // France
  2: '#$§ÄÖÜ^`äöüß', // Germany
  3: '£$@[\\]^`{|}~', // U.K.
  4: '#$@ÆØÅ^`æøå~', // Denmark I
  5: '#¤ÉÄÖÅÜéäöåü', // Sweden
  6: '#$@°\\é^ùàòèì', // Italy
  7: '₧$@¡Ñ¿^`¨ñ}~', // Spain I
  8: '#$@[¥]^`{|}~', // Japan
  9: '#¤ÉÆØÅÜéæøåü', // Norway
  10: '#$ÉÆØÅÜéæøåü', // Denmark II
  11: '#$á¡Ñ¿é`íñóú', // Spain II
  12: '#$á¡Ñ¿éüíñóú', // Latin America
  13: '#$@[₩]^`{|}~', // Korea
  14: '#$ŽŠĐĆČžšđćč', // Slovenia / Croatia
  15: '#¥@[\\]^`{|}~', // China
  16: '#₫@[\\]^`{|}~', // Vietnam
};

/** Per set, a 128-entry map of the ASCII half (built once). */
const nationalCache = new Map<number, string[] | null>();
export function nationalMap(n: number): string[] | null {
  if (nationalCache.has(n)) return nationalCache.get(n)!;
  const chars = NATIONAL_SETS[n];
  let map: string[] | null = null;
  if (chars) {
    map = Array.from({ length: 128 }, (_, i) => String.fromCharCode(i));
    const list = [...chars];
    NATIONAL_CODES.forEach((code, k) => (map![code] = list[k]));
  }
  nationalCache.set(n, map);
  return map;
}

/** Whether a character takes two columns on paper (CJK ideographs, kana, Hangul, full-width). */
export function isWide(code: number): boolean {
  return (
    (code >= 0x1100 && code <= 0x115f) ||
    (code >= 0x2e80 && code <= 0xa4cf && code !== 0x303f) ||
    (code >= 0xac00 && code <= 0xd7a3) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0xfe30 && code <= 0xfe4f) ||
    (code >= 0xff00 && code <= 0xff60) ||
    (code >= 0xffe0 && code <= 0xffe6) ||
    (code >= 0xd800 && code <= 0xdbff) // a surrogate pair: CJK extensions and the like
  );
}

/** Per code table, whether any byte is a combining mark (Thai, Vietnamese, Hebrew points). */
const marksCache = new WeakMap<Uint16Array, boolean>();
export function hasMarks(table: Uint16Array): boolean {
  let marks = marksCache.get(table);
  if (marks === undefined) {
    marks = charStrings(table).some((ch) => /\p{M}/u.test(ch));
    marksCache.set(table, marks);
  }
  return marks;
}

/** Per code table, each byte's character as a string (built once per table). */
const charCache = new WeakMap<Uint16Array, string[]>();
export function charStrings(table: Uint16Array): string[] {
  let chars = charCache.get(table);
  if (!chars) {
    chars = Array.from(table, (code) => String.fromCharCode(code));
    charCache.set(table, chars);
  }
  return chars;
}

/** Per code table, which bytes are letters in it (built once per table). */
const letterCache = new WeakMap<Uint16Array, Uint8Array>();
export function letters(table: Uint16Array): Uint8Array {
  let flags = letterCache.get(table);
  if (!flags) {
    flags = new Uint8Array(256);
    for (let i = 0; i < 256; i++) flags[i] = /\p{L}/u.test(String.fromCharCode(table[i])) ? 1 : 0;
    letterCache.set(table, flags);
  }
  return flags;
}

/**
 * True when the high bytes in a run all form UTF-8 sequences that read as mojibake in the
 * current table: text a POS encoded as UTF-8 while the printer was in a single-byte table. A
 * sequence whose bytes are all letters in the table is real text (CP852 "Ďá" is D2 A0, a valid
 * UTF-8 pair), so one such sequence is enough to keep the table's reading.
 */
export function looksLikeUtf8(
  bytes: Uint8Array,
  from: number,
  to: number,
  isLetter: Uint8Array,
): boolean {
  let sequences = 0;
  for (let i = from; i < to; i++) {
    const c = bytes[i];
    if (c < 0x80) continue;
    const need =
      c >= 0xc2 && c <= 0xdf ? 1 : c >= 0xe0 && c <= 0xef ? 2 : c >= 0xf0 && c <= 0xf4 ? 3 : -1;
    if (need < 0 || i + need >= to) return false;
    let allLetters = isLetter[c] === 1;
    for (let k = 1; k <= need; k++) {
      const d = bytes[i + k];
      if (d < 0x80 || d > 0xbf) return false;
      if (isLetter[d] === 0) allLetters = false;
    }
    if (allLetters) return false;
    i += need;
    sequences++;
  }
  return sequences > 0;
}
