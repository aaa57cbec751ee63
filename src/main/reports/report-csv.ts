/**
 * The daily report as a spreadsheet: one row per receipt of the business day with its figures,
 * in the restaurant's time zone, amounts as decimal numbers in the receipt's currency (refunds
 * negative), so that the Total and Tip columns of the counted rows add up to the day's total.
 * Same rules as the receipts export: UTF-8 with a byte-order mark, RFC 4180, formulas defused.
 */
import type { DailyReport, ReceiptFigures } from '../../shared';
import { csvRow, UTF8_BOM } from '../export';
import type { ReportReceipt } from './daily-report';
import { wallDateTime } from '../days';
import { minorToDecimal } from './report-format';

export const REPORT_CSV_HEADER = [
  'Receipt',
  'Received',
  'Business day',
  'Station',
  'Kind',
  'Counted',
  'Order',
  'Table',
  'Covers',
  'Server',
  'Currency',
  'Subtotal',
  'Discounts',
  'Service',
  'Tax',
  'Tip',
  'Total',
  'Cash',
  'Card',
  'Other payments',
  'Change',
  'Problems',
];

export function reportCsv(report: DailyReport, receipts: ReportReceipt[]): string {
  return UTF8_BOM + csvRow(REPORT_CSV_HEADER) + reportCsvRows(report, receipts);
}

/** The day's receipts as rows, without the header (a range report writes them day by day). */
export function reportCsvRows(report: DailyReport, receipts: ReportReceipt[]): string {
  const reprints = new Set(report.reprintIds);
  const unparsed = new Map(report.unparsed.map((u) => [u.id, u.reason]));
  let out = '';
  for (const r of receipts) {
    const f = r.figures;
    const counted = reprints.has(r.id)
      ? 'no: a reprint'
      : unparsed.has(r.id)
        ? 'no: total not found'
        : f && (f.kind === 'sale' || f.kind === 'refund')
          ? 'yes'
          : 'no money';
    const currency = f?.currency ?? report.currency;
    const sign = f?.kind === 'refund' ? -1 : 1;
    // Numbers, not text: a spreadsheet sums them, and a leading minus is no formula to defuse.
    const money = (v: number | null | undefined) =>
      v === null || v === undefined ? null : Number(minorToDecimal(sign * v, currency));
    const paid = (methods: string[] | null) => (f ? sumPayments(f, methods) : null);
    out += csvRow([
      r.id,
      wallDateTime(r.receivedAt, report.timezone),
      report.businessDay,
      r.station,
      f?.kind ?? 'not read',
      counted,
      f?.header.order ?? null,
      f?.header.table ?? null,
      f?.header.covers ?? null,
      f?.header.server ?? null,
      currency,
      money(f?.subtotal),
      f && f.discounts ? money(f.discounts) : null,
      money(f?.serviceCharge),
      f && f.taxes.length ? money(f.taxes.reduce((n, t) => n + t.amount, 0)) : null,
      money(f?.tip),
      money(f?.total),
      money(paid(['cash'])),
      money(paid(['card'])),
      money(paid(null)),
      money(f?.change),
      f?.problems.join(' ') || null,
    ]);
  }
  return out;
}

/** Payments of the given methods (null: every other method), or null when there are none. */
function sumPayments(f: ReceiptFigures, methods: string[] | null): number | null {
  const picked = f.payments.filter((p) =>
    methods ? methods.includes(p.method) : p.method !== 'cash' && p.method !== 'card',
  );
  return picked.length ? picked.reduce((n, p) => n + p.amount, 0) : null;
}
