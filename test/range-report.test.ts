/**
 * Range reports through the real service: three fixture business days (printed through the real
 * encoders, read by the real interpreter and extractor) stored in a real receipts file, then the
 * range asked for as the Reports screen asks. Its figures are the sums of the three daily
 * reports to the cent, on screen and in the CSV and XLSX files the job writes; a cancelled job
 * leaves no file; the job says how far it is.
 */
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { invokeCall } from '../src/main/calls';
import {
  buildDailyReport,
  csvDayRows,
  DailyReports,
  RangeReports,
  readStoredDay,
  writeRangeFile,
} from '../src/main/reports';
import { openDatabase, ReportQueries } from '../src/main/store';
import {
  type DailyReport,
  DeskFailure,
  type ExportJob,
  type RangeReport,
  settingsSchema,
} from '../src/shared';
import { parseCsv } from './helpers/csv';
import { pdfText } from './helpers/pdf-text';
import { desksStoppedAfterEach, eventually, tempDir } from './helpers/desk';
import { FiguresSeeder, readDays, type SeedReceipt } from './helpers/seed-figures';

const rule = { timeZone: 'America/New_York', dayStart: '04:00' };
const DAYS = ['2025-06-13', '2025-06-14', '2025-06-15'];
const business = { ...rule, restaurantName: 'Blue Plate Diner' };

let receipts: SeedReceipt[] = [];
beforeAll(async () => {
  receipts = await readDays(
    DAYS.map((day, k) => ({ day, seed: [7, 11, 7][k], receipts: 60 })),
    rule,
  );
}, 120_000);

const startDesk = desksStoppedAfterEach();

/** A desk on a data folder holding the three days. */
async function seededDesk() {
  const dir = tempDir();
  const seeder = new FiguresSeeder(dir);
  seeder.add(receipts);
  seeder.close();
  return startDesk({ business }, dir);
}

/** The figures a manager adds up, from a report of one day or of several. */
const FIGURES = [
  'receiptCount',
  'saleCount',
  'refundCount',
  'voidCount',
  'kitchenTicketCount',
  'otherCount',
  'unparsedCount',
  'grossSales',
  'discounts',
  'refunds',
  'netSales',
  'tax',
  'tips',
  'serviceCharges',
  'total',
  'covers',
  'reprints',
] as const;

function summed(days: DailyReport[]) {
  const out = {} as Record<(typeof FIGURES)[number], number>;
  for (const k of FIGURES) out[k] = days.reduce((n, d) => n + d[k], 0);
  const payments: Record<string, number> = {};
  for (const d of days) {
    for (const [m, v] of Object.entries(d.payments)) payments[m] = (payments[m] ?? 0) + (v ?? 0);
  }
  return { ...out, payments };
}

const pick = (r: RangeReport) => ({
  ...Object.fromEntries(FIGURES.map((k) => [k, r[k]])),
  payments: r.payments,
});

const cents = (v: unknown) => (v === '' || v === null ? 0 : Math.round(Number(v) * 100));

type Service = Awaited<ReturnType<typeof seededDesk>>['service'];

async function finished(service: Service, id: number): Promise<ExportJob> {
  return eventually(async () => {
    const job = await service.getExport(id);
    return job.state !== 'running' && job;
  }, 30_000);
}

describe('a range of business days', () => {
  it('sums to the daily reports to the cent: on screen, in the CSV and in the XLSX', async () => {
    const desk = await seededDesk();
    const s = desk.service;
    const daily = await Promise.all(DAYS.map((date) => s.getDailyReport({ date })));
    const want = summed(daily);
    // Each day holds money, so a wrong day would show.
    for (const d of daily) expect(d.saleCount).toBeGreaterThan(10);

    const range = await s.getRangeReport({ from: DAYS[0], to: DAYS[2] });
    expect(pick(range)).toEqual(want);
    expect(range.days.map((d) => [d.businessDay, d.total, d.tax, d.tips, d.netSales])).toEqual(
      daily.map((d) => [d.businessDay, d.total, d.tax, d.tips, d.netSales]),
    );
    expect(Object.values(range.payments).reduce((n, v) => n + (v ?? 0), 0)).toBe(range.total);
    expect(range.currency).toBe('USD');

    // CSV: one row per receipt of the range; the counted rows add up to each day and the range.
    const started = await s.startRangeReport({ from: DAYS[0], to: DAYS[2], format: 'csv' });
    expect(started).toMatchObject({ kind: 'range-report', format: 'csv', state: 'running' });
    expect(started.total).toBe(want.receiptCount);
    const csvJob = await finished(s, started.id);
    expect(csvJob).toMatchObject({ state: 'done', done: want.receiptCount, error: null });
    expect(csvJob.fileName).toBe(`receipt-desk-report-${DAYS[0]}-to-${DAYS[2]}.csv`);
    const bytes = fs.readFileSync(s.exportFile(started.id).path);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const [header, ...rows] = parseCsv(bytes.toString('utf8').slice(1));
    expect(rows).toHaveLength(want.receiptCount);
    const col = (name: string) => header.indexOf(name);
    const counted = rows.filter((r) => r[col('Counted')] === 'yes');
    const collected = (list: string[][]) =>
      list.reduce((n, r) => n + cents(r[col('Total')]) + cents(r[col('Tip')]), 0);
    expect(collected(counted)).toBe(want.total);
    for (const d of daily) {
      const ofDay = counted.filter((r) => r[col('Business day')] === d.businessDay);
      expect([d.businessDay, collected(ofDay)]).toEqual([d.businessDay, d.total]);
    }

    // XLSX, read back with exceljs.
    const x = await s.startRangeReport({ from: DAYS[0], to: DAYS[2], format: 'xlsx' });
    expect(await finished(s, x.id)).toMatchObject({ state: 'done', done: want.receiptCount });
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(s.exportFile(x.id).path);
    expect(book.worksheets.map((w) => w.name)).toEqual([
      'Summary',
      'Days',
      'Receipts',
      'Items',
      'Payments',
    ]);
    const summary = book.getWorksheet('Summary')!;
    expect(String(summary.getRow(1).getCell(1).value)).toBe(
      `Blue Plate Diner: ${DAYS[0]} to ${DAYS[2]}: Summary`,
    );
    const figure = (name: string) => {
      let value: unknown;
      summary.eachRow((row) => {
        if (row.getCell(1).value === name) value = row.getCell(2).value;
      });
      return value;
    };
    expect(cents(figure('Total collected'))).toBe(want.total);
    expect(cents(figure('Tax'))).toBe(want.tax);
    expect(cents(figure('Tips'))).toBe(want.tips);
    expect(cents(figure('Net sales'))).toBe(want.netSales);
    expect(figure('Receipts')).toBe(want.receiptCount);
    expect(summary.getRow(3).getCell(2).numFmt).toBe('#,##0.00');
    const days: [unknown, number][] = [];
    book.getWorksheet('Days')!.eachRow((row, n) => {
      if (n > 2) days.push([row.getCell(1).value, cents(row.getCell(7).value)]);
    });
    expect(days).toEqual(daily.map((d) => [d.businessDay, d.total]));
    expect(book.getWorksheet('Receipts')!.rowCount).toBe(2 + want.receiptCount);
    let paid = 0;
    book.getWorksheet('Payments')!.eachRow((row, n) => {
      if (n > 2 && row.getCell(1).value !== 'Total collected') paid += cents(row.getCell(2).value);
    });
    expect(paid).toBe(want.total);
  }, 60_000);

  it('prints as pages naming the range, its total and each day', async () => {
    const desk = await seededDesk();
    const s = desk.service;
    const range = await s.getRangeReport({ from: DAYS[0], to: DAYS[2] });
    const job = await s.startRangeReport({ from: DAYS[0], to: DAYS[2], format: 'pdf' });
    expect(await finished(s, job.id)).toMatchObject({ state: 'done' });
    const file = s.exportFile(job.id).path;
    expect(fs.readFileSync(file).subarray(0, 5).toString()).toBe('%PDF-');
    const text = pdfText(file);
    if (text === null) return;
    const money = (v: number) =>
      (v / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    expect(text).toContain('Blue Plate Diner');
    expect(text).toContain(`${DAYS[0]} to ${DAYS[2]}: 3 business days`);
    expect(text).toMatch(new RegExp(`Total collected\\s+${money(range.total)}`, 'u'));
    for (const d of range.days) expect(text).toContain(d.businessDay);
    // A week or three days fit on one page.
    expect(text.split('\f').filter((p) => p.trim()).length).toBe(1);
  }, 60_000);

  it('cancelled, it stops and leaves no file behind; the next one gets its own name', async () => {
    const desk = await seededDesk();
    const s = desk.service;
    const exports = path.join(desk.dataDir, 'exports');
    const request = { from: DAYS[0], to: DAYS[2], format: 'csv' } as const;
    for (const format of ['csv', 'xlsx', 'pdf'] as const) {
      const job = await s.startRangeReport({ ...request, format });
      const cancelled = await s.cancelExport(job.id);
      expect(cancelled).toMatchObject({ state: 'failed', fileName: null });
      expect(cancelled.error?.code).toBe('CANCELLED');
      expect(cancelled.error?.message).toMatch(/Start it again/u);
      expect(fs.readdirSync(exports)).toEqual([]);
    }
    // Done twice: the second file never replaces the first.
    const first = await finished(s, (await s.startRangeReport(request)).id);
    const second = await finished(s, (await s.startRangeReport(request)).id);
    expect([first.fileName, second.fileName]).toEqual([
      `receipt-desk-report-${DAYS[0]}-to-${DAYS[2]}.csv`,
      `receipt-desk-report-${DAYS[0]}-to-${DAYS[2]}-2.csv`,
    ]);
    expect(fs.readdirSync(exports).sort()).toEqual([first.fileName, second.fileName].sort());
  }, 60_000);

  it('of one station sums that station’s days', async () => {
    const desk = await seededDesk();
    const s = desk.service;
    const daily = await Promise.all(DAYS.map((date) => s.getDailyReport({ date, station: 'Bar' })));
    const range = await s.getRangeReport({ from: DAYS[0], to: DAYS[2], station: 'Bar' });
    expect(range.station).toBe('Bar');
    expect(pick(range)).toEqual(summed(daily));
    expect(range.receiptCount).toBeGreaterThan(0);
    const all = await s.getRangeReport({ from: DAYS[0], to: DAYS[2] });
    expect(range.receiptCount).toBeLessThan(all.receiptCount);
  }, 60_000);

  it('says how far it is: receipts written of the total, day by day; cancelled midway, leaves nothing', async () => {
    const dir = tempDir();
    const seeder = new FiguresSeeder(dir);
    seeder.add(receipts);
    seeder.close();
    const db = openDatabase({ dataDir: dir, readonly: true });
    const queries = new ReportQueries(db);
    const settings = settingsSchema.parse({ business });
    const daily = new DailyReports({
      queries: () => queries,
      business: () => settings.business,
      write: () => Promise.reject(new Error('not used')),
    });
    const seen: number[] = [];
    let task: ReturnType<RangeReports['task']> | null = null;
    const rangesYielding = (yieldNow: () => Promise<void>) =>
      new RangeReports({
        daily,
        queries: () => queries,
        sumDay: async (day) => buildDailyReport(readStoredDay(day)),
        // The pool thread's writer, here on this thread: the days still cross a MessagePort.
        write: writeRangeFile,
        csvDay: async (day) => csvDayRows(day),
        dir: () => path.join(dir, 'exports'),
        yieldNow,
      });
    const ranges = rangesYielding(async () => {
      // The first day is sent while the task is still being made.
      seen.push(task?.snapshot().done ?? 0);
      await new Promise((resolve) => setImmediate(resolve));
    });
    task = ranges.task(1, { from: DAYS[0], to: DAYS[2], format: 'xlsx' });
    const started = task.snapshot();
    expect(started).toMatchObject({ state: 'running', done: 0, total: receipts.length });
    await task.finished;
    expect(task.snapshot()).toMatchObject({
      state: 'done',
      done: receipts.length,
      total: receipts.length,
    });
    // Seen midway: some days written, not all, never going back.
    expect(seen.some((n) => n > 0 && n < receipts.length)).toBe(true);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));

    // Cancelled midway (a day written, the file half made): nothing of it is left.
    const kept = fs.readdirSync(path.join(dir, 'exports'));
    const cancelling = rangesYielding(async () => {
      if ((task?.snapshot().done ?? 0) > 0) {
        task!.cancel(new DeskFailure('CANCELLED', 'You cancelled this export.'));
      }
      await new Promise((resolve) => setImmediate(resolve));
    });
    for (const format of ['xlsx', 'csv'] as const) {
      task = null;
      task = cancelling.task(2, { from: DAYS[0], to: DAYS[2], format });
      await task.finished;
      const snapshot = task.snapshot();
      expect(snapshot).toMatchObject({ state: 'failed', fileName: null, format });
      expect(snapshot.done).toBeGreaterThan(0);
      expect(snapshot.done).toBeLessThan(receipts.length);
      expect(fs.readdirSync(path.join(dir, 'exports'))).toEqual(kept);
    }
    db.close();
  }, 60_000);

  it('refuses a range that ends before it starts, saying what to do', async () => {
    const desk = await seededDesk();
    const r = await invokeCall(
      desk.service,
      'startRangeReport',
      [{ from: DAYS[2], to: DAYS[0], format: 'csv' }],
      () => {},
    );
    expect(r).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(!r.ok && r.error.message).toMatch(/Pick the first day, then the last/u);
  });
});
