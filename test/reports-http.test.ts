/**
 * The daily report over HTTP, from receipts printed by a real POS client: the JSON the Reports
 * screen reads, and the CSV a manager downloads, whose rows add up to the JSON's total; a copy
 * of a check printed again is counted once; the download passes the same door as every call.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PrinterTypes, ThermalPrinter } from 'node-thermal-printer';
import { afterEach, describe, expect, it } from 'vitest';
import { businessDayOf, systemTimeZone } from '../src/main/days';
import type { DailyReport } from '../src/shared';
import { parseCsv } from './helpers/csv';
import { eventually } from './helpers/desk';
import { pdfText } from './helpers/pdf-text';
import { rawRequest, startWebDesk, type WebDesk } from './helpers/web-page';

let web: WebDesk | null = null;
afterEach(async () => {
  await web?.stop();
  web = null;
});

async function print(port: number, lines: [string, string][], header: string[]): Promise<void> {
  const pos = new ThermalPrinter({
    type: PrinterTypes.EPSON,
    interface: `tcp://127.0.0.1:${port}`,
    width: 42,
    options: { timeout: 5_000 },
  });
  for (const h of header) pos.println(h);
  for (const [left, right] of lines) pos.leftRight(left, right);
  pos.cut();
  await pos.execute();
}

/** Three checks, one printed twice, and a refund: the day a manager closes. */
async function printDay(port: number): Promise<void> {
  const check = (n: number, food: string, price: string, total: string, paid: [string, string]) =>
    print(port, [[`1 ${food}`, price], ['TOTAL', total], paid], [`Check #${n}`]);
  await check(101, 'Burger', '12.50', '12.50', ['CASH', '12.50']);
  await check(102, 'Salad', '9.00', '9.00', ['VISA XXXX4242', '9.00']);
  await check(102, 'Salad', '9.00', '9.00', ['VISA XXXX4242', '9.00']); // a copy for the guest
  await check(103, 'Steak', '24.00', '24.00', ['CASH', '24.00']);
  await print(
    port,
    [
      ['1 Burger', '-12.50'],
      ['TOTAL', '-12.50'],
      ['CASH', '-12.50'],
    ],
    ['*** REFUND ***', 'Ref 104'],
  );
}

/** The day printed, stored, and its figures read (the pool reads them when it is quiet). */
async function printDayAndRead(desk: WebDesk): Promise<void> {
  await printDay(desk.desk.port);
  await desk.desk.waitForReceipts(5);
  const db = desk.desk.reader();
  const read = () =>
    (db.prepare('SELECT count(*) AS n FROM receipt_figures').get() as { n: number }).n;
  await eventually(() => read() === 5);
}

const today = () => businessDayOf(Date.now(), { dayStart: '04:00', timeZone: systemTimeZone() });

describe('GET /api/reports/daily', () => {
  it('answers the day as JSON, and as a CSV whose rows add up to it', async () => {
    web = await startWebDesk();
    await printDayAndRead(web);
    const json = await fetch(web.url(`/api/reports/daily?date=${today()}`));
    expect(json.status).toBe(200);
    const report = (await json.json()) as DailyReport;
    expect(report).toMatchObject({
      businessDay: today(),
      receiptCount: 5,
      saleCount: 3,
      refundCount: 1,
      reprints: 1,
      total: 1250 + 900 + 2400 - 1250,
      refunds: 1250,
      payments: { cash: 1250 + 2400 - 1250, card: 900 },
      unparsed: [],
    });

    const csv = await fetch(web.url(`/api/reports/daily?date=${today()}&format=csv`));
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.headers.get('content-disposition')).toBe(
      `attachment; filename="receipt-desk-report-${today()}.csv"`,
    );
    const bytes = Buffer.from(await csv.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // UTF-8 for Excel on Windows
    const text = bytes.toString('utf8');
    expect(text.startsWith('\uFEFFReceipt,Received,Business day,Station,Kind,Counted')).toBe(true);
    const [header, ...rows] = parseCsv(text.slice(1));
    expect(rows).toHaveLength(5);
    const col = (name: string) => header.indexOf(name);
    const cents = (v: string) => (v ? Math.round(Number(v) * 100) : 0);
    const counted = rows.filter((r) => r[col('Counted')] === 'yes');
    expect(counted).toHaveLength(4);
    expect(rows.filter((r) => r[col('Counted')] === 'no: a reprint')).toHaveLength(1);
    const sum = counted.reduce((n, r) => n + cents(r[col('Total')]) + cents(r[col('Tip')]), 0);
    expect(sum).toBe(report.total);
  });

  it('downloads the day as a spreadsheet and as a page to print', async () => {
    web = await startWebDesk({ business: { restaurantName: 'Blue Plate Diner' } });
    await printDayAndRead(web);
    const xlsx = await fetch(web.url(`/api/reports/daily?date=${today()}&format=xlsx`));
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers.get('content-type')).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(
      Buffer.from(await xlsx.arrayBuffer())
        .subarray(0, 2)
        .toString(),
    ).toBe('PK'); // a zip
    const pdf = await fetch(web.url(`/api/reports/daily?date=${today()}&format=pdf`));
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    const bytes = Buffer.from(await pdf.arrayBuffer());
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    // What a person reads on the page: poppler's pdftotext, where it is installed.
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'report-')), 'day.pdf');
    fs.writeFileSync(file, bytes);
    const text = pdfText(file);
    if (text === null) return;
    expect(text).toContain('Blue Plate Diner');
    expect(text).toMatch(/Total collected\s+33\.00/u);
    expect(text).toContain('Receipts whose total could not be read (0)');
  });

  it('names the file after a station whatever its name, in letters every header can carry', async () => {
    web = await startWebDesk();
    const file = await fetch(
      web.url(`/api/reports/daily?date=${today()}&station=Küche&format=csv`),
    );
    expect(file.status).toBe(200);
    expect(file.headers.get('content-disposition')).toBe(
      `attachment; filename="receipt-desk-report-${today()}-Ku_che.csv"`,
    );
  });

  it('refuses a format it does not write, and a day that is no date, in words', async () => {
    web = await startWebDesk();
    const wrong = await fetch(web.url(`/api/reports/daily?date=${today()}&format=doc`));
    expect(wrong.status).toBe(400);
    expect(((await wrong.json()) as { error: { message: string } }).error.message).toMatch(
      /json or csv, xlsx, pdf/u,
    );
    const noDate = await fetch(web.url('/api/reports/daily?date=yesterday&format=csv'));
    expect(noDate.status).toBe(400);
    expect(await noDate.text()).toContain('YYYY-MM-DD');
  });

  it('downloads only with the token when the page is guarded', async () => {
    web = await startWebDesk({}, { apiToken: 'a-long-enough-token-1234' });
    const target = `/api/reports/daily?date=${today()}&format=csv`;
    const host = { Host: `127.0.0.1:${web.port}` };
    expect((await rawRequest(web.port, 'GET', target, host)).status).toBe(401);
    const withToken = await rawRequest(
      web.port,
      'GET',
      `${target}&token=a-long-enough-token-1234`,
      host,
    );
    expect(withToken.status).toBe(200);
    // A name that is not this PC's is refused before anything else (DNS rebinding).
    const rebound = await rawRequest(web.port, 'GET', `${target}&token=a-long-enough-token-1234`, {
      Host: 'evil.example',
    });
    expect(rebound.status).toBe(421);
  });
});

describe('saveDailyReport (the desktop app: no browser to download with)', () => {
  it('saves the report into the exports folder, never over another file', async () => {
    web = await startWebDesk();
    await printDayAndRead(web);
    const first = await web.desk.service.saveDailyReport({ date: today(), format: 'pdf' });
    const second = await web.desk.service.saveDailyReport({ date: today(), format: 'pdf' });
    expect(first.fileName).toBe(`receipt-desk-report-${today()}.pdf`);
    expect(second.fileName).toBe(`receipt-desk-report-${today()}-2.pdf`);
    const dir = path.join(web.desk.dataDir, 'exports');
    expect(fs.readdirSync(dir).sort()).toEqual([first.fileName, second.fileName].sort());
    expect(fs.readFileSync(path.join(dir, first.fileName)).subarray(0, 5).toString()).toBe('%PDF-');
    // Over HTTP it is a call that changes something: only the page's own script may make it.
    const answer = await rawRequest(
      web.port,
      'POST',
      '/api/reports/daily/save',
      {
        Host: `127.0.0.1:${web.port}`,
        'Content-Type': 'application/json',
      },
      JSON.stringify([{ date: today(), format: 'csv' }]),
    );
    expect(answer.status).toBe(403);
    expect(fs.readdirSync(dir)).toHaveLength(2);
  });
});
