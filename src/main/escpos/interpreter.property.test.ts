/**
 * The interpreter is a pure function of bytes from the network: it never throws, gives the same
 * answer twice, and its output stays within a bound of its input, for random bytes and for real
 * receipts mutated at random.
 */
import ReceiptPrinterEncoder from '@point-of-sale/receipt-printer-encoder';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Dialect } from '../../shared';
import { interpret } from './interpret';

const receipt = new ReceiptPrinterEncoder({ language: 'esc-pos', codepageMapping: 'epson' })
  .initialize()
  .codepage('cp852')
  .align('center')
  .bold(true)
  .line('CAFÉ MILANO — Příliš žluťoučký')
  .bold(false)
  .align('left')
  .table(
    [
      { width: 30, align: 'left' },
      { width: 10, align: 'right' },
    ],
    [
      ['2x Cappuccino', '6.40'],
      ['Tiramisu', '5.50'],
    ],
  )
  .barcode('3130630574613', 'ean13', 60)
  .qrcode('https://example.com/order/A-1043')
  .pulse()
  .cut()
  .encode();

const mutated = fc
  .array(
    fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 }), fc.constantFrom('set', 'drop', 'dup')),
    {
      maxLength: 20,
    },
  )
  .map((edits) => {
    const bytes = [...receipt];
    for (const [at, value, kind] of edits) {
      const i = at % bytes.length;
      if (kind === 'set') bytes[i] = value;
      else if (kind === 'drop') bytes.splice(i, 1);
      else bytes.splice(i, 0, ...bytes.slice(i, i + 8));
    }
    return Uint8Array.from(bytes);
  });

const anyBytes = fc.oneof(fc.uint8Array({ maxLength: 4000 }), mutated);

/**
 * Output is linear in the input: a byte ends at most one line of at most a paper width of text
 * plus its margin, and the one command that feeds most for its size (ESC d 255, three bytes)
 * makes 255 blank lines.
 */
const textBound = (n: number): number => (n + 1) * 100;
/** Not a speed target (that is `npm run bench`): a bound that only a hang or a blow-up breaks. */
const SLOW_MS = 2000;

describe('interpreter properties', () => {
  it('never throws, answers the same twice, and stays within a bound of its input', () => {
    fc.assert(
      fc.property(
        anyBytes,
        fc.constantFrom<Dialect | 'auto'>('escpos', 'auto', 'star-line', 'star-prnt'),
        (bytes, dialect) => {
          const started = performance.now();
          const a = interpret(bytes, { dialect });
          expect(performance.now() - started).toBeLessThan(SLOW_MS);
          const b = interpret(bytes, { dialect });
          expect(b).toEqual(a);
          expect(a.text.length).toBeLessThanOrEqual(textBound(bytes.length));
          expect(a.document.warnings.length).toBeLessThanOrEqual(101);
          // A 3-byte feed (ESC d n, Star's ESC a n) prints up to 255 blank lines, each a line
          // on paper: 85 blocks per byte at most (and the builder caps the total).
          expect(a.document.blocks.length).toBeLessThanOrEqual(bytes.length * 85 + 1);
          const bitmapBytes = a.document.blocks.reduce(
            (sum, x) => sum + (x.kind === 'image' ? (x.bitmapBase64.length * 3) / 4 : 0),
            0,
          );
          // ESC * 8-dot bands spread one byte over a column of 8 rows: at most 8 bytes of bitmap.
          expect(bitmapBytes).toBeLessThanOrEqual(bytes.length * 8 + 64);
        },
      ),
      {
        numRuns: 400,
        // Found by a run: Star's ESC a 5 feeds five lines from three bytes.
        examples: [[new Uint8Array([27, 97, 5]), 'star-prnt']],
      },
    );
  });

  it('allocates no more than the data sent when image headers lie (65535 x 65535 dots)', () => {
    const data = Array.from({ length: 20 }, (_, k) => k * 13);
    const liars = [
      [0x1d, 0x76, 0x30, 0, 0xff, 0xff, 0xff, 0xff, ...data], // GS v 0
      [0x1d, 0x28, 0x4c, 0xff, 0xff, 48, 112, 48, 1, 1, 49, 0xff, 0xff, 0xff, 0xff, ...data], // GS ( L
      [
        0x1d,
        0x38,
        0x4c,
        0xff,
        0xff,
        0xff,
        0xff,
        48,
        112,
        48,
        1,
        1,
        49,
        0xff,
        0xff,
        0xff,
        0xff,
        ...data,
      ],
      [0x1b, 0x2a, 33, 0xff, 0xff, ...data], // ESC *
    ];
    for (const liar of liars) {
      const out = interpret(Uint8Array.from(liar));
      expect(out.document.warnings.length).toBeGreaterThan(0);
      for (const block of out.document.blocks) {
        if (block.kind === 'image')
          expect(block.width * block.height).toBeLessThanOrEqual(20 * 8 * 24);
      }
    }
  });

  it('reads the unmutated receipt', () => {
    const out = interpret(receipt);
    expect(out.text).toContain('Příliš žluťoučký');
    expect(out.text).toContain('Tiramisu');
    expect(out.document.blocks.some((b) => b.kind === 'event' && b.event === 'drawer-kick')).toBe(
      true,
    );
  });
});
