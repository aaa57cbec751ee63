// What the interpreter benchmark times: one row per case (dialect x kind of receipt), each with
// the target, and the two ways the service calls the interpreter. A new dialect or kind
// of receipt is a new row.
import {
  logoReceipt,
  mixedReceipt,
  starRasterModeReceipt,
  textReceipt,
} from './interpreter-receipts.mjs';

/**
 * What is timed: the interpreter module's door, its bundle in out/service
 * (scripts/build-service.mjs) and the export called. It reads every dialect; each case passes
 * its own as the station profile does.
 */
export const INTERPRETER = {
  entry: 'src/main/escpos/index.ts',
  bundle: 'escpos.js',
  fn: 'interpret',
};

/**
 * `make(seed)` prints one receipt; `count` distinct receipts are cycled so no single input's
 * shape is all the JIT sees. `expect` is text every receipt's interpretation must contain (a
 * benchmark of an interpreter that reads the receipt wrong measures nothing). `targetMBps` is
 * the target (null: reported only), `targetUsPer2KiB` its per-receipt form where given.
 */
export const CASES = [
  {
    name: 'text',
    dialect: 'escpos',
    what: 'about 2 KiB: 20-30 items, double size, bold, alignment, CP858 accents, cut',
    count: 32,
    make: (seed) => textReceipt('esc-pos', seed),
    expect: 'TOTAL EUR',
    targetMBps: 50,
    targetUsPer2KiB: 40, // the other wording of the same target: MiB, not MB
  },
  {
    name: 'raster',
    dialect: 'escpos',
    what: '576 x 240-400 dot picture as GS v 0, a few lines',
    count: 8,
    make: (seed) => logoReceipt('esc-pos', seed, 'raster'),
    expect: 'LE PETIT BISTRO',
    targetMBps: 200,
  },
  {
    name: 'column',
    dialect: 'escpos',
    what: 'the same pictures as ESC * 24-dot column bands',
    count: 8,
    make: (seed) => logoReceipt('esc-pos', seed, 'column'),
    expect: 'LE PETIT BISTRO',
    targetMBps: null,
  },
  {
    name: 'mixed',
    dialect: 'escpos',
    what: '576 x 96 header logo, 12-20 items, Code 128 and QR code',
    count: 16,
    make: (seed) => mixedReceipt('esc-pos', seed),
    expect: 'TOTAL EUR',
    targetMBps: null,
  },
  // Star (Star Line mode; StarPRNT prints the same bytes for these receipts): the same receipts
  // from the same encoder, through the Star interpreter.
  {
    name: 'star-text',
    dialect: 'star-line',
    what: 'the text receipts in Star Line mode',
    count: 32,
    make: (seed) => textReceipt('star-line', seed),
    expect: 'TOTAL EUR',
    targetMBps: 50,
    targetUsPer2KiB: 40,
  },
  {
    name: 'star-raster',
    dialect: 'star-line',
    what: 'the same pictures in Star raster mode (ESC * r A, b n1 n2 rows), as TSP100 drivers send',
    count: 8,
    make: (seed) => starRasterModeReceipt(seed),
    expect: 'LE PETIT BISTRO',
    targetMBps: 200,
  },
  {
    name: 'star-column',
    dialect: 'star-line',
    what: "the same pictures as receipt-printer-encoder's Star Line output: ESC X column bands",
    count: 8,
    make: (seed) => logoReceipt('star-line', seed, 'raster'),
    expect: 'LE PETIT BISTRO',
    targetMBps: null,
  },
];

/** Ingest: what the pool does on capture (text only). Document: what opening a receipt does. */
export const MODES = [
  { name: 'ingest', options: { columns: 48, bitmaps: false } },
  { name: 'document', options: { columns: 48 } },
];
