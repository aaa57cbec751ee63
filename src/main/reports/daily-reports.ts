/**
 * The daily report of a business day from the store: the day's bounds and hours in the
 * restaurant's time zone, its receipts with their figures, summed by buildDailyReport.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { DailyReport, ReportDay, ReportFormat, Settings } from '../../shared';
import { publishFile, safeName } from '../export';
import { businessDayBounds, businessDayHours, systemTimeZone } from '../days';
import type { ReportQueries } from '../store';
import { buildDailyReport, type ReportInput } from './daily-report';
import type { ReportFileTask } from './report-file';
import { type StoredDay, unreadReason } from './stored-day';

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
}

const CONTENT_TYPES: Record<ReportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
};

export class DailyReports {
  constructor(private readonly o: DailyReportsOptions) {}

  daily(day: ReportDay): DailyReport {
    return buildDailyReport(this.input(day));
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
      body: await this.o.write({ day: this.stored(day), format }),
    };
  }

  /**
   * Writes the report into `dir` under a name no other file has (`…-2.pdf` after `….pdf`),
   * whole or not at all, and says where.
   */
  async save(day: ReportDay, format: ReportFormat, dir: string): Promise<string> {
    const file = await this.file(day, format);
    await fs.mkdir(dir, { recursive: true });
    const ext = path.extname(file.fileName);
    const part = path.join(dir, `${path.basename(file.fileName, ext)}.${process.pid}.part`);
    await fs.writeFile(part, file.body);
    return path.join(dir, await publishFile(part, path.basename(file.fileName, ext), ext.slice(1)));
  }

  private input(day: ReportDay): ReportInput {
    const m = this.meta(day);
    return {
      ...m,
      receipts: this.o
        .queries()
        .receiptsWithFigures(m.from, m.to, m.station)
        .map(({ status, ...r }) => ({ ...r, unread: unreadReason(status) })),
    };
  }

  /** The day's receipts with their figures as stored (JSON text), for a pool thread to read. */
  stored(day: ReportDay): StoredDay {
    const m = this.meta(day);
    return { ...m, receipts: this.o.queries().figuresText(m.from, m.to, m.station) };
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
