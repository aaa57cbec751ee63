/**
 * The daily report: a business day's receipts turned into the figures a manager closes the day
 * with and hands to the accountant. Amounts are integer minor units of `currency`. Every sale or
 * refund whose total could not be read is listed under `unparsed`, never left out silently.
 */
import { z } from 'zod';
import type { PaymentMethod } from './sales';

export const reportDaySchema = z.strictObject({
  /** The business day, as YYYY-MM-DD. */
  date: z.iso.date({ error: 'Give the business day as YYYY-MM-DD, such as 2026-12-07.' }),
  /** One station only; all stations when left out. */
  station: z.string().trim().min(1).max(40).optional(),
});
export type ReportDay = z.infer<typeof reportDaySchema>;

/** The files a daily report downloads as (JSON is the call's own answer). */
export const REPORT_FORMATS = ['csv', 'xlsx', 'pdf'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];
/** GET with `format=` one of REPORT_FORMATS: the report as a file (a browser opens it). */
export const REPORT_FILE_PATH = '/api/reports/daily';

/** A day's report to be saved as a file (the desktop app's way: into the exports folder). */
export const reportFileSchema = reportDaySchema.extend({
  format: z.enum(REPORT_FORMATS, { error: 'A report file is pdf, xlsx or csv.' }),
});

/** A payment method, or "unknown" for money a receipt's payment lines do not account for. */
export type ReportPaymentKey = PaymentMethod | 'unknown';

/** One figure of the POS's own Z report beside the one computed from the receipts. */
export interface ZReportLine {
  figure: string;
  pos: number;
  computed: number;
  difference: number;
}

export interface DailyReport {
  businessDay: string;
  timezone: string;
  dayStart: string;
  restaurantName: string;
  station: string | null;
  /** First and last instant of the business day, UTC ms ([from, to)). */
  from: number;
  to: number;
  currency: string | null;
  /** Every receipt of the day, kitchen tickets included (empty segments are not receipts). */
  receiptCount: number;
  saleCount: number;
  refundCount: number;
  voidCount: number;
  kitchenTicketCount: number;
  /** X and Z reports, no-sales and anything else without money. */
  otherCount: number;
  unparsedCount: number;
  grossSales: number;
  discounts: number;
  /** Refund totals, as a positive amount. */
  refunds: number;
  netSales: number;
  tax: number;
  tips: number;
  serviceCharges: number;
  /** What was collected: sale totals with their tax, tips and service, less refund totals. */
  total: number;
  /** Per method; they add up to `total` exactly (cash net of change, refunds taken off). */
  payments: Partial<Record<ReportPaymentKey, number>>;
  /** Net sales per sale; null on a day without sales. */
  averageSale: number | null;
  covers: number;
  hourly: { hour: number; from: number; receipts: number; sales: number }[];
  /** Highest sales first. */
  items: { name: string; quantity: number; sales: number }[];
  stations: { station: string; receipts: number; sales: number }[];
  servers: { name: string; sales: number; tips: number }[];
  drawerOpens: number;
  noSaleDrawerOpens: number;
  /** Receipts printed again (same order, same total): shown, counted once. */
  reprints: number;
  /** Which receipts those copies are. */
  reprintIds: number[];
  unparsed: { id: number; receivedAt: number; station: string; reason: string }[];
  /**
   * The POS's own Z reports for the day (each till's last one, summed), when it printed any,
   * figure by figure against the figures computed from the receipts.
   */
  zReport: { receiptIds: number[]; lines: ZReportLine[] } | null;
}
