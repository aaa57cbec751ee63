/**
 * Last week's receipts (three fixture business days in the data dir) on the Reports screen: the
 * manager picks Week, steps back to last week, sees the week's money and its days, and
 * downloads the week as a CSV (written as a job, with its progress, then a Download button) and
 * as a PDF, rendered to e2e/artifacts/report-range-pdf-1.png; the screen is saved as
 * e2e/artifacts/report-range.png.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { businessDayOf, systemTimeZone } from '../../src/main/days';
import { daysBefore } from '../../src/renderer/business-day';
import { describeRange, shiftRange } from '../../src/renderer/reports/report-range';
import type { RangeReport } from '../../src/shared';
import { parseCsv } from '../../test/helpers/csv';
import { expect, test } from '../fixtures/desk-test';

const rule = { timeZone: systemTimeZone(), dayStart: '04:00' };
const lastWeek = shiftRange('week', businessDayOf(Date.now(), rule), -1);
/** Monday of last week, and `n` days after it. */
const dayOfLastWeek = (n: number) => daysBefore(lastWeek.from, -n);

test.use({
  deskSettings: { business: { ...rule, restaurantName: 'Blue Plate Diner', currency: 'USD' } },
  deskDays: {
    rule,
    days: [0, 2, 4].map((n, k) => ({ day: dayOfLastWeek(n), seed: [7, 11, 7][k], receipts: 40 })),
  },
});

const money = (minor: number) =>
  (minor / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const artifacts = path.join('e2e', 'artifacts');

test('a week on the Reports screen, downloaded as CSV and PDF', async ({ desk, page }) => {
  const week = (await (
    await page.request.get(`${desk.url}api/reports/range?from=${lastWeek.from}&to=${lastWeek.to}`)
  ).json()) as RangeReport;
  expect(week.saleCount).toBeGreaterThan(30);

  await page.goto(desk.url);
  await page.getByRole('button', { name: /^Reports/ }).click();
  await page.getByLabel('Report period').getByText('Week', { exact: true }).click();
  await page.getByRole('button', { name: 'Previous week' }).click();
  await expect(page.getByTestId('report-range-label')).toHaveText(describeRange(lastWeek));
  await expect(page.getByTestId('range-key-figures')).toContainText(money(week.total));
  await expect(page.getByTestId('range-days').locator('tbody tr')).toHaveCount(7);

  await page.getByRole('button', { name: 'CSV' }).click();
  const done = page.getByTestId('range-done');
  await expect(done).toContainText(`receipt-desk-report-${lastWeek.from}-to-${lastWeek.to}.csv`);
  await expect(done).toContainText(`${week.receiptCount} receipts`);
  fs.mkdirSync(artifacts, { recursive: true });
  await page.screenshot({ path: path.join(artifacts, 'report-range.png'), fullPage: true });

  const [csv] = await Promise.all([
    page.waitForEvent('download'),
    done.getByRole('button', { name: 'Download' }).click(),
  ]);
  const file = path.join(artifacts, 'report-range.csv');
  await csv.saveAs(file);
  const [header, ...rows] = parseCsv(fs.readFileSync(file, 'utf8').slice(1));
  expect(rows).toHaveLength(week.receiptCount);
  const col = (name: string) => header.indexOf(name);
  const cents = (v: string) => (v ? Math.round(Number(v) * 100) : 0);
  const collected = rows
    .filter((r) => r[col('Counted')] === 'yes')
    .reduce((n, r) => n + cents(r[col('Total')]) + cents(r[col('Tip')]), 0);
  expect(collected).toBe(week.total);

  await page.getByRole('button', { name: 'PDF to print' }).click();
  await expect(done).toContainText('.pdf');
  const [pdf] = await Promise.all([
    page.waitForEvent('download'),
    done.getByRole('button', { name: 'Download' }).click(),
  ]);
  const pdfFile = path.join(artifacts, 'report-range.pdf');
  await pdf.saveAs(pdfFile);
  expect(fs.readFileSync(pdfFile).subarray(0, 5).toString()).toBe('%PDF-');
  try {
    execFileSync('pdftoppm', [
      '-png',
      '-r',
      '60',
      pdfFile,
      path.join(artifacts, 'report-range-pdf'),
    ]);
  } catch {
    console.log('PDF not rendered to an image: pdftoppm (poppler-utils) is not installed here.');
  }
});
