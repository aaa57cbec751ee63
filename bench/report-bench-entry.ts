/**
 * The daily report through the real store and service (`npm run bench -- --only=sales`): a
 * data folder seeded with a business day of 5,000 receipts with figures (bench/report-seed.ts),
 * a DeskService started on it (writer thread, reader connection, pool threads), then the day's
 * report asked for as the Reports screen and the downloads ask: JSON (getDailyReport), and the
 * PDF, XLSX and CSV files (written on a pool thread). Medians of rounds. Then a month of
 * 150,000 receipts (30 days of 5,000) written to CSV through the range-report job, as the
 * Reports screen starts it: the time to the finished file, the progress seen while it ran
 * (polled every 100 ms, as the screen polls), and the main thread's event-loop delay meanwhile.
 * Bundled by
 * bench/report-bench.mjs and run as its own process; prints one JSON line with the figures.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
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
      const loop = monitorEventLoopDelay({ resolution: 10 });
      loop.enable();
      const json = await timed(rounds, async () => {
        const r = await service.getDailyReport({ date: DAY });
        if (r.receiptCount !== seeded) throw new Error(`report has ${r.receiptCount} receipts`);
      });
      loop.disable();
      const jsonLoopMaxMs = loop.max / 1e6;
      const files: Partial<Record<ReportFormat, { ms: number[]; bytes: number }>> = {};
      for (const format of ['pdf', 'xlsx', 'csv'] as const) {
        let bytes = 0;
        const ms = await timed(rounds, async () => {
          bytes = (await service.dailyReportFile({ date: DAY }, format)).body.length;
        });
        files[format] = { ms, bytes };
      }
      return { json, jsonLoopMaxMs, files };
    });
    const month = await monthToCsv(samples, quick);
    process.stdout.write(
      `${JSON.stringify({
        month,
        samples: samples.length,
        seeded,
        seedMs,
        jsonMs: median(result.json),
        jsonRounds: result.json,
        jsonLoopMaxMs: result.jsonLoopMaxMs,
        files: Object.fromEntries(
          Object.entries(result.files).map(([f, v]) => [f, { ...v, median: median(v.ms) }]),
        ),
      })}\n`,
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** 30 business days of 5,000 receipts, seeded, then the range written as CSV by the job. */
async function monthToCsv(samples: Awaited<ReturnType<typeof readSamples>>, quick: boolean) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'receipt-desk-bench-month-'));
  try {
    const days = Array.from({ length: 30 }, (_, k) =>
      new Date(Date.UTC(2026, 1, 1 + k)).toISOString().slice(0, 10),
    );
    const t0 = performance.now();
    const seeded = seedDays(dir, days, 5000, rule, samples);
    const seedMs = performance.now() - t0;
    writeSettings(dir, rule);
    return await withService(dir, async (service) => {
      // Untimed: the first turns after start are the figures catch-up's scan for receipts
      // without figures (one query over the whole file), not the report's.
      await service.getRangeReport({ from: days[0], to: days[0] });
      const summary = await timed(quick ? 1 : 3, () =>
        service.getRangeReport({ from: days[0], to: days.at(-1)! }),
      );
      const runs: { ms: number; bytes: number; progress: [number, number][]; loopP99Ms: number }[] =
        [];
      for (let r = 0; r < (quick ? 1 : 3); r++) {
        const loop = monitorEventLoopDelay({ resolution: 10 });
        loop.enable();
        const start = performance.now();
        const startWall = Date.now();
        const job = await service.startRangeReport({
          from: days[0],
          to: days.at(-1)!,
          format: 'csv',
        });
        const progress: [number, number][] = [[0, job.done]];
        let last = job;
        while (last.state === 'running') {
          await new Promise((resolve) => setTimeout(resolve, 100));
          last = await service.getExport(job.id);
          progress.push([Math.round(performance.now() - start), last.done]);
        }
        loop.disable();
        if (last.state !== 'done' || last.done !== seeded) {
          throw new Error(
            `the month's CSV ended ${last.state} at ${last.done}: ${last.error?.message}`,
          );
        }
        const file = service.exportFile(job.id);
        runs.push({
          // The file's own finish, not the next poll: the job is done when its file is there.
          ms: fs.statSync(file.path).mtimeMs - startWall,
          bytes: file.bytes,
          progress,
          loopP99Ms: loop.percentile(99) / 1e6,
        });
        fs.rmSync(file.path);
      }
      return {
        seeded,
        seedMs,
        summaryMs: median(summary),
        csvMs: median(runs.map((r) => r.ms)),
        loopP99Ms: median(runs.map((r) => r.loopP99Ms)),
        runs,
      };
    });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err: Error) => {
  process.stderr.write(`report bench: ${err.stack ?? err.message}\n`);
  process.exit(1);
});
