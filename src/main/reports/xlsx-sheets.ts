/**
 * What the daily workbook and the range workbook share outside the Receipts sheet: amounts as
 * numbers in the currency (yen without decimals), the Summary, Items and Payments columns, and
 * the rows of money figures and payments, so the two workbooks keep the same layout.
 */
import type ExcelJSType from 'exceljs';
import { currencyDigits, type DailyReport, PAYMENT_METHOD_NAMES } from '../../shared';
import type { Cell, Column } from './xlsx-receipts';

export type XlsxMoney = (v: number | null | undefined) => number | null;

/** Minor units to a number in the currency, its cell format, and " (USD)" (or "") for headers. */
export function xlsxMoney(currency: string | null): {
  money: XlsxMoney;
  moneyFormat: string;
  cur: string;
} {
  const places = currencyDigits(currency);
  const unit = 10 ** places;
  return {
    money: (v) => (v === null || v === undefined ? null : v / unit),
    moneyFormat: places === 0 ? '#,##0' : `#,##0.${'0'.repeat(places)}`,
    cur: currency ? ` (${currency})` : '',
  };
}

export const summaryColumns = (cur: string): Column[] => [
  { header: 'Figure', width: 34 },
  { header: `Amount${cur}`, width: 16, money: true },
];

export const itemColumns = (cur: string): Column[] => [
  { header: 'Item', width: 34 },
  { header: 'Quantity', width: 10, integer: true },
  { header: `Sales${cur}`, width: 14, money: true },
];

export const paymentColumns = (cur: string): Column[] => [
  { header: 'Method', width: 30 },
  { header: `Amount${cur}`, width: 16, money: true },
];

type Sums = Pick<
  DailyReport,
  | 'total'
  | 'netSales'
  | 'grossSales'
  | 'discounts'
  | 'refunds'
  | 'tax'
  | 'tips'
  | 'serviceCharges'
  | 'averageSale'
  | 'payments'
>;

/** The Summary's money figures, first in the sheet. */
export function summaryMoneyRows(r: Sums, money: XlsxMoney): Cell[][] {
  return [
    ['Total collected', money(r.total)],
    ['Net sales', money(r.netSales)],
    ['Gross sales', money(r.grossSales)],
    ['Discounts', money(r.discounts)],
    ['Refunds', money(r.refunds)],
    ['Tax', money(r.tax)],
    ['Tips', money(r.tips)],
    ['Service charges', money(r.serviceCharges)],
    ['Average sale (net)', money(r.averageSale)],
  ];
}

/** Each payment method's amount, then the total they add up to. */
export function paymentRows(r: Sums, money: XlsxMoney): Cell[][] {
  return [
    ...Object.entries(r.payments).map(([m, v]) => [
      PAYMENT_METHOD_NAMES[m as keyof typeof PAYMENT_METHOD_NAMES] ?? m,
      money(v ?? 0),
    ]),
    ['Total collected', money(r.total)],
  ];
}

/** A sheet's title row and its header row (bold, ruled under); returned to be committed. */
export function sheetHead(
  ws: ExcelJSType.Worksheet,
  title: string,
  columns: Column[],
): ExcelJSType.Row[] {
  const head = ws.addRow([title]);
  head.font = { bold: true, size: 13 };
  const header = ws.addRow(columns.map((c) => c.header));
  header.font = { bold: true };
  header.eachCell((c) => {
    c.border = { bottom: { style: 'thin' } };
  });
  return [head, header];
}
