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

/**
 * ESC * m nL nH d1..dk: n columns; 8-dot modes (m 0, 1) one byte per column, 24-dot modes
 * (m 32, 33) three; MSB = top dot. Single density doubles each dot's width; 8-dot modes print
 * at a third of the vertical density (each dot three dots tall).
 */
export function bitImageBand(buf: Uint8Array, at: number, align: Align): OpenImage | null {
  const m = buf[at + 2];
  const width = buf[at + 3] + buf[at + 4] * 256;
  if (width === 0) return null; // prints nothing
  const tall = m === 32 || m === 33 ? 24 : 8;
  const perColumn = tall / 8;
  const rowBytes = Math.ceil(width / 8);
  const bitmap = new Uint8Array(rowBytes * tall);
  const data = at + 5;
  for (let x = 0; x < width; x++) {
    const bit = 0x80 >> (x & 7);
    const col = x >> 3;
    for (let c = 0; c < perColumn; c++) {
      const byte = buf[data + x * perColumn + c];
      if (byte === 0) continue;
      for (let b = 0; b < 8; b++) {
        if (byte & (0x80 >> b)) bitmap[(c * 8 + b) * rowBytes + col] |= bit;
      }
    }
  }
  const singleDensity = m === 0 || m === 32;
  const scaleY = tall === 8 ? 3 : 1;
  const image = open('bit-image', rowBytes, tall, bitmap, singleDensity ? 2 : 1, scaleY, align);
  image.block.width = width;
  return image;
}

/** Appends a band to the image printed just before it, if it continues it; true if it did. */
export function continueImage(previous: OpenImage | null, band: OpenImage): boolean {
  if (!previous) return false;
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
  if (!encode) {
    image.bands = [];
    return;
  }
  const all = image.bands.length === 1 ? image.bands[0] : Buffer.concat(image.bands);
  image.block.bitmapBase64 = Buffer.from(all.buffer, all.byteOffset, all.length).toString('base64');
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
  const bits = new Uint8Array(outBytes * height);
  for (let x = 0; x < columns; x++) {
    const bit = 0x80 >> (x & 7);
    const col = x >> 3;
    for (let c = 0; c < perColumn; c++) {
      const byte = buf[from + x * perColumn + c];
      if (byte === 0) continue;
      const top = c * 8;
      for (let b = 0; b < 8 && top + b < height; b++) {
        if (byte & (0x80 >> b)) bits[(top + b) * outBytes + col] |= bit;
      }
    }
  }
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
