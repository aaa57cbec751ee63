/**
 * A range report as a workbook, streamed to disk as the days come: Summary, Days, Receipts,
 * Items and Payments, each with the restaurant and the range in its title row, a frozen header
 * row, set widths, and amounts as real numbers in the currency's format. The Receipts sheet
 * (a month can hold 150,000 rows) is written a day at a time and never held whole in memory;
 * the small sheets are filled at the end, when the range's sums are known.
 */
import type ExcelJSType from 'exceljs';
import type fs from 'node:fs';
import type { DailyReport, RangeReport } from '../../shared';
import type { ReportReceipt } from './daily-report';
import type { RangeMeta } from './range-report';
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

type Sheet = ExcelJSType.Worksheet;

export class RangeXlsx {
  private readonly sheets = new Map<string, { ws: Sheet; columns: Column[] }>();
  private readonly money: (v: number | null | undefined) => number | null;
  private readonly moneyFormat: string;
  private readonly cur: string;

  private constructor(
    private readonly book: ExcelJSType.stream.xlsx.WorkbookWriter,
    meta: RangeMeta,
  ) {
    ({
      money: this.money,
      moneyFormat: this.moneyFormat,
      cur: this.cur,
    } = xlsxMoney(meta.currency));
    const title = `${meta.restaurantName || 'Receipt Desk'}: ${meta.firstDay} to ${meta.lastDay}${
      meta.station ? `, ${meta.station}` : ''
    }`;
    const cur = this.cur;
    const sheets: [string, Column[]][] = [
      ['Summary', summaryColumns(cur)],
      [
        'Days',
        [
          { header: 'Business day', width: 14 },
          { header: 'Receipts', width: 10, integer: true },
          { header: 'Sales', width: 8, integer: true },
          { header: `Net sales${cur}`, width: 14, money: true },
          { header: `Tax${cur}`, width: 12, money: true },
          { header: `Tips${cur}`, width: 12, money: true },
          { header: `Total collected${cur}`, width: 18, money: true },
          { header: `Cash${cur}`, width: 12, money: true },
          { header: `Card${cur}`, width: 12, money: true },
          { header: `Other payments${cur}`, width: 16, money: true },
        ],
      ],
      ['Receipts', receiptColumns(cur, true)],
      ['Items', itemColumns(cur)],
      ['Payments', paymentColumns(cur)],
    ];
    for (const [name, columns] of sheets) {
      const ws = book.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 2 }] });
      columns.forEach((c, k) => (ws.getColumn(k + 1).width = c.width));
      for (const row of sheetHead(ws, `${title}: ${name}`, columns)) row.commit();
      this.sheets.set(name, { ws, columns });
    }
  }

  /** Streams into `out` (a file being written). */
  static async create(out: fs.WriteStream, meta: RangeMeta): Promise<RangeXlsx> {
    // Loaded when a spreadsheet is asked for, not with every pool thread.
    const ExcelJS = ((await import('exceljs')) as unknown as { default: typeof ExcelJSType })
      .default;
    const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true });
    book.creator = 'Receipt Desk';
    return new RangeXlsx(book, meta);
  }

  /** One business day's receipts, appended to the Receipts sheet. */
  day(report: DailyReport, receipts: ReportReceipt[]): void {
    this.rows('Receipts', receiptCells(report, receipts, this.money, true));
  }

  /** The small sheets from the range's sums, then the workbook is closed. */
  async end(r: RangeReport): Promise<void> {
    const m = this.money;
    this.rows('Summary', summaryMoneyRows(r, m));
    // Counts are whole numbers, not money.
    this.rows(
      'Summary',
      [
        ['Business days', r.days.length],
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
      ],
      '0',
    );
    this.rows(
      'Days',
      r.days.map((d) => {
        const other = Object.entries(d.payments)
          .filter(([k]) => k !== 'cash' && k !== 'card')
          .reduce((n, [, v]) => n + (v ?? 0), 0);
        return [
          d.businessDay,
          d.receiptCount,
          d.saleCount,
          m(d.netSales),
          m(d.tax),
          m(d.tips),
          m(d.total),
          m(d.payments.cash ?? 0),
          m(d.payments.card ?? 0),
          m(other),
        ];
      }),
    );
    this.rows(
      'Items',
      r.items.map((i) => [i.name, i.quantity, m(i.sales)]),
    );
    this.rows('Payments', paymentRows(r, m));
    for (const { ws } of this.sheets.values()) ws.commit();
    await this.book.commit();
  }

  /** Rows committed at once; money columns get the currency's format (`format`: all numbers). */
  private rows(name: string, rows: Cell[][], format?: string): void {
    const { ws, columns } = this.sheets.get(name)!;
    for (const cells of rows) {
      const row = ws.addRow(cells);
      cells.forEach((v, k) => {
        if (typeof v !== 'number') return;
        const c = columns[k];
        const numFmt = format ?? (c.money ? this.moneyFormat : c.integer ? '0' : undefined);
        if (numFmt) row.getCell(k + 1).numFmt = numFmt;
      });
      row.commit();
    }
  }
}
