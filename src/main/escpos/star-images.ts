/**
 * Star pictures into the document's images: raster mode lines (b / k n1 n2), StarPRNT graphics
 * (ESC GS S), 24-row bands (ESC k) and the column-wise bit images of dot-impact models (ESC K, L,
 * X, ^). Each is turned into rows MSB first, as the ESC/POS pictures are, so both dialects show
 * and compare the same bitmap.
 */
import { ESC } from './commands';
import type { DocumentBuilder } from './document-builder';
import { NO_PIXELS, columnsToRows, open } from './images';
import { digit, u16 } from './star-params';

/**
 * Adds the picture the print command at bytes[at..at+len) carries, if it is one. Returns false
 * for print commands that are not pictures (bar codes, 2D codes, stored logos).
 */
export function printStarImage(
  b: DocumentBuilder,
  bytes: Buffer,
  at: number,
  len: number,
): boolean {
  const p = bytes[at];
  const c = bytes[at + 1];
  if (p === 0x62 || p === 0x6b) {
    // b / k n1 n2 d1..dk: one raster row
    const rowBytes = u16(bytes, at + 1);
    if (rowBytes > 0) b.rasterRow(bytes, at + 3, Math.min(rowBytes, len - 3), at);
    return true;
  }
  if (p !== ESC) return false;
  if (c === 0x1d && bytes[at + 2] === 0x53) {
    // ESC GS S m xL xH yL yH n d: StarPRNT graphics, row by row
    b.finishLine(at);
    const rowBytes = u16(bytes, at + 4);
    const rows = u16(bytes, at + 6);
    if (rowBytes > 0 && rows > 0) {
      b.image(
        open('raster', rowBytes, rows, bytes.slice(at + 9, at + len), 1, 1, b.align),
        at,
        false,
      );
    }
    return true;
  }
  if (c === 0x6b) {
    // ESC k n1 n2: 24 rows of n1 + n2 * 256 bytes
    const rowBytes = u16(bytes, at + 2);
    if (rowBytes > 0)
      b.image(open('raster', rowBytes, 24, bytes.slice(at + 4, at + len), 1, 1, b.align), at);
    return true;
  }
  if (c === 0x4b || c === 0x4c || c === 0x58 || c === 0x5e) {
    bitImage(b, bytes, at, len);
    return true;
  }
  return false;
}

/** ESC K / L (8 dots, each 3 tall), ESC X (24 dots), ESC ^ (9-pin): columns, MSB on top. */
function bitImage(b: DocumentBuilder, bytes: Buffer, at: number, len: number): void {
  const c = bytes[at + 1];
  const head = c === 0x5e ? 5 : 4;
  const columns = u16(bytes, head - 2 + at);
  const perColumn = c === 0x58 ? 3 : c === 0x5e ? (digit(bytes[at + 2]) >= 4 ? 3 : 2) : 1;
  if (columns === 0 || len < head + columns * perColumn) return;
  const rowBytes = Math.ceil(columns / 8);
  const rows = perColumn * 8;
  const bitmap = b.encodeBitmaps
    ? columnsToRows(bytes, at + head, columns, perColumn, rows)
    : NO_PIXELS;
  const scaleX = c === 0x4b ? 3 : 1;
  const scaleY = c === 0x4b || c === 0x4c ? 3 : 1;
  const image = open('bit-image', rowBytes, rows, bitmap, scaleX, scaleY, b.align, columns);
  image.bytes = rowBytes * rows; // counted against the document's cap either way
  b.image(image, at);
}
