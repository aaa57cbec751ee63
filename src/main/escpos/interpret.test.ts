/** The entry's choice of dialect: by the station's setting, or by the bytes, never silently wrong. */
import ReceiptPrinterEncoder from '@point-of-sale/receipt-printer-encoder';
import { describe, expect, it } from 'vitest';
import { interpret } from './interpret';

const receipt = (language: 'esc-pos' | 'star-line') =>
  new ReceiptPrinterEncoder({ language, columns: 48 })
    .initialize()
    .bold(true)
    .line('TRATTORIA DA LUCA')
    .bold(false)
    .line('1x Tagliatelle   14.00')
    .cut()
    .encode();

describe('interpret', () => {
  it('reads each dialect by its commands when the station says auto', () => {
    for (const [language, dialect] of [
      ['esc-pos', 'escpos'],
      ['star-line', 'star-line'],
    ] as const) {
      const out = interpret(receipt(language));
      expect(out.document.dialect).toBe(dialect);
      expect(out.text.split('\n')[0]).toBe('TRATTORIA DA LUCA');
      expect(out.document.warnings).toEqual([]);
    }
  });

  it('follows a station set to the wrong dialect, and says so on the receipt', () => {
    const star = interpret(receipt('star-line'), { dialect: 'escpos' });
    expect(star.document.dialect).toBe('escpos');
    expect(star.document.warnings[0]).toMatchObject({ code: 'dialect', offset: 0 });
    expect(star.document.warnings[0].message).toMatch(/Star Line mode.*set to ESC\/POS/);
    const epson = interpret(receipt('esc-pos'), { dialect: 'star-line' });
    expect(epson.document.warnings[0].message).toMatch(/ESC\/POS.*set to Star Line mode/);
  });
});
