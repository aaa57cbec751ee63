/**
 * What the read endpoints answer: the desktop's DailyReport, with receipts named by their relay
 * ids (strings) where the desktop names them by its own row numbers. Nothing here uses a Workers
 * API, so the tests (under Node) read it too.
 */
import type { DailyReport, ZReportLine } from '../../src/shared/reports';

/** `GET /v1/stores/:store/days/:date`: one store's day, as the desktop's daily report. */
export interface StoreDayReport extends Omit<DailyReport, 'reprintIds' | 'unparsed' | 'zReport'> {
  storeId: string;
  /** UTC ms of the last batch the store relayed. */
  lastBatchAt: number;
  reprintIds: string[];
  unparsed: { id: string; receivedAt: number; station: string; reason: string }[];
  zReport: { receiptIds: string[]; lines: ZReportLine[] } | null;
}

/** The figures of a store's day the side-by-side view shows. */
export const HEADLINE_FIGURES = [
  'businessDay',
  'timezone',
  'dayStart',
  'restaurantName',
  'from',
  'to',
  'currency',
  'receiptCount',
  'saleCount',
  'refundCount',
  'voidCount',
  'unparsedCount',
  'grossSales',
  'discounts',
  'refunds',
  'netSales',
  'tax',
  'tips',
  'serviceCharges',
  'total',
  'payments',
  'averageSale',
  'covers',
  'drawerOpens',
  'noSaleDrawerOpens',
  'reprints',
] as const satisfies readonly (keyof DailyReport)[];

export type StoreDayHeadline = Pick<DailyReport, (typeof HEADLINE_FIGURES)[number]> & {
  storeId: string;
  lastBatchAt: number;
};

/** `GET /v1/days/:date`: every store's headline figures, stores in id order. */
export interface StoresDay {
  date: string;
  stores: StoreDayHeadline[];
}
