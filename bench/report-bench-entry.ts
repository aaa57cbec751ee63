/**
 * The daily report through the real store and service (`npm run bench -- --only=sales`): a
 * data folder seeded with a business day of 5,000 receipts with figures (bench/report-seed.ts),
 * a DeskService started on it (writer thread, reader connection, pool threads), then the day's
 * report asked for as the Reports screen and the downloads ask: JSON (getDailyReport), and the
 * PDF, XLSX and CSV files (written on a pool thread). Medians of rounds. Bundled by
 * bench/report-bench.mjs and run as its own process; prints one JSON line with the figures.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DeskService } from '../src/main/service';
import { loadSettings } from '../src/main/settings';
import type { ReportFormat } from '../src/shared';
import { readSamples, seedDays, writeSettings } from './report-seed';

const root = process.argv[2];
const quick = process.argv.includes('--quick');
const rule = { dayStart: '04:00', timeZone: 'America/New_York' };
const DAY = '2026-03-14';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

async function timed(rounds: number, run: () => Promise<unknown>): Promise<number[]> {
  await run(); // warm-up: statements prepared, exceljs and pdfkit loaded in the thread
  const out: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const t0 = performance.now();
    await run();
    out.push(performance.now() - t0);
  }
  return out;
}

async function withService<T>(dir: string, work: (s: DeskService) => Promise<T>): Promise<T> {
  const service = new DeskService({
    dataDir: dir,
    settings: loadSettings(dir),
    workerDir: path.join(root, 'out', 'service'),
  });
  await service.start();
  try {
    return await work(service);
  } finally {
    await service.stop();
  }
}

async function main() {
  const samples = await readSamples(rule);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'receipt-desk-bench-report-'));
  try {
    const t0 = performance.now();
    const seeded = seedDays(dir, [DAY], 5000, rule, samples);
    const seedMs = performance.now() - t0;
    writeSettings(dir, rule);
    const rounds = quick ? 3 : 9;
    const result = await withService(dir, async (service) => {
      const json = await timed(rounds, async () => {
        const r = await service.getDailyReport({ date: DAY });
        if (r.receiptCount !== seeded) throw new Error(`report has ${r.receiptCount} receipts`);
      });
      const files: Partial<Record<ReportFormat, { ms: number[]; bytes: number }>> = {};
      for (const format of ['pdf', 'xlsx', 'csv'] as const) {
        let bytes = 0;
        const ms = await timed(rounds, async () => {
          bytes = (await service.dailyReportFile({ date: DAY }, format)).body.length;
        });
        files[format] = { ms, bytes };
      }
      return { json, files };
    });
    process.stdout.write(
      `${JSON.stringify({
        samples: samples.length,
        seeded,
        seedMs,
        jsonMs: median(result.json),
        jsonRounds: result.json,
        files: Object.fromEntries(
          Object.entries(result.files).map(([f, v]) => [f, { ...v, median: median(v.ms) }]),
        ),
      })}\n`,
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err: Error) => {
  process.stderr.write(`report bench: ${err.stack ?? err.message}\n`);
  process.exit(1);
});
