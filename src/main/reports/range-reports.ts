/**
 * Range reports from the store: the on-screen sums of several business days, and the file jobs
 * (CSV, XLSX, PDF) run through the exports' one slot. Each day is read with its one query on
 * the main thread and summed or written on a pool thread, so a month never holds the printer
 * ports up for longer than one day's query.
 */
import type {
  DailyReport,
  RangeReport,
  RangeReportFileRequest,
  RangeReportRequest,
} from '../../shared';
import type { ReportQueries } from '../store';
import type { DailyReports } from './daily-reports';
import type { CsvDay, RangeFileTask } from './range-file-writer';
import { type RangeMeta, sumRange } from './range-report';
import { RangeReportTask } from './range-report-task';
import type { StoredDay } from './stored-day';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Days summed at once on the pool (its threads share the work). */
const DAYS_AT_ONCE = 2;
export interface RangeReportsOptions {
  daily: DailyReports;
  queries: () => ReportQueries;
  /** Sums one stored day (buildDailyReport on a pool thread in the service). */
  sumDay: (day: StoredDay) => Promise<DailyReport>;
  /** Writes a range file (writeRangeFile on a pool thread in the service). */
  write: (task: RangeFileTask) => Promise<number | null>;
  /** A day's CSV rows (csvDayRows on a pool thread in the service). */
  csvDay: (day: StoredDay) => Promise<CsvDay>;
  /** The exports folder. */
  dir: () => string;
  yieldNow?: () => Promise<void>;
}

/** The calendar dates from `from` to `to`, both included (YYYY-MM-DD). */
export function datesOf(from: string, to: string): string[] {
  const out: string[] = [];
  for (let t = Date.parse(from); t <= Date.parse(to); t += DAY_MS) {
    out.push(new Date(t).toISOString().slice(0, 10));
  }
  return out;
}

export class RangeReports {
  constructor(private readonly o: RangeReportsOptions) {}

  /** The range summed, with a row per day. */
  async report(request: RangeReportRequest): Promise<RangeReport> {
    const dates = datesOf(request.from, request.to);
    const days: DailyReport[] = [];
    for (let k = 0; k < dates.length; k += DAYS_AT_ONCE) {
      const stored: StoredDay[] = [];
      for (const d of dates.slice(k, k + DAYS_AT_ONCE))
        stored.push(await this.stored(d, request.station));
      days.push(...(await Promise.all(stored.map((d) => this.o.sumDay(d)))));
    }
    return sumRange(this.meta(request), days);
  }

  /** A job writing the range as a file; the export service numbers and follows it. */
  task(id: number, request: RangeReportFileRequest): RangeReportTask {
    const dates = datesOf(request.from, request.to);
    const first = this.o.daily.meta({ date: dates[0], station: request.station });
    const last = this.o.daily.meta({ date: dates.at(-1)!, station: request.station });
    return new RangeReportTask(id, request, {
      dir: this.o.dir(),
      days: dates,
      meta: this.meta(request),
      from: first.from,
      to: last.to,
      total: this.o.queries().count(first.from, last.to, request.station ?? null),
      stored: (date) => this.stored(date, request.station),
      write: this.o.write,
      csvDay: this.o.csvDay,
      yieldNow: this.yieldNow,
    });
  }

  private readonly yieldNow = () =>
    this.o.yieldNow?.() ?? new Promise<void>((resolve) => setImmediate(resolve));

  /** A day's receipts as stored, a page at a time with a turn of the event loop between. */
  private stored(date: string, station: string | undefined): Promise<StoredDay> {
    return this.o.daily.read({ date, ...(station ? { station } : {}) });
  }

  private meta(request: RangeReportRequest): RangeMeta {
    const m = this.o.daily.meta({ date: request.from, station: request.station });
    return {
      firstDay: request.from,
      lastDay: request.to,
      timezone: m.timezone,
      dayStart: m.dayStart,
      restaurantName: m.restaurantName,
      station: m.station,
      currency: m.currency,
    };
  }
}
