/**
 * The daily report as a workbook an accountant opens: Summary, Receipts, Items, Payments and
 * Hourly, each with the restaurant and the business day in its title row, a frozen header row,
 * set column widths, and amounts as real numbers in the currency's format (yen without
 * decimals), so the sheets sum and sort as they should.
 */
import type ExcelJSType from 'exceljs';
import type { DailyReport } from '../../shared';
import type { ReportReceipt } from './daily-report';
import { type Cell, type Column, receiptCells, receiptColumns } from './xlsx-receipts';
import {
  itemColumns,
  paymentColumns,
  paymentRows,
  sheetHead,
  summaryColumns,
  summaryMoneyRows,
  xlsxMoney,
} from './xlsx-sheets';

export async function reportXlsx(report: DailyReport, receipts: ReportReceipt[]): Promise<Buffer> {
  // Loaded when a spreadsheet is asked for, not with every pool thread.
  const ExcelJS = ((await import('exceljs')) as unknown as { default: typeof ExcelJSType }).default;
  const book = new ExcelJS.Workbook();
  book.creator = 'Receipt Desk';
  const { money, moneyFormat, cur } = xlsxMoney(report.currency);
  const title = `${report.restaurantName || 'Receipt Desk'}: ${report.businessDay}${
    report.station ? `, ${report.station}` : ''
  }`;

  /** A sheet: title row, header row (frozen), rows; `money` columns get the currency format. */
  const sheet = (name: string, columns: Column[], rows: Cell[][]) => {
    const ws = book.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 2 }] });
    sheetHead(ws, `${title}: ${name}`, columns);
    for (const row of rows) ws.addRow(row);
    columns.forEach((c, k) => {
      const col = ws.getColumn(k + 1);
      col.width = c.width;
      if (c.money) col.numFmt = moneyFormat;
      if (c.integer) col.numFmt = '0';
    });
    return ws;
  };

  const r = report;
  sheet('Summary', summaryColumns(cur), [
    ...summaryMoneyRows(r, money),
    ['Receipts', r.receiptCount],
    ['Sales', r.saleCount],
    ['Refund receipts', r.refundCount],
    ['Voids', r.voidCount],
    ['Kitchen tickets', r.kitchenTicketCount],
    ['Other receipts', r.otherCount],
    ['Receipts whose total could not be read', r.unparsedCount],
    ['Reprints (counted once)', r.reprints],
    ['Covers', r.covers],
    ['Drawer opens', r.drawerOpens],
    ['Drawer opens without a sale', r.noSaleDrawerOpens],
  ]);
  // Counts in the Summary are whole numbers, not money.
  book.getWorksheet('Summary')!.eachRow((row, n) => {
    if (n > 11) row.getCell(2).numFmt = '0';
  });

  sheet('Receipts', receiptColumns(cur, false), receiptCells(r, receipts, money, false));
  sheet(
    'Items',
    itemColumns(cur),
    r.items.map((i) => [i.name, i.quantity, money(i.sales)]),
  );
  sheet('Payments', paymentColumns(cur), paymentRows(r, money));
  sheet(
    'Hourly',
    [
      { header: 'Hour', width: 10 },
      { header: 'Receipts', width: 10, integer: true },
      { header: `Sales${cur}`, width: 14, money: true },
    ],
    r.hourly.map((h) => [`${String(h.hour).padStart(2, '0')}:00`, h.receipts, money(h.sales)]),
  );
  return Buffer.from(await book.xlsx.writeBuffer());
}
