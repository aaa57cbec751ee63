/**
 * Images as the paper shows them: bitmaps printed by a real third-party encoder
 * (receipt-printer-encoder) in raster (GS v 0) and column (ESC * 24-dot bands) form come back
 * pixel for pixel, as one image however many bands it took.
 */
import ReceiptPrinterEncoder from '@point-of-sale/receipt-printer-encoder';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ImageBlock } from '../../shared';
import { interpret } from './interpret';

/** A black-and-white picture as RGBA, and the 1-bit truth the printer should get. */
function picture(width: number, height: number, seed: number) {
  let s = seed;
  const dark = Array.from({ length: width * height }, () => {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    return (s >> 16) % 3 === 0;
  });
  const data = new Uint8ClampedArray(width * height * 4);
  dark.forEach((d, i) => data.set(d ? [0, 0, 0, 255] : [255, 255, 255, 255], i * 4));
  return { input: { data, width, height }, dark };
}

function pixel(block: ImageBlock, x: number, y: number): boolean {
  const bitmap = Buffer.from(block.bitmapBase64, 'base64');
  const rowBytes = Math.ceil(block.width / 8);
  return (bitmap[y * rowBytes + (x >> 3)] & (0x80 >> (x & 7))) !== 0;
}

describe.each(['raster', 'column'] as const)(
  '%s images through receipt-printer-encoder',
  (mode) => {
    it('come back pixel for pixel, as one image', () => {
      fc.assert(
        fc.property(
          fc.integer({ min: 1, max: 12 }),
          fc.integer({ min: 1, max: 40 }),
          fc.nat(),
          (w8, h, seed) => {
            const width = w8 * 8;
            const height = h * 8;
            const { input, dark } = picture(width, height, seed);
            const bytes = new ReceiptPrinterEncoder({ language: 'esc-pos', imageMode: mode })
              .initialize()
              .line('Before the logo')
              .image(input, width, height, 'threshold')
              .line('After the logo')
              .cut()
              .encode();
            const out = interpret(bytes);
            const images = out.document.blocks.filter((b): b is ImageBlock => b.kind === 'image');
            expect(images).toHaveLength(1);
            const [image] = images;
            expect(image.width).toBe(width);
            expect(image.height).toBeGreaterThanOrEqual(height);
            expect([image.scaleX, image.scaleY]).toEqual([1, 1]);
            for (let y = 0; y < image.height; y++) {
              for (let x = 0; x < width; x++) {
                const expected = y < height ? dark[y * width + x] : false;
                if (pixel(image, x, y) !== expected) {
                  throw new Error(`pixel ${x},${y} is ${!expected}, expected ${expected}`);
                }
              }
            }
            expect(out.text).toBe('Before the logo\nAfter the logo');
            expect(out.document.warnings).toEqual([]);
          },
        ),
        { numRuns: 40 },
      );
    });
  },
);

describe('image bounds', () => {
  it('does not allocate what a raster header claims beyond the data sent', () => {
    // GS v 0 claiming 65535 x 65535 bytes with 20 bytes of data: cut short, nothing drawn.
    const bytes = Buffer.from([
      0x1d,
      0x76,
      0x30,
      0,
      0xff,
      0xff,
      0xff,
      0xff,
      ...Array(20).fill(0xaa),
    ]);
    const out = interpret(bytes);
    expect(out.document.blocks.filter((b) => b.kind === 'image')).toEqual([]);
    expect(out.document.warnings.map((w) => w.code)).toEqual(['truncated-command']);
  });

  it('keeps single-density bit images at their printed scale', () => {
    // ESC * 0 (8-dot single density): every dot twice as wide and three times as tall.
    const out = interpret(Buffer.from([0x1b, 0x2a, 0, 2, 0, 0x80, 0x01, 0x0a]));
    const [image] = out.document.blocks.filter((b): b is ImageBlock => b.kind === 'image');
    expect([image.width, image.height, image.scaleX, image.scaleY]).toEqual([2, 8, 2, 3]);
    expect(pixel(image, 0, 0)).toBe(true);
    expect(pixel(image, 1, 7)).toBe(true);
    expect(pixel(image, 1, 0)).toBe(false);
  });
});

describe('Star raster mode (ESC * r A, one b n1 n2 line per row)', () => {
  it('comes back pixel for pixel as one image, with only its size kept on ingest', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 1, maxLength: 600 }),
        fc.integer({ min: 1, max: 9 }),
        (bits, rowBytes) => {
          const rows = Math.ceil(bits.length / rowBytes);
          const bitmap = new Uint8Array(rows * rowBytes);
          bitmap.set(bits);
          const parts: number[] = [0x1b, 0x40, ...Buffer.from('\x1b*rA\x1b*rP0\x00', 'latin1')];
          for (let y = 0; y < rows; y++) {
            parts.push(0x62, rowBytes, 0, ...bitmap.subarray(y * rowBytes, (y + 1) * rowBytes));
          }
          parts.push(...Buffer.from('\x1b*rB', 'latin1'));
          for (const bitmaps of [true, false]) {
            const out = interpret(Uint8Array.from(parts), { dialect: 'star-line', bitmaps });
            const images = out.document.blocks.filter((b): b is ImageBlock => b.kind === 'image');
            expect(images.map((i) => [i.width, i.height])).toEqual([[rowBytes * 8, rows]]);
            const expected = bitmaps ? Buffer.from(bitmap).toString('base64') : '';
            expect(images[0].bitmapBase64).toBe(expected);
          }
        },
      ),
      { numRuns: 100 },
    );
  });
});
