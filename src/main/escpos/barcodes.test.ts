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

describe('barcode settings and forms', () => {
  it('keeps GS h height, GS w module width, GS H position and GS f font of the human-readable line', () => {
    const bytes = Buffer.concat([
      Buffer.from([0x1d, 0x68, 80, 0x1d, 0x77, 2, 0x1d, 0x48, 2, 0x1d, 0x66, 1]),
      Buffer.from([0x1d, 0x6b, 67, 12]),
      Buffer.from('400638133393'),
    ]);
    const [code] = barcodes(bytes);
    expect(code).toMatchObject({
      symbology: 'ean13',
      data: '4006381333931',
      height: 80,
      moduleWidth: 2,
      hri: 'below',
      hriFont: 'B',
    });
    expect(interpret(bytes).text).toContain('4006381333931');
  });

  it('reads UPC-E sent in its 11-digit UPC-A form as the UPC-E a scanner reads', () => {
    const bytes = Buffer.concat([Buffer.from([0x1d, 0x6b, 66, 11]), Buffer.from('01234500006')]);
    expect(barcodes(bytes)[0].data).toBe('01234565');
  });

  it("reads SII's symbol-value Code 128 and Code 93", () => {
    const code128 = [0x68, 0x2f, 0x52, 0x44, 0x45, 0x52, 0x00, 0x03, 0x63, 0x0c, 0x22, 0x64, 0x0d];
    const c128 = Buffer.from([0x1d, 0x6b, 73, 16, ...code128, 0x41, 0x42, 0x69]);
    expect(barcodes(c128)[0].data).toBe('Order #1234-ab');
    const c93 = Buffer.from([0x1d, 0x6b, 72, 8, 0x1d, 0x0a, 0x0b, 0x15, 0x0e, 0x26, 0x07, 0x30]);
    expect(barcodes(c93)[0].data).toBe('TABLE 7');
  });
});
