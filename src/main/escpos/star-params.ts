/**
 * How Star commands carry their numbers: little-endian byte pairs, a small number sent either as
 * itself or as its ASCII digit, and the ASCII decimals of ESC * r. Shared by the Star grammar,
 * the interpreter and its code and image readers so they read a parameter the same way.
 */

/** n1 + n2 * 256. */
export const u16 = (buf: Uint8Array, i: number): number => buf[i] + buf[i + 1] * 256;

/** A parameter the POS may send as a number or as its ASCII digit. */
export const digit = (n: number): number => (n >= 0x30 && n <= 0x39 ? n - 0x30 : n);

/** ESC * r x n NUL: the ASCII decimal n starting at `from`, read no further than `end`. */
export function decimalAt(buf: Uint8Array, from: number, end: number): number {
  let n = 0;
  for (let k = from; k < end && buf[k] >= 0x30 && buf[k] <= 0x39 && n < 1e6; k++) {
    n = n * 10 + buf[k] - 0x30;
  }
  return n;
}
