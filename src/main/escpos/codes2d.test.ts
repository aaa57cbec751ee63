/**
 * 2D codes printed by a real encoder (receipt-printer-encoder) come back with their data as a
 * scanner reads it and the settings the POS chose.
 */
import ReceiptPrinterEncoder from '@point-of-sale/receipt-printer-encoder';
import { describe, expect, it } from 'vitest';
import type { Code2dBlock } from '../../shared';
import { interpret } from './interpret';

const codes = (bytes: Uint8Array) =>
  interpret(bytes).document.blocks.filter((b): b is Code2dBlock => b.kind === 'code2d');

describe('2D codes through receipt-printer-encoder', () => {
  it.each([
    ['https://example.com/order/A-1043', 'l', 'L'],
    ['Table 7 - 2× Café crème', 'q', 'Q'],
    ['x'.repeat(300), 'h', 'H'],
  ])('QR %#: data and settings come back', (value, level, expected) => {
    const bytes = new ReceiptPrinterEncoder({ language: 'esc-pos' })
      .initialize()
      .qrcode(value, { model: 2, size: 5, errorlevel: level as 'l' | 'q' | 'h' })
      .cut()
      .encode();
    const [qr] = codes(bytes);
    expect(qr).toMatchObject({
      symbology: 'qr',
      data: value,
      moduleSize: 5,
      errorCorrection: expected,
    });
    expect(interpret(bytes).document.warnings).toEqual([]);
  });

  it('PDF417: data comes back', () => {
    const bytes = new ReceiptPrinterEncoder({ language: 'esc-pos' })
      .initialize()
      .pdf417('INVOICE 2026-11-22 A-1043 TOTAL 48.00', { width: 3 })
      .cut()
      .encode();
    const [code] = codes(bytes);
    expect(code).toMatchObject({
      symbology: 'pdf417',
      data: 'INVOICE 2026-11-22 A-1043 TOTAL 48.00',
    });
  });

  it('reads UTF-8 data as UTF-8', () => {
    const data = Buffer.from('Café — 12,50 €', 'utf8');
    const store = Buffer.from([0x1d, 0x28, 0x6b, data.length + 3, 0, 49, 80, 48, ...data]);
    const print = Buffer.from([0x1d, 0x28, 0x6b, 3, 0, 49, 81, 48]);
    const [qr] = codes(Buffer.concat([store, print]));
    expect(qr.data).toBe('Café — 12,50 €');
    expect(Buffer.from(qr.rawBase64, 'base64')).toEqual(store);
  });

  it('says so when a code is printed before any data was stored', () => {
    // GS ( k pL=3 pH=0 cn=49 fn=81 m=48: print the QR symbol, with nothing stored.
    const out = interpret(Buffer.from([0x1d, 0x28, 0x6b, 3, 0, 49, 81, 48]));
    expect(out.document.blocks).toEqual([]);
    expect(out.document.warnings[0].message).toMatch(/before any data was stored/);
  });
});
