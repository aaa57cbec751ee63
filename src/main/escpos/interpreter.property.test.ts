/**
 * The interpreter is a pure function of bytes from the network: it never throws, gives the same
 * answer twice, and its output stays within a bound of its input, for random bytes and for real
 * receipts mutated at random.
 */
import ReceiptPrinterEncoder from '@point-of-sale/receipt-printer-encoder';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
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

describe('interpreter properties', () => {
  it('never throws, answers the same twice, and stays within a bound of its input', () => {
    fc.assert(
      fc.property(anyBytes, (bytes) => {
        const a = interpret(bytes);
        const b = interpret(bytes);
        expect(b).toEqual(a);
        expect(a.text.length).toBeLessThanOrEqual(bytes.length * 2 + 64);
        expect(a.document.warnings.length).toBeLessThanOrEqual(101);
        expect(a.document.blocks.length).toBeLessThanOrEqual(bytes.length + 1);
      }),
      { numRuns: 400 },
    );
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
