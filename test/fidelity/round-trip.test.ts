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

/** Pairs an encoder cannot express at all, with its reason; printed once so a skip never hides. */
const cannotPrint = RECEIPTS.flatMap((receipt) =>
  ENCODERS.flatMap((encoder) => {
    const why = encoder.cannot(receipt);
    return why ? [`${receipt.name} / ${encoder.name}: ${why}`] : [];
  }),
);
console.log(
  `Round trips not run, because the encoder cannot print that receipt (${cannotPrint.length}):\n  ${cannotPrint.join('\n  ')}`,
);

describe.each(RECEIPTS)('$name', (receipt) => {
  for (const encoder of ENCODERS) {
    const cannot = encoder.cannot(receipt);
    if (cannot) {
      it.skip(`${encoder.name} cannot print it: ${cannot}`, () => {});
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
