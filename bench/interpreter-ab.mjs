// Two interpreter bundles in one process, rounds interleaved (ABBA), on the text (or raster)
// receipts of the interpreter bench: a before/after comparison less exposed to the machine's drift than two
// separate runs. Bundles: `node bench/interpreter.mjs --ref=<commit> --quick` leaves
// out/bench/escpos-<commit>.js.
//   node bench/interpreter-ab.mjs out/bench/escpos-<before>.js out/bench/escpos-<after>.js
//     [--rounds=15] [--case=text|raster]
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { logoReceipt, textReceipt } from './interpreter-receipts.mjs';

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    rounds: { type: 'string', default: '15' },
    case: { type: 'string', default: 'text' },
  },
});
if (positionals.length !== 2) {
  console.error('usage: node bench/interpreter-ab.mjs <before.js> <after.js> [--rounds=15]');
  process.exit(2);
}
const load = (file) => import(pathToFileURL(path.resolve(file)).href);
const [before, after] = await Promise.all(positionals.map(load));
const MAKE = {
  text: (seed) => textReceipt('esc-pos', seed),
  raster: (seed) => logoReceipt('esc-pos', seed, 'raster'),
};
if (!MAKE[values.case]) throw new Error(`--case is one of ${Object.keys(MAKE).join(', ')}`);
const receipts = Array.from({ length: 32 }, (_, i) => MAKE[values.case](i));
const bytes = receipts.reduce((n, r) => n + r.length, 0);

/** MB/s over one 150 ms round. */
function round(mod, options) {
  const t0 = process.hrtime.bigint();
  let passes = 0;
  while (Number(process.hrtime.bigint() - t0) < 150e6) {
    for (const r of receipts) mod.interpret(r, options);
    passes++;
  }
  return (passes * bytes) / (Number(process.hrtime.bigint() - t0) / 1e9) / 1e6;
}
const median = (xs) => [...xs].sort((p, q) => p - q)[xs.length >> 1];

for (const [mode, options] of [
  ['ingest', { columns: 48, bitmaps: false }],
  ['document', { columns: 48 }],
]) {
  for (let k = 0; k < 3; k++) {
    round(before, options); // warm-up
    round(after, options);
  }
  const a = [];
  const b = [];
  for (let k = 0; k < Number(values.rounds); k++) {
    // Alternate which goes first, so neither always runs on a machine just warmed by the other.
    if (k % 2) {
      b.push(round(after, options));
      a.push(round(before, options));
    } else {
      a.push(round(before, options));
      b.push(round(after, options));
    }
  }
  const [ma, mb] = [median(a), median(b)];
  console.log(
    `${mode}: before ${ma.toFixed(1)} MB/s, after ${mb.toFixed(1)} MB/s, after/before ${(mb / ma).toFixed(3)}`,
  );
}
