/**
 * A whole business day printed through the real encoders (the fixture generator's days: several
 * stations, refunds, voids, kitchen tickets, no-sales, the tills' Z reports), read back by the
 * interpreter and the extractor, and summed into the daily report: every figure equals the sum
 * of the receipts' truths to the cent, by the report's own definitions, and the tills' Z reports
 * agree with it. Days on both sides of the clock changes and in three currencies.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { businessDayBounds, businessDayHours } from '../../src/main/days';
import { interpret } from '../../src/main/escpos';
import ExcelJS from 'exceljs';
import { buildDailyReport, type ReportReceipt } from '../../src/main/reports';
import { reportCsv } from '../../src/main/reports/report-csv';
import { csvRecords } from '../helpers/csv';
import { pdfText } from '../helpers/pdf-text';
import { reportPdf } from '../../src/main/reports/report-pdf';
import { reportXlsx } from '../../src/main/reports/report-xlsx';
import { extractFigures } from '../../src/main/sales';
import type { DailyReport } from '../../src/shared';
import { type DayReceipt, printDay, type ReceiptTruth } from './fixtures';

/** The report's figures summed straight from the truths, as the issue defines them. */
function expectedFigures(receipts: DayReceipt[]) {
  // A copy printed again is a receipt of the day, but its sale counts once.
  const truths: ReceiptTruth[] = receipts.filter((r) => !r.reprint).map((r) => r.receipt.truth);
  const e = {
    receiptCount: receipts.length,
    saleCount: 0,
    refundCount: 0,
    voidCount: 0,
    kitchenTicketCount: 0,
    otherCount: 0,
    total: 0,
    tax: 0,
    tips: 0,
    serviceCharges: 0,
    discounts: 0,
    refunds: 0,
    payments: {} as Record<string, number>,
  };
  let refundTax = 0;
  for (const t of truths) {
    const tax = t.taxes.reduce((n, x) => n + x.amount, 0);
    const sign = t.kind === 'refund' ? -1 : 1;
    if (t.kind === 'sale' || t.kind === 'refund') {
      if (t.kind === 'sale') {
        e.saleCount++;
        e.tips += t.tip ?? 0;
        e.serviceCharges += t.serviceCharge ?? 0;
        e.discounts += t.discounts;
        e.total += t.total! + (t.tip ?? 0);
      } else {
        e.refundCount++;
        e.refunds += t.total!;
        refundTax += tax;
        e.total -= t.total!;
      }
      e.tax += sign * tax;
      let change = t.change ?? 0;
      for (const p of t.payments) {
        const back = p.method === 'cash' ? Math.min(change, p.amount) : 0;
        change -= back;
        e.payments[p.method] = (e.payments[p.method] ?? 0) + sign * (p.amount - back);
      }
    } else if (t.kind === 'void') e.voidCount++;
    else if (t.kind === 'kitchen') e.kitchenTicketCount++;
    else e.otherCount++;
  }
  const netSales = e.total - e.tax - e.tips - e.serviceCharges;
  return { ...e, netSales, grossSales: netSales + e.discounts + (e.refunds - refundTax) };
}

function readDay(day: DayReceipt[]): ReportReceipt[] {
  return day.map((d, k) => {
    const out = interpret(d.receipt.bytes, d.receipt.station);
    return {
      id: k + 1,
      receivedAt: d.receivedAt,
      station: d.station,
      drawerKicks: out.events['drawer-kick'],
      figures: extractFigures({ text: out.text, drawerKicks: out.events['drawer-kick'] }),
    };
  });
}

function report(day: DayReceipt[], businessDay: string, timeZone: string, dayStart: string) {
  const rule = { dayStart, timeZone };
  const [from, to] = businessDayBounds(businessDay, rule);
  const receipts = readDay(day);
  return buildDailyReport({
    businessDay,
    timezone: timeZone,
    dayStart,
    restaurantName: 'Fixture',
    station: null,
    currency: null,
    from,
    to,
    hours: businessDayHours(businessDay, rule),
    receipts,
  });
}

const DAYS = [
  {
    name: 'a New York diner and pizzeria',
    day: '2025-06-14',
    timeZone: 'America/New_York',
    dayStart: '04:00',
    layouts: undefined,
    currency: 'USD',
  },
  {
    name: 'a Berlin café on the 23-hour day',
    day: '2025-03-29',
    timeZone: 'Europe/Berlin',
    dayStart: '04:00',
    layouts: ['euro-cafe', 'refunds-voids', 'no-sale'],
    currency: 'EUR',
  },
  {
    name: 'a Berlin café on the 25-hour day',
    day: '2025-10-25',
    timeZone: 'Europe/Berlin',
    dayStart: '04:00',
    layouts: ['euro-cafe', 'refunds-voids', 'test-print'],
    currency: 'EUR',
  },
  {
    name: 'a Tokyo izakaya whose day starts at 05:00',
    day: '2025-09-12',
    timeZone: 'Asia/Tokyo',
    dayStart: '05:00',
    layouts: ['izakaya', 'no-sale'],
    currency: 'JPY',
  },
] as const;

describe.each(DAYS)('$name', ({ day, timeZone, dayStart, layouts, currency }) => {
  it('reconciles to the cent, and the tills’ Z reports agree', async () => {
    const printed = await printDay({
      seed: 7,
      day,
      timeZone,
      dayStart,
      receipts: 120,
      layouts: layouts ? [...layouts] : undefined,
    });
    const r: DailyReport = report(printed, day, timeZone, dayStart);
    const want = expectedFigures(printed);
    expect(r.unparsed).toEqual([]);
    // Copies of checks printed again are shown and counted once.
    const copies = printed.filter((d) => d.reprint).length;
    expect(copies).toBeGreaterThan(0);
    expect(r.reprints).toBe(copies);
    expect(r.currency).toBe(currency);
    expect({
      receiptCount: r.receiptCount,
      saleCount: r.saleCount,
      refundCount: r.refundCount,
      voidCount: r.voidCount,
      kitchenTicketCount: r.kitchenTicketCount,
      otherCount: r.otherCount,
      total: r.total,
      tax: r.tax,
      tips: r.tips,
      serviceCharges: r.serviceCharges,
      discounts: r.discounts,
      refunds: r.refunds,
      payments: r.payments,
      netSales: r.netSales,
      grossSales: r.grossSales,
    }).toEqual(want);
    // Payments add up to what was collected, exactly.
    expect(Object.values(r.payments).reduce((n, v) => n + (v ?? 0), 0)).toBe(r.total);
    // Every receipt falls in one of the day's hours, and the hours' sales add up.
    expect(r.hourly.reduce((n, h) => n + h.receipts, 0)).toBe(r.receiptCount);
    expect(r.hourly.reduce((n, h) => n + h.sales, 0)).toBe(r.total - r.tax - r.tips);
    expect(r.zReport).not.toBeNull();
    expect(r.zReport!.lines.filter((l) => l.difference !== 0)).toEqual([]);
  }, 120_000);
});

describe('the same day as a spreadsheet', () => {
  it('CSV and XLSX say what the JSON says, to the cent', async () => {
    const day = '2025-06-14';
    const timeZone = 'America/New_York';
    const printed = await printDay({ seed: 11, day, timeZone, dayStart: '04:00', receipts: 80 });
    const r = report(printed, day, timeZone, '04:00');
    const want = expectedFigures(printed);
    const receipts = readDay(printed);
    // CSV: the counted rows' Total and Tip add up to what was collected.
    const rows = csvRecords(reportCsv(r, receipts).slice(1));
    const cents = (v: string) => (v ? Math.round(Number(v) * 100) : 0);
    const sum = rows
      .filter((row) => row.Counted === 'yes')
      .reduce((n, row) => n + cents(row.Total) + cents(row.Tip), 0);
    expect(sum).toBe(want.total);
    // XLSX, read back with exceljs: real numbers in the currency's format.
    const book = new ExcelJS.Workbook();
    // exceljs types its Buffer apart from Node 20s: the bytes are the same.
    await book.xlsx.load((await reportXlsx(r, receipts)) as never);
    expect(book.worksheets.map((w) => w.name)).toEqual([
      'Summary',
      'Receipts',
      'Items',
      'Payments',
      'Hourly',
    ]);
    const summary = book.getWorksheet('Summary')!;
    const figure = (name: string) => {
      let value: unknown;
      summary.eachRow((row) => {
        if (row.getCell(1).value === name) value = row.getCell(2).value;
      });
      return value as number;
    };
    expect(Math.round(figure('Total collected') * 100)).toBe(want.total);
    expect(Math.round(figure('Tax') * 100)).toBe(want.tax);
    expect(Math.round(figure('Tips') * 100)).toBe(want.tips);
    expect(Math.round(figure('Net sales') * 100)).toBe(want.netSales);
    expect(figure('Sales')).toBe(want.saleCount);
    expect(summary.getRow(3).getCell(2).numFmt).toBe('#,##0.00');
    expect(summary.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
    const payments = book.getWorksheet('Payments')!;
    let paid = 0;
    payments.eachRow((row, n) => {
      if (n > 2 && row.getCell(1).value !== 'Total collected') {
        paid += Math.round(Number(row.getCell(2).value) * 100);
      }
    });
    expect(paid).toBe(want.total);
  }, 120_000);
});

/** The CJK fonts a Linux PC may have (.ci/run installs the first). */
const WQY_MICROHEI = '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc';
const NOTO_CJK = '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc';

describe('the izakaya’s day as a PDF', () => {
  it('prints the Japanese names of its top items', async (ctx) => {
    if (!fs.existsSync(WQY_MICROHEI) && !fs.existsSync(NOTO_CJK)) {
      console.log('Japanese names in the PDF not checked: no CJK font here (fonts-wqy-microhei).');
      ctx.skip();
    }
    const day = '2025-09-12';
    const printed = await printDay({
      seed: 7,
      day,
      timeZone: 'Asia/Tokyo',
      dayStart: '05:00',
      receipts: 60,
      layouts: ['izakaya'],
    });
    const r = report(printed, day, 'Asia/Tokyo', '05:00');
    const top = r.items.slice(0, 3).map((i) => i.name);
    expect(top.every((name) => /[\u3040-\u30ff\u4e00-\u9fff]/u.test(name))).toBe(true);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'izakaya-')), 'day.pdf');
    fs.writeFileSync(file, await reportPdf(r));
    const text = pdfText(file);
    if (text === null) return;
    for (const name of top) expect(text).toContain(name);
    expect(text).not.toContain('are blank here');
  }, 120_000);
});
