// Sales figures and the daily report, on one thread (`npm run bench -- --only=sales`).
//   extraction: µs per receipt on the interpreter bench's 2 KiB text receipts (their text, as
//     the pool reads it from the store), median of rounds; target < 100 µs.
//   daily report: a business day of 5,000 receipts with their figures summed into the report
//     (buildDailyReport, what GET /api/reports/daily runs after its one query); target < 200 ms.
//   through the store (bench/report-bench-entry.ts): a data folder seeded with such a day, a
//     DeskService on it, and the report as JSON (< 200 ms), PDF (< 1 s), XLSX and CSV.
// The extractor and the report are bundled from the working tree into out/bench/sales.js.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { textReceipt } from './interpreter-receipts.mjs';
import { bundleForNode } from './node-bundle.mjs';
import { runReportBench } from './report-bench.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const stamp =
  process.argv.find((a) => a.startsWith('--stamp='))?.slice(8) ??
  new Date().toISOString().replace(/:/g, '-').replace(/\..*$/, '');
const quick = process.argv.includes('--quick');
const entry = path.join(root, 'out', 'bench', 'sales-entry.ts');
fs.mkdirSync(path.dirname(entry), { recursive: true });
fs.writeFileSync(
  entry,
  `export { interpret } from '../../src/main/escpos';
export { extractFigures } from '../../src/main/sales';
export { buildDailyReport } from '../../src/main/reports/daily-report';
export { businessDayBounds, businessDayHours } from '../../src/main/days';\n`,
);
const file = path.join(root, 'out', 'bench', 'sales.js');
await bundleForNode(entry, file);
const m = await import(pathToFileURL(file).href);

const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const texts = Array.from(
  { length: 32 },
  (_, i) => m.interpret(textReceipt('esc-pos', i), { columns: 48 }).text,
);
const bytes = texts.reduce((n, t) => n + Buffer.byteLength(t), 0) / texts.length;
for (const t of texts) m.extractFigures({ text: t }); // warm-up
const rounds = [];
for (let r = 0; r < (quick ? 3 : 9); r++) {
  const t0 = performance.now();
  let n = 0;
  while (performance.now() - t0 < 300) {
    for (const t of texts) m.extractFigures({ text: t });
    n += texts.length;
  }
  rounds.push(((performance.now() - t0) * 1000) / n);
}
const extractUs = median(rounds);

// A day of 5,000 receipts: the 32 texts' figures, spread over the business day.
const rule = { dayStart: '04:00', timeZone: 'Europe/Berlin' };
const [from, to] = m.businessDayBounds('2026-03-14', rule);
const figures = texts.map((t) => m.extractFigures({ text: t }));
const receipts = Array.from({ length: 5000 }, (_, k) => ({
  id: k + 1,
  receivedAt: from + Math.floor(((to - from) * k) / 5000),
  station: ['Front', 'Bar', 'Terrace'][k % 3],
  drawerKicks: k % 2,
  // Each row parsed from JSON as the store hands it over, as the query does.
  figures: JSON.parse(JSON.stringify(figures[k % figures.length])),
}));
const input = {
  businessDay: '2026-03-14',
  timezone: rule.timeZone,
  dayStart: rule.dayStart,
  restaurantName: 'Bench',
  station: null,
  currency: null,
  from,
  to,
  hours: m.businessDayHours('2026-03-14', rule),
  receipts,
};
const reportRounds = [];
for (let r = 0; r < (quick ? 3 : 9); r++) {
  const t0 = performance.now();
  m.buildDailyReport(input);
  reportRounds.push(performance.now() - t0);
}
const reportMs = median(reportRounds);
const rows = [
  [
    'extraction, µs per receipt (2 KiB text receipts)',
    '< 100 µs',
    `${extractUs.toFixed(0)} µs (${bytes.toFixed(0)} B text)`,
    extractUs < 100 ? 'pass' : '**miss**',
  ],
  [
    'daily report, 5,000 receipts summed (JSON)',
    '< 200 ms',
    `${reportMs.toFixed(1)} ms`,
    reportMs < 200 ? 'pass' : '**miss**',
  ],
];
const store = await runReportBench({ quick });
const ms = (v) => `${v.toFixed(0)} ms`;
rows.push(
  [
    `daily report through the store, ${store.seeded.toLocaleString('en')} receipts (JSON)`,
    '< 200 ms',
    ms(store.jsonMs),
    store.jsonMs < 200 ? 'pass' : '**miss**',
  ],
  [
    'main thread event-loop delay, longest while the JSON was asked',
    '–',
    ms(store.jsonLoopMaxMs),
    '',
  ],
  [
    'the same day as PDF',
    '< 1 s',
    ms(store.files.pdf.median),
    store.files.pdf.median < 1000 ? 'pass' : '**miss**',
  ],
  ['the same day as XLSX', '–', ms(store.files.xlsx.median), ''],
  ['the same day as CSV', '–', ms(store.files.csv.median), ''],
  [
    `a month of ${store.month.seeded.toLocaleString('en')} receipts to CSV (range-report job)`,
    '< 5 s',
    ms(store.month.csvMs),
    store.month.csvMs < 5000 ? 'pass' : '**miss**',
  ],
  [
    'main thread event-loop delay p99 while the month is written',
    '–',
    ms(store.month.loopP99Ms),
    '',
  ],
  ['the same month summed for the screen (getRangeReport)', '–', ms(store.month.summaryMs), ''],
  [`seeding the month (rows written directly through the store)`, '–', ms(store.month.seedMs), ''],
  [
    `seeding the day (${store.samples} fixture receipts read once, rows written directly)`,
    '–',
    ms(store.seedMs),
    '',
  ],
);
process.stdout.write(
  `## Sales figures\n\n| what | target | measured (median) | result |\n| --- | --- | --- | --- |\n${rows.map((r) => `| ${r.join(' | ')} |`).join('\n')}\n\n`,
);
const out = path.join(root, 'bench', 'results', `${stamp}-sales.json`);
fs.writeFileSync(
  out,
  JSON.stringify(
    {
      date: new Date().toISOString(),
      extractUs,
      extractRounds: rounds,
      textBytes: bytes,
      reportMs,
      reportRounds,
      store,
    },
    null,
    2,
  ),
);
process.stdout.write(`(${out})\n`);
