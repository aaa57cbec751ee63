/**
 * Barcodes printed by a real encoder (receipt-printer-encoder) come back with their symbology and
 * the data a scanner reads, check digits completed; Code 128 code sets are decoded.
 */
import ReceiptPrinterEncoder from '@point-of-sale/receipt-printer-encoder';
import { describe, expect, it } from 'vitest';
import type { BarcodeBlock } from '../../shared';
import { checkDigit, decodeCode128 } from './barcodes';
import { interpret } from './interpret';

const barcodes = (bytes: Uint8Array) =>
  interpret(bytes).document.blocks.filter((b): b is BarcodeBlock => b.kind === 'barcode');

describe('barcodes through receipt-printer-encoder', () => {
  it.each([
    ['ean13', '400638133393', 'ean13', '4006381333931'],
    ['ean13', '4006381333931', 'ean13', '4006381333931'],
    ['ean8', '9638507', 'ean8', '96385074'],
    ['upca', '03600029145', 'upc-a', '036000291452'],
    ['code39', 'ABC-1043', 'code39', 'ABC-1043'],
    ['itf', '12345678', 'itf', '12345678'],
    ['codabar', 'A40156B', 'codabar', 'A40156B'],
    ['code93', 'TABLE 12', 'code93', 'TABLE 12'],
    ['code128', 'Order A-1043/x', 'code128', 'Order A-1043/x'],
  ] as const)('%s %s reads as %s %s', (symbology, value, expectedType, expectedData) => {
    const bytes = new ReceiptPrinterEncoder({ language: 'esc-pos' })
      .initialize()
      .barcode(value, symbology, { height: 60, width: 2, text: 'below' })
      .cut()
      .encode();
    const out = interpret(bytes);
    const [code] = barcodes(bytes);
    expect(code).toMatchObject({
      symbology: expectedType,
      data: expectedData,
      height: 60,
      hri: 'below',
    });
    // The human-readable line printed under it is in the text, so the data can be searched.
    expect(out.text.trim()).toBe(expectedData);
    expect(out.document.warnings).toEqual([]);
  });
});

describe('Code 128 data', () => {
  it('unpacks code set C digits and switches code sets', () => {
    const data = Uint8Array.from([0x7b, 0x43, 12, 34, 5, 0x7b, 0x42, ...Buffer.from('AB{{')]);
    expect(decodeCode128(data)).toEqual({ text: '123405AB{', warning: null });
  });

  it('reads data without a code set as code set B, and says so', () => {
    const bytes = Buffer.concat([Buffer.from([0x1d, 0x6b, 73, 6]), Buffer.from('TEST01')]);
    const [code] = barcodes(bytes);
    expect(code.data).toBe('TEST01');
    expect(interpret(bytes).document.warnings.map((w) => w.code)).toEqual(['undecodable']);
  });

  it('computes GS1 check digits', () => {
    expect(checkDigit('400638133393')).toBe('1');
    expect(checkDigit('9638507')).toBe('4');
  });
});
