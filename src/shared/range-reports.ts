/**
 * Range reports: the daily report's figures over several business days (a week, a month, any
 * from–to), summed by the same definitions, with a row per day. On screen as JSON; as a file
 * (CSV, XLSX, PDF) through the export jobs, with progress and cancel.
 */
import { z } from 'zod';
import type { DailyReport, ReportPaymentKey } from './reports';
import { REPORT_FORMATS } from './reports';

/** The longest range a report covers: a quarter. */
export const RANGE_REPORT_MAX_DAYS = 92;

const DAY_MS = 24 * 60 * 60 * 1000;
const businessDate = z.iso.date({ error: 'Give business days as YYYY-MM-DD, such as 2026-12-07.' });
const rangeFields = {
  /** First business day, YYYY-MM-DD. */
  from: businessDate,
  /** Last business day, included. */
  to: businessDate,
  /** One station only; all stations when left out. */
  station: z.string().trim().min(1).max(40).optional(),
};

/** Calendar days from `from` to `to`, both counted (dates as YYYY-MM-DD). */
export function rangeDayCount(from: string, to: string): number {
  return Math.round((Date.parse(to) - Date.parse(from)) / DAY_MS) + 1;
}

const firstBeforeLast = {
  check: (r: { from: string; to: string }) => r.from <= r.to,
  error: 'The first day comes after the last. Pick the first day, then the last.',
};
const notTooLong = {
  check: (r: { from: string; to: string }) => rangeDayCount(r.from, r.to) <= RANGE_REPORT_MAX_DAYS,
  error: `A report covers at most ${RANGE_REPORT_MAX_DAYS} days. Pick a shorter range.`,
};

export const rangeReportSchema = z
  .strictObject(rangeFields)
  .refine(firstBeforeLast.check, { error: firstBeforeLast.error })
  .refine(notTooLong.check, { error: notTooLong.error });
export type RangeReportRequest = z.infer<typeof rangeReportSchema>;

export const rangeReportFileSchema = z
  .strictObject({
    ...rangeFields,
    format: z.enum(REPORT_FORMATS, { error: 'A report file is pdf, xlsx or csv.' }),
  })
  .refine(firstBeforeLast.check, { error: firstBeforeLast.error })
  .refine(notTooLong.check, { error: notTooLong.error });
export type RangeReportFileRequest = z.infer<typeof rangeReportFileSchema>;

/** One business day of the range, as the per-day table shows it. */
export interface RangeDay {
  businessDay: string;
  receiptCount: number;
  saleCount: number;
  netSales: number;
  tax: number;
  tips: number;
  total: number;
  payments: Partial<Record<ReportPaymentKey, number>>;
}

/** The daily report's figures summed over the range's days, and each day's row. */
export interface RangeReport extends Omit<
  DailyReport,
  'businessDay' | 'hourly' | 'reprintIds' | 'zReport'
> {
  firstDay: string;
  lastDay: string;
  days: RangeDay[];
}
