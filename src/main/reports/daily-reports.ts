/**
 * The daily report of a business day from the store: the day's bounds and hours in the
 * restaurant's time zone, its receipts with their figures (read here a page at a time), summed
 * by buildDailyReport on a pool thread in the service: the Reports screen asks again as each
 * receipt comes, and parsing and summing 5,000 readings on the main thread held it ~50-100 ms.
 */
import path from 'node:path';
import type { DailyReport, ReportDay, ReportFormat, Settings } from '../../shared';
import { safeName, writeNewFile } from '../export';
import { businessDayBounds, businessDayHours, systemTimeZone } from '../days';
import type { ReportQueries } from '../store';
import { buildDailyReport } from './daily-report';
import type { ReportFileTask } from './report-file';
import { readStoredDay, type StoredDay } from './stored-day';

/** A report as a file to download. */
export interface ReportFile {
  fileName: string;
  contentType: string;
  body: Buffer;
}

export interface DailyReportsOptions {
  queries: () => ReportQueries;
  business: () => Settings['business'];
  /** Writes a report file (writeReportFile, on a pool thread in the service). */
  write: (task: ReportFileTask) => Promise<Buffer>;
  /** Sums a day as stored (buildDailyReport on a pool thread in the service); here if absent. */
  sumDay?: (day: StoredDay) => Promise<DailyReport>;
  yieldNow?: () => Promise<void>;
}

/**
 * Receipts read in one query: a day of 5,000 at once held the main thread 15-80 ms (busy
 * machine); a page of 1,000 a fifth of that, with the printer ports served in between.
 */
const PAGE = 1000;

const CONTENT_TYPES: Record<ReportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
};

export class DailyReports {
  constructor(private readonly o: DailyReportsOptions) {}

  async daily(day: ReportDay): Promise<DailyReport> {
    const stored = await this.read(day);
    return this.o.sumDay ? this.o.sumDay(stored) : buildDailyReport(readStoredDay(stored));
  }

  /**
   * The report as a file: CSV (one row per receipt), XLSX (five sheets) or PDF (to print). The
   * day's rows are read here and summed and written by `o.write` (a pool thread in the service:
   * a spreadsheet of 5,000 rows takes a third of a second, which the main thread must not spend
   * while tills wait for acks).
   */
  async file(day: ReportDay, format: ReportFormat): Promise<ReportFile> {
    const name = `receipt-desk-report-${day.date}${day.station ? `-${safeName(day.station)}` : ''}`;
    return {
      fileName: `${name}.${format}`,
      contentType: CONTENT_TYPES[format],
      body: await this.o.write({ day: await this.read(day), format }),
    };
  }

  /**
   * Writes the report into `dir` under a name no other file has (`…-2.pdf` after `….pdf`),
   * whole or not at all, and says where.
   */
  async save(day: ReportDay, format: ReportFormat, dir: string): Promise<string> {
    const file = await this.file(day, format);
    const base = path.basename(file.fileName, `.${format}`);
    return path.join(dir, await writeNewFile(dir, base, format, file.body));
  }

  /** The day's receipts with their figures as stored (JSON text), a page at a time. */
  async read(day: ReportDay): Promise<StoredDay> {
    const m = this.meta(day);
    const receipts: StoredDay['receipts'] = [];
    let after: StoredDay['receipts'][number] | null = null;
    for (;;) {
      const page = this.o.queries().figuresTextPage(m.from, m.to, m.station, after, PAGE);
      for (const r of page) receipts.push(r);
      if (page.length < PAGE) break;
      after = page[page.length - 1];
      await (this.o.yieldNow?.() ?? new Promise<void>((resolve) => setImmediate(resolve)));
    }
    return { ...m, receipts };
  }

  /** The day's bounds and hours in the restaurant's time zone, and its settings. */
  meta({ date, station }: ReportDay): Omit<StoredDay, 'receipts'> {
    const b = this.o.business();
    const rule = { dayStart: b.dayStart, timeZone: b.timeZone || systemTimeZone() };
    const [from, to] = businessDayBounds(date, rule);
    return {
      businessDay: date,
      timezone: rule.timeZone,
      dayStart: rule.dayStart,
      restaurantName: b.restaurantName,
      station: station ?? null,
      currency: b.currency || null,
      from,
      to,
      hours: businessDayHours(date, rule),
    };
  }
}
