/**
 * Round trips through real third-party encoders: each receipt in RECEIPTS is printed by every
 * encoder and printer language (receiptline's eleven command sets, node-thermal-printer EPSON and
 * STAR, receipt-printer-encoder esc-pos, star-line and star-prnt), read back by the interpreter as
 * the station is set up for that printer, and must say what was printed: the same text line for
 * line, the same styles, the same logo dot for dot, the same barcode and QR data, the cuts and
 * drawer kicks. Where an encoder cannot print a receipt at all, the row says why.
 */
import { describe, expect, it } from 'vitest';
import { interpret } from '../../src/main/escpos';
import { RECEIPTLINE } from './encode-receiptline';
import { RECEIPT_PRINTER_ENCODER } from './encode-receipt-printer-encoder';
import { THERMAL_PRINTER } from './encode-thermal-printer';
import { roundTripDifferences } from './expectations';
import { RECEIPTS } from './receipts';
import { stationOptions } from './station';

const ENCODERS = [...RECEIPTLINE, ...THERMAL_PRINTER, ...RECEIPT_PRINTER_ENCODER];

const SII_STATUS = "SII's DC2 q n (end-of-job status request) prints as the text 'q'";
const UPC_E = 'UPC-E sent as the 11 digits of its UPC-A reads as those, not as the UPC-E scanned';
const STAR_KANJI = "the Star interpreter ignores the station's Kanji mode at start";
const UTF8_GUESS = 'CP852 "Ďá" (D2 A0) is taken for UTF-8 and shown as "Ҡ"';

/**
 * Rows the interpreter reads wrongly today (receipt name or '*', encoder name, what goes wrong).
 * They show as skipped with the reason until the fix lands; then the entry goes.
 */
const WAITING: [string, string, string][] = [
  ['*', 'receiptline sii', SII_STATUS],
  [
    'barcodes of every type',
    'receiptline sii',
    `${UPC_E}; SII CODE93/CODE128 data is read as Epson's`,
  ],
  ...['escpos', 'epson', 'citizen', 'fit', 'generic'].map((c): [string, string, string] => [
    'barcodes of every type',
    `receiptline ${c}`,
    UPC_E,
  ]),
  ...['impact', 'impactb'].map((c): [string, string, string] => [
    'a logo',
    `receiptline ${c}`,
    'ESC * bands with ESC J between them are not joined into one picture',
  ]),
  ...['Chinese', 'Taiwanese', 'Korean'].flatMap((language) =>
    ['star (StarPRNT)', 'starline (Star Line)', 'emustarline (Star Line emulation)'].map(
      (c): [string, string, string] => [`a receipt in ${language}`, `receiptline ${c}`, STAR_KANJI],
    ),
  ),
  [
    'a receipt in German',
    'receipt-printer-encoder esc-pos',
    'ESC t 13 (PC857) byte D5 reads as U+FFFD, not "€"',
  ],
  ...[
    'node-thermal-printer EPSON',
    'node-thermal-printer STAR',
    'receipt-printer-encoder esc-pos',
    'receipt-printer-encoder star-line',
    'receipt-printer-encoder star-prnt',
  ].map((e): [string, string, string] => ['an address in Czech', e, UTF8_GUESS]),
];

describe.each(RECEIPTS)('$name', (receipt) => {
  for (const encoder of ENCODERS) {
    const cannot = encoder.cannot(receipt);
    if (cannot) {
      it.skip(`${encoder.name} cannot print it: ${cannot}`, () => {});
      continue;
    }
    const waiting = WAITING.filter(
      ([r, e]) => (r === '*' || r === receipt.name) && e === encoder.name,
    );
    if (waiting.length > 0) {
      const why = waiting.map(([, , reason]) => reason).join('; ');
      it.skip(`through ${encoder.name}: waits for the interpreter (${why})`, () => {});
      continue;
    }
    // The station says which language its printer speaks, or leaves it to the bytes.
    it.each(['set', 'auto'] as const)(
      `through ${encoder.name}, station dialect %s`,
      async (how) => {
        const encoded = await encoder.encode(receipt);
        const options = stationOptions(encoder, receipt);
        if (how === 'auto') options.dialect = 'auto';
        const out = interpret(encoded.bytes, options);
        expect(roundTripDifferences(receipt, encoder, encoded, out, how === 'auto')).toEqual([]);
      },
    );
  }
});
