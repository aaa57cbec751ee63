/**
 * The Receipts sheet's columns and one receipt's cells, for the daily workbook and the range
 * workbook alike: amounts as numbers in the currency (refunds negative), and whether the receipt
 * counted in the sums, and why not.
 */
import type { DailyReport } from '../../shared';
import { wallDateTime } from '../days';
import type { ReportReceipt } from './daily-report';

export type Cell = string | number | null;

export interface Column {
  header: string;
  width: number;
  money?: boolean;
  integer?: boolean;
}

/** `cur` is " (USD)" or ""; `withDay` adds the business day (a range's receipts). */
export function receiptColumns(cur: string, withDay: boolean): Column[] {
  return [
    { header: 'Receipt', width: 9, integer: true },
    ...(withDay ? [{ header: 'Business day', width: 12 }] : []),
    { header: 'Received', width: 20 },
    { header: 'Station', width: 12 },
    { header: 'Kind', width: 12 },
    { header: 'Counted', width: 18 },
    { header: 'Order', width: 10 },
    { header: 'Server', width: 14 },
    { header: `Tax${cur}`, width: 12, money: true },
    { header: `Tip${cur}`, width: 12, money: true },
    { header: `Total${cur}`, width: 14, money: true },
    { header: 'Problems', width: 50 },
  ];
}

/** A day's receipts as rows of cells (`money` turns minor units into the sheet's numbers). */
export function receiptCells(
  r: DailyReport,
  receipts: ReportReceipt[],
  money: (v: number | null | undefined) => number | null,
  withDay: boolean,
): Cell[][] {
  const reprints = new Set(r.reprintIds);
  const unparsed = new Set(r.unparsed.map((u) => u.id));
  return receipts.map((x) => {
    const f = x.figures;
    const sign = f?.kind === 'refund' ? -1 : 1;
    const signed = (v: number | null | undefined) => money(v == null ? v : sign * v);
    return [
      x.id,
      ...(withDay ? [r.businessDay] : []),
      wallDateTime(x.receivedAt, r.timezone),
      x.station,
      f?.kind ?? 'not read',
      reprints.has(x.id)
        ? 'no: a reprint'
        : unparsed.has(x.id)
          ? 'no: total not found'
          : f && (f.kind === 'sale' || f.kind === 'refund')
            ? 'yes'
            : 'no money',
      f?.header.order ?? null,
      f?.header.server ?? null,
      f && f.taxes.length ? signed(f.taxes.reduce((n, t) => n + t.amount, 0)) : null,
      signed(f?.tip),
      signed(f?.total),
      f?.problems.join(' ') || null,
    ];
  });
}
