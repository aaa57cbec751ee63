/**
 * Automatic export of the daily report, through the real service on a test clock: a fixture
 * business day printed through the real listener, the clock moved past the day's end, and the
 * files a manager finds in the folder read back (the CSV adds up to the day's truth, the PDF
 * says the same total), once the day's figures are read (or two hours on). A day missed while the service was stopped is written at the next
 * start; a file already there is never overwritten; off writes nothing; a folder that cannot be
 * written to is a problem in words, and the day is written once the folder is fixed.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { businessDayBounds } from '../src/main/days';
import { DeskService } from '../src/main/service';
import { DB_FILE } from '../src/main/store';
import {
  type AutoExportStatus,
  type DeskFailure,
  type ReceiptSummary,
  type SettingsInput,
  settingsSchema,
} from '../src/shared';
import { csvRecords } from './helpers/csv';
import { WORKER_DIR, eventually, sendRaw, tempDir } from './helpers/desk';
import { pdfText } from './helpers/pdf-text';
import { type DayReceipt, printDay } from './sales/fixtures';

const ZONE = 'America/New_York';
const RULE = { dayStart: '04:00', timeZone: ZONE };
const MINUTE = 60_000;
type N = { n: number };

/** A desk on a clock the test moves, looking for days to write every 25 ms. */
interface ClockDesk {
  service: DeskService;
  ports: Map<string, number>;
  announced: ReceiptSummary[];
  problems: DeskFailure[];
  clock: { now: number };
  stop(): Promise<void>;
}

const running: ClockDesk[] = [];
afterEach(async () => {
  for (const d of running.splice(0)) await d.stop();
});

async function startClockDesk(
  dataDir: string,
  clock: { now: number },
  input: SettingsInput,
): Promise<ClockDesk> {
  const settings = settingsSchema.parse({
    listeners: ['Front', 'Bar', 'Kitchen'].map((station) => ({
      host: '127.0.0.1',
      port: 0,
      station,
    })),
    business: { ...RULE, restaurantName: 'Harbor Diner', currency: 'USD' },
    ...input,
  });
  const service = new DeskService({
    dataDir,
    settings,
    workerDir: WORKER_DIR,
    now: () => clock.now,
    autoExportEveryMs: 25,
  });
  await service.start();
  const announced: ReceiptSummary[] = [];
  service.onReceipts((batch) => announced.push(...batch));
  const problems: DeskFailure[] = [];
  service.onProblem((p) => problems.push(p));
  const health = await service.getHealth();
  const desk: ClockDesk = {
    service,
    ports: new Map(health.listeners.map((l) => [l.station, l.port])),
    announced,
    problems,
    clock,
    stop: async () => {
      running.splice(running.indexOf(desk), 1);
      await service.stop();
    },
  };
  running.push(desk);
  return desk;
}

/** Each receipt printed at its own time: the clock is set to it while the till sends it. */
async function printAt(desk: ClockDesk, receipts: DayReceipt[]): Promise<void> {
  for (const r of receipts) {
    desk.clock.now = r.receivedAt;
    const before = desk.announced.length;
    await sendRaw(desk.ports.get(r.station)!, Buffer.from(r.receipt.bytes));
    await eventually(() => desk.announced.length > before);
  }
}

/** What was collected, from the receipts' truths: sale totals with tips, less refunds. */
function truthTotal(receipts: DayReceipt[]): number {
  let total = 0;
  for (const { receipt, reprint } of receipts) {
    const t = receipt.truth;
    if (reprint) continue;
    if (t.kind === 'sale') total += t.total! + (t.tip ?? 0);
    if (t.kind === 'refund') total -= t.total!;
  }
  return total;
}

const status = (d: ClockDesk): Promise<AutoExportStatus> => d.service.getAutoExport();
const lastWritten = async (d: ClockDesk, day: string) => {
  try {
    return await eventually(async () => {
      const s = await status(d);
      return s.last?.businessDay === day && s;
    }, 30_000);
  } catch (err) {
    throw new Error(`${day} not written: ${JSON.stringify(await status(d))}`, { cause: err });
  }
};
/** The instant `minutes` after business day `day` ends. */
const after = (day: string, minutes: number) => businessDayBounds(day, RULE)[1] + minutes * MINUTE;
const files = (dir: string) => (fs.existsSync(dir) ? fs.readdirSync(dir).sort() : []);
const report = (day: string, ext: string, n = '') => `receipt-desk-report-${day}${n}.${ext}`;
const cents = (v: string) => (v ? Math.round(Number(v) * 100) : 0);

describe('automatic export', () => {
  it('writes the day after it ends: PDF, CSV and XLSX that add up to what the tills took', async () => {
    const day = '2026-12-05';
    const printed = await printDay({
      seed: 3,
      day,
      timeZone: ZONE,
      dayStart: '04:00',
      receipts: 36,
    });
    const folder = path.join(tempDir(), 'Daily reports');
    const clock = { now: after('2026-12-04', 16) };
    const desk = await startClockDesk(tempDir(), clock, {
      autoExport: { enabled: true, folder, xlsx: true },
    });
    // Turned on during the 5th: the 4th (the last finished day) is written at once, empty.
    const first = await lastWritten(desk, '2026-12-04');
    expect(first.last).toMatchObject({ receipts: 0, formats: ['pdf', 'csv', 'xlsx'] });

    await printAt(desk, printed);
    // Ten minutes after the day ends is inside its grace: nothing yet.
    clock.now = after(day, 10);
    expect((await status(desk)).next).toEqual({ businessDay: day, at: after(day, 15) });
    clock.now = after(day, 16);
    const written = await lastWritten(desk, day);
    expect(written.last).toEqual({
      businessDay: day,
      at: clock.now,
      formats: ['pdf', 'csv', 'xlsx'],
      files: [report(day, 'pdf'), report(day, 'csv'), report(day, 'xlsx')],
      receipts: printed.length,
    });
    expect(written.problem).toBeNull();
    expect(written.next?.businessDay).toBe('2026-12-06');

    const want = truthTotal(printed);
    const json = await desk.service.getDailyReport({ date: day });
    expect(json.total).toBe(want);
    expect(json.unparsed).toEqual([]);
    // The CSV the accountant opens: its counted rows add up to the day's truth, to the cent.
    const csv = fs.readFileSync(path.join(folder, report(day, 'csv')), 'utf8');
    const rows = csvRecords(csv.replace(/^\uFEFF/u, ''));
    expect(rows).toHaveLength(printed.length);
    const counted = rows.filter((r) => r.Counted === 'yes');
    expect(counted.reduce((n, r) => n + cents(r.Total) + cents(r.Tip), 0)).toBe(want);
    // The workbook and the page to print say the same.
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(path.join(folder, report(day, 'xlsx')));
    expect(book.worksheets.map((w) => w.name)).toEqual([
      'Summary',
      'Receipts',
      'Items',
      'Payments',
      'Hourly',
    ]);
    const text = pdfText(path.join(folder, report(day, 'pdf')));
    if (text !== null) {
      expect(text).toContain('Harbor Diner');
      const dollars = (want / 100).toLocaleString('en-US', { minimumFractionDigits: 2 });
      expect(text.replace(/\s+/gu, ' ')).toContain(`Total collected ${dollars}`);
    }
  }, 120_000);

  it('waits for the day’s sales figures to be read, but not past two hours', async () => {
    const day = '2026-12-05';
    const printed = await printDay({
      seed: 9,
      day,
      timeZone: ZONE,
      dayStart: '04:00',
      receipts: 6,
    });
    const dataDir = tempDir();
    const folder = tempDir();
    const clock = { now: after('2026-12-04', 16) };
    const desk = await startClockDesk(dataDir, clock, { autoExport: { enabled: true, folder } });
    await lastWritten(desk, '2026-12-04');
    await printAt(desk, printed);
    const db = new Database(path.join(dataDir, DB_FILE));
    try {
      const read = () => (db.prepare('SELECT count(*) AS n FROM receipt_figures').get() as N).n;
      await eventually(() => read() === printed.length);
      // One receipt's figures lost, as if not read yet: nothing reads it again in this run.
      db.prepare(
        'DELETE FROM receipt_figures WHERE receipt_id = (SELECT min(id) FROM receipts)',
      ).run();
    } finally {
      db.close();
    }
    clock.now = after(day, 16);
    const waiting = await eventually(async () => (await status(desk)).waiting ?? undefined);
    expect(waiting).toEqual({ businessDay: day, receipts: 1, until: after(day, 120) });
    expect(files(folder).filter((f) => f.includes(day))).toEqual([]);
    // Two hours on, the day is written with what was read; the rest is listed, not lost.
    clock.now = after(day, 120);
    const s = await lastWritten(desk, day);
    expect(s.waiting).toBeNull();
    expect(s.last?.receipts).toBe(printed.length);
  }, 60_000);

  it('writes the days missed while Receipt Desk was closed at the next start', async () => {
    const dataDir = tempDir();
    const folder = path.join(tempDir(), 'reports');
    const clock = { now: after('2026-12-04', 8 * 60) }; // noon on the 5th
    const on = { autoExport: { enabled: true, folder } };
    const a = await startClockDesk(dataDir, clock, on);
    await lastWritten(a, '2026-12-04');
    await a.stop();

    // Closed over the weekend: started again on the 8th at 09:00.
    clock.now = after('2026-12-07', 5 * 60);
    const b = await startClockDesk(dataDir, clock, on);
    const s = await lastWritten(b, '2026-12-07');
    expect(s.problem).toBeNull();
    const days = ['2026-12-04', '2026-12-05', '2026-12-06', '2026-12-07'];
    // Each day once, and nothing from before it was turned on.
    expect(files(folder)).toEqual(days.flatMap((d) => [report(d, 'csv'), report(d, 'pdf')]));
  }, 60_000);

  it('a day that cannot be written holds up no other day, and is written once it can', async () => {
    const dataDir = tempDir();
    const folder = tempDir();
    const clock = { now: after('2026-12-04', 8 * 60) };
    const on = { autoExport: { enabled: true, folder } };
    const a = await startClockDesk(dataDir, clock, on);
    await lastWritten(a, '2026-12-04');
    await a.stop();
    // Something sits where the 5th's PDF is written first (a folder of that name + .part).
    const squatter = path.join(folder, `${report('2026-12-05', 'pdf')}.part`);
    fs.mkdirSync(squatter);
    clock.now = after('2026-12-06', 60);
    const b = await startClockDesk(dataDir, clock, on);
    const s = await lastWritten(b, '2026-12-06');
    const problem = await eventually(async () => (await status(b)).problem ?? undefined);
    expect(problem).toMatchObject({ code: 'EXPORT_FAILED', businessDay: '2026-12-05' });
    expect(problem.message).toMatch(/^The report of 2026-12-05 was not written: EISDIR/u);
    expect(problem.message).toMatch(/Receipt Desk tries again every minute\.$/u);
    expect(s.next?.businessDay).toBe('2026-12-05');
    fs.rmdirSync(squatter);
    const fixed = await lastWritten(b, '2026-12-05');
    expect(fixed.problem).toBeNull();
    expect(files(folder)).toEqual(
      ['2026-12-04', '2026-12-05', '2026-12-06'].flatMap((d) => [
        report(d, 'csv'),
        report(d, 'pdf'),
      ]),
    );
  }, 60_000);

  it('never writes over a file that is there, and turning it on writes no old days', async () => {
    const dataDir = tempDir();
    const folder = tempDir();
    const theirs = path.join(folder, report('2026-12-06', 'pdf'));
    fs.writeFileSync(theirs, 'the copy the accountant annotated');
    const clock = { now: after('2026-12-06', 60) }; // 05:00 on the 7th
    const desk = await startClockDesk(dataDir, clock, { autoExport: { enabled: false, folder } });
    // Off: a whole week goes by and nothing is written.
    clock.now = after('2026-12-12', 60);
    await desk.service.saveSettings({ ...(await desk.service.getSettings()).settings });
    expect((await status(desk)).next).toBeNull();
    expect(files(folder)).toEqual([report('2026-12-06', 'pdf')]);
    expect(fs.existsSync(path.join(dataDir, 'exports'))).toBe(false);

    // Turned on: the last finished day only, and beside the file of the same name.
    const settings = (await desk.service.getSettings()).settings;
    await desk.service.saveSettings({ ...settings, autoExport: { enabled: true, folder } });
    const s = await lastWritten(desk, '2026-12-12');
    expect(s.enabled).toBe(true);
    // The same day written again later (say a copy of the folder came back): a new name.
    fs.writeFileSync(path.join(folder, report('2026-12-13', 'pdf')), 'someone else’s file');
    clock.now = after('2026-12-13', 16);
    const next = await lastWritten(desk, '2026-12-13');
    expect(next.last?.files).toEqual([
      report('2026-12-13', 'pdf', '-2'),
      report('2026-12-13', 'csv'),
    ]);
    expect(fs.readFileSync(theirs, 'utf8')).toBe('the copy the accountant annotated');
    expect(fs.readFileSync(path.join(folder, report('2026-12-13', 'pdf')), 'utf8')).toBe(
      'someone else’s file',
    );
    expect(files(folder)).toEqual([
      report('2026-12-06', 'pdf'),
      report('2026-12-12', 'csv'),
      report('2026-12-12', 'pdf'),
      report('2026-12-13', 'pdf', '-2'),
      report('2026-12-13', 'csv'),
      report('2026-12-13', 'pdf'),
    ]);
  }, 60_000);

  it('says so, in words, when the folder cannot be written to, and writes once it is fixed', async () => {
    const dataDir = tempDir();
    // A file where the folder should be: no permission trick, so it holds for root too.
    const blocker = path.join(tempDir(), 'reports');
    fs.writeFileSync(blocker, 'a file, not a folder');
    const folder = path.join(blocker, 'daily');
    const clock = { now: after('2026-12-06', 60) };
    const desk = await startClockDesk(dataDir, clock, { autoExport: { enabled: true, folder } });
    const s = await eventually(async () => (await status(desk)).problem ?? undefined);
    expect(s.code).toBe('EXPORT_FOLDER');
    expect(s.message).toContain(folder);
    expect(s.message).toMatch(/choose another folder in Settings › Automatic export/u);
    expect(desk.problems.map((p) => p.code)).toEqual(['AUTO_EXPORT_FAILED']);
    expect((await status(desk)).last).toBeNull();

    const good = path.join(tempDir(), 'reports');
    const settings = (await desk.service.getSettings()).settings;
    await desk.service.saveSettings({ ...settings, autoExport: { enabled: true, folder: good } });
    const fixed = await lastWritten(desk, '2026-12-06');
    expect(fixed.problem).toBeNull();
    expect(fixed.folder).toBe(good);
    expect(files(good)).toEqual([report('2026-12-06', 'csv'), report('2026-12-06', 'pdf')]);
    // The manager was told once, not every minute it went on.
    expect(desk.problems).toHaveLength(1);
  }, 60_000);

  it('turns down a folder that is no full path, with an example', async () => {
    const desk = await startClockDesk(tempDir(), { now: Date.now() }, {});
    const settings = (await desk.service.getSettings()).settings;
    await expect(
      desk.service.saveSettings({ ...settings, autoExport: { enabled: true, folder: 'reports' } }),
    ).rejects.toThrow(/"reports" is not a full path\. Write the folder from its drive or root/u);
    expect((await status(desk)).enabled).toBe(false);
    // A full path of another kind of PC passes the form, and the service says what is wrong.
    const other = process.platform === 'win32' ? '/home/manager/reports' : 'C:\\Reports';
    await desk.service.saveSettings({ ...settings, autoExport: { enabled: true, folder: other } });
    const problem = await eventually(async () => (await status(desk)).problem ?? undefined);
    expect(problem.message).toBe(
      `No report can be written: ${other} is not a full path on this PC. Choose a folder from this PC's drive or root in Settings › Automatic export.`,
    );
  });
});
