/**
 * Bitmaps the POS prints: GS v 0 raster images and ESC * bit images (8- and 24-dot bands, all
 * densities), and the raster and column data of GS ( L graphics (read here, kept by graphics.ts).
 * Each becomes rows of 1-bit pixels, MSB first, at its true dot size plus the scale the printer
 * applies. Bands printed one after another (only line feeds and line spacing between)
 * join into one image, as they do on paper. Memory is bounded by the bytes received: a header
 * that claims more rows than its data holds is cut short by the caller, never allocated.
 */
import type { Align, ImageBlock } from '../../shared';

/** An image still growing by bands; its bitmap is encoded when it can grow no more. */
export interface OpenImage {
  block: ImageBlock;
  /** One row-major bitmap per band (not per row: a band of 24 rows is one allocation). */
  bands: Uint8Array[];
  rowBytes: number;
  /** Bytes of bitmap held, for the document's cap. */
  bytes: number;
  /** A picture that grows a row at a time (Star raster mode) keeps its rows here instead. */
  rows?: { buf: Uint8Array; used: number };
}

/** Appends one row to a growing picture, doubling its buffer when full. */
export function appendRow(
  rows: { buf: Uint8Array; used: number },
  src: Uint8Array,
  from: number,
  length: number,
): void {
  if (rows.used + length > rows.buf.length) {
    const bigger = new Uint8Array(Math.max(rows.buf.length * 2, rows.used + length));
    bigger.set(rows.buf.subarray(0, rows.used));
    rows.buf = bigger;
  }
  // A row is short (72 bytes on 80 mm paper): a loop beats making a view to copy from.
  const buf = rows.buf;
  const at = rows.used - from;
  for (let i = from; i < from + length; i++) buf[at + i] = src[i];
  rows.used += length;
}

/** GS v 0 m xL xH yL yH d1..dk: x bytes per row, y rows, row-major, MSB = leftmost dot. */
export function rasterImage(buf: Uint8Array, at: number, align: Align): OpenImage | null {
  const m = buf[at + 3] & 0x03; // 0/48 normal, 1/49 double width, 2/50 double height, 3/51 both
  const rowBytes = buf[at + 4] + buf[at + 5] * 256;
  const height = buf[at + 6] + buf[at + 7] * 256;
  if (rowBytes === 0 || height === 0) return null; // prints nothing
  const bitmap = buf.slice(at + 8, at + 8 + rowBytes * height);
  return open('raster', rowBytes, height, bitmap, m & 1 ? 2 : 1, m & 2 ? 2 : 1, align);
}

/** The bitmap of an image whose pixels nobody will look at (ingest keeps only sizes). */
export const NO_PIXELS = new Uint8Array(0);

/**
 * Column-format image data (each column `perColumn` bytes top to bottom, MSB = top dot) as rows
 * of `height` <= perColumn * 8, MSB first. Eight columns' bytes form an 8 x 8 bit block that is
 * transposed with shifts and masks (Hacker's Delight, "transposing a bit matrix"), about twice as
 * fast as moving bits one by one.
 */
export function columnsToRows(
  buf: Uint8Array,
  from: number,
  columns: number,
  perColumn: number,
  height: number,
): Uint8Array {
  const rowBytes = Math.ceil(columns / 8);
  const out = new Uint8Array(rowBytes * height);
  const p = perColumn;
  const whole = columns >> 3;
  const clipped = height < p * 8;
  for (let g = 0; g < whole; g++) {
    let at = from + g * 8 * p;
    for (let k = 0; k < p; k++, at++) {
      const x = (buf[at] << 24) | (buf[at + p] << 16) | (buf[at + 2 * p] << 8) | buf[at + 3 * p];
      const at4 = at + 4 * p;
      const y =
        (buf[at4] << 24) | (buf[at4 + p] << 16) | (buf[at4 + 2 * p] << 8) | buf[at4 + 3 * p];
      if ((x | y) !== 0)
        transpose8(x, y, out, k * 8 * rowBytes + g, rowBytes, clipped ? height - k * 8 : 8);
    }
  }
  if (whole < rowBytes) {
    // The last, partly used byte of each row: columns past the image read as blank.
    const n = columns - whole * 8;
    const at0 = from + whole * 8 * p;
    for (let k = 0; k < p; k++) {
      const col = (j: number): number => (j < n ? buf[at0 + j * p + k] : 0);
      const x = (col(0) << 24) | (col(1) << 16) | (col(2) << 8) | col(3);
      const y = (col(4) << 24) | (col(5) << 16) | (col(6) << 8) | col(7);
      if ((x | y) !== 0) transpose8(x, y, out, k * 8 * rowBytes + whole, rowBytes, height - k * 8);
    }
  }
  return out;
}

/**
 * Transposes the 8 x 8 bit block held in x (bytes 0-3) and y (bytes 4-7) and writes its rows to
 * out[at], out[at + stride], ... (at most `rows` of them).
 */
function transpose8(
  x: number,
  y: number,
  out: Uint8Array,
  at: number,
  stride: number,
  rows: number,
): void {
  let t = (x ^ (x >> 7)) & 0x00aa00aa;
  x = x ^ t ^ (t << 7);
  t = (y ^ (y >> 7)) & 0x00aa00aa;
  y = y ^ t ^ (t << 7);
  t = (x ^ (x >> 14)) & 0x0000cccc;
  x = x ^ t ^ (t << 14);
  t = (y ^ (y >> 14)) & 0x0000cccc;
  y = y ^ t ^ (t << 14);
  t = (x & 0xf0f0f0f0) | ((y >> 4) & 0x0f0f0f0f);
  y = ((x << 4) & 0xf0f0f0f0) | (y & 0x0f0f0f0f);
  x = t;
  if (rows >= 8) {
    out[at] = x >> 24;
    out[at + stride] = x >> 16;
    out[at + 2 * stride] = x >> 8;
    out[at + 3 * stride] = x;
    out[at + 4 * stride] = y >> 24;
    out[at + 5 * stride] = y >> 16;
    out[at + 6 * stride] = y >> 8;
    out[at + 7 * stride] = y;
  } else {
    for (let r = 0; r < rows; r++) out[at + r * stride] = (r < 4 ? x : y) >> (8 * (3 - (r & 3)));
  }
}

/**
 * ESC * m nL nH d1..dk: n columns; 8-dot modes (m 0, 1) one byte per column, 24-dot modes
 * (m 32, 33) three; MSB = top dot. Single density doubles each dot's width; 8-dot modes print
 * at a third of the vertical density (each dot three dots tall).
 */
export function bitImageBand(
  buf: Uint8Array,
  at: number,
  align: Align,
  decode = true,
): OpenImage | null {
  const m = buf[at + 2];
  const width = buf[at + 3] + buf[at + 4] * 256;
  if (width === 0) return null; // prints nothing
  const tall = m === 32 || m === 33 ? 24 : 8;
  const perColumn = tall / 8;
  const rowBytes = Math.ceil(width / 8);
  const bitmap = decode ? columnsToRows(buf, at + 5, width, perColumn, tall) : NO_PIXELS;
  const singleDensity = m === 0 || m === 32;
  const scaleY = tall === 8 ? 3 : 1;
  const image = open('bit-image', rowBytes, tall, bitmap, singleDensity ? 2 : 1, scaleY, align);
  image.block.width = width;
  image.bytes = rowBytes * tall; // counted against the document's cap either way
  return image;
}

/** Appends a band to the image printed just before it, if it continues it; true if it did. */
export function continueImage(previous: OpenImage | null, band: OpenImage): boolean {
  if (!previous || previous.rows) return false; // a row-grown picture only grows by rows
  const a = previous.block;
  const b = band.block;
  if (a.source !== b.source || a.width !== b.width || a.scaleX !== b.scaleX) return false;
  if (a.scaleY !== b.scaleY || a.align !== b.align) return false;
  previous.bands.push(...band.bands);
  previous.bytes += band.bytes;
  a.height += b.height;
  return true;
}

/** Writes the bitmap of an image that will not grow any more (unless nobody will look). */
export function closeImage(image: OpenImage, encode: boolean): void {
  if (image.rows) {
    image.bands = [image.rows.buf.subarray(0, image.rows.used)];
    image.rows = undefined;
  }
  if (!encode) {
    image.bands = [];
    return;
  }
  const base64 = (b: Uint8Array): string =>
    Buffer.from(b.buffer, b.byteOffset, b.length).toString('base64');
  // Bands whose sizes are multiples of 3 bytes encode on their own (no padding between them),
  // which saves copying a large picture into one buffer first.
  const bands = image.bands;
  image.block.bitmapBase64 =
    bands.length === 1
      ? base64(bands[0])
      : bands.every((b, k) => b.length % 3 === 0 || k === bands.length - 1)
        ? bands.map(base64).join('')
        : base64(Buffer.concat(bands));
  image.bands = [];
}

/**
 * An image of one band: `bitmap` holds `height` rows of `rowBytes` bytes. `width` is the true
 * width in dots when the last byte of each row is only partly used.
 */
export function open(
  source: ImageBlock['source'],
  rowBytes: number,
  height: number,
  bitmap: Uint8Array,
  scaleX: number,
  scaleY: number,
  align: Align,
  width = rowBytes * 8,
): OpenImage {
  return {
    block: {
      kind: 'image',
      source,
      width,
      height,
      bitmapBase64: '',
      scaleX,
      scaleY,
      align,
    },
    bands: [bitmap],
    rowBytes,
    bytes: bitmap.length,
  };
}

/** A 1-bit picture laid out as the document keeps it: rows MSB first, padded to whole bytes. */
export interface Picture {
  width: number;
  height: number;
  rowBytes: number;
  bits: Uint8Array;
}

export interface PictureRead {
  /** What was received whole, or null if not one row (raster) or column (column format). */
  picture: Picture | null;
  /** The byte after the data. */
  next: number;
  /** The data ended before the size the header claims. */
  short: boolean;
  /** The size the header claims, in dots, and the data bytes that came. */
  width: number;
  height: number;
  sent: number;
}

/**
 * GS ( L graphics data, width x height dots at buf[from..end): raster format (rows of whole
 * bytes) or column format (columns of whole bytes, MSB = top dot). Only whole rows (raster) or
 * whole columns (column format) that were received are kept, so a header that lies about its
 * size costs no more memory than the data sent.
 */
export function readPicture(
  buf: Uint8Array,
  from: number,
  end: number,
  width: number,
  height: number,
  column: boolean,
): PictureRead {
  const rowBytes = Math.ceil(width / 8);
  const perColumn = Math.ceil(height / 8);
  const claimed = column ? width * perColumn : rowBytes * height;
  const sent = Math.max(0, Math.min(claimed, end - from));
  const read = { picture: null, next: from + sent, short: sent < claimed, width, height, sent };
  if (width === 0 || height === 0) return read;
  if (!column) {
    const rows = Math.floor(sent / rowBytes);
    if (rows === 0) return read;
    const bits = buf.slice(from, from + rows * rowBytes);
    const mask = lastByteMask(width); // senders leave junk in the padding dots
    for (let r = rowBytes - 1; r < bits.length; r += rowBytes) bits[r] &= mask;
    return { ...read, picture: { width, height: rows, rowBytes, bits } };
  }
  const columns = Math.floor(sent / perColumn);
  if (columns === 0) return read;
  const outBytes = Math.ceil(columns / 8);
  const bits = columnsToRows(buf, from, columns, perColumn, height);
  return { ...read, picture: { width: columns, height, rowBytes: outBytes, bits } };
}

/** Prints `layer` over `base` (a dot set in either is set), clipped to the base's size. */
export function overlay(base: Picture, layer: Picture): void {
  const rows = Math.min(base.height, layer.height);
  const bytes = Math.min(base.rowBytes, layer.rowBytes);
  const mask = lastByteMask(base.width);
  for (let y = 0; y < rows; y++) {
    for (let b = 0; b < bytes; b++) {
      const v = layer.bits[y * layer.rowBytes + b];
      base.bits[y * base.rowBytes + b] |= b === base.rowBytes - 1 ? v & mask : v;
    }
  }
}

/** The dots of a row's last byte that are inside the picture. */
function lastByteMask(width: number): number {
  return (0xff00 >> (width & 7 || 8)) & 0xff;
}
