/**
 * A day printed through the real listener by a real POS client, then the Reports screen: the
 * day's money, the payment mix, and the report downloaded as a PDF that is rendered to an image
 * (e2e/artifacts/report-pdf-1.png) and as a spreadsheet.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { PrinterTypes, ThermalPrinter } from 'node-thermal-printer';
import { expect, test } from '../fixtures/desk-test';

test.use({ deskSettings: { business: { restaurantName: 'Blue Plate Diner', currency: 'USD' } } });

async function check(port: number, n: number, item: string, price: string, paid: string) {
  const pos = new ThermalPrinter({
    type: PrinterTypes.EPSON,
    interface: `tcp://127.0.0.1:${port}`,
    width: 42,
    options: { timeout: 5_000 },
  });
  pos.println('BLUE PLATE DINER');
  pos.println(`Check #${n}`);
  pos.leftRight(`1 ${item}`, price);
  pos.leftRight('TOTAL', price);
  pos.leftRight(paid, price);
  pos.cut();
  await pos.execute();
}

test('the Reports screen shows the day and downloads it', async ({ desk, page }) => {
  await page.goto(desk.url);
  await check(desk.printerPort, 201, 'Burger', '12.50', 'CASH');
  await check(desk.printerPort, 202, 'Steak', '24.00', 'VISA XXXX4242');
  await check(desk.printerPort, 203, 'Salad', '9.00', 'CASH');
  await expect(page.getByTestId('receipt')).toHaveCount(3);

  await page.getByRole('button', { name: /^Reports/ }).click();
  const key = page.getByTestId('report-key-figures');
  // The figures are read when the pool is quiet; the screen asks again as receipts come.
  await expect(key).toContainText('$45.50', { timeout: 15_000 });
  await expect(page.getByTestId('report-payments')).toContainText('$21.50');
  await expect(page.getByTestId('report-payments')).toContainText('$24.00');
  await page.screenshot({ path: path.join('e2e', 'artifacts', 'reports.png'), fullPage: true });

  const [pdf] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'PDF to print' }).click(),
  ]);
  expect(pdf.suggestedFilename()).toMatch(/^receipt-desk-report-\d{4}-\d{2}-\d{2}\.pdf$/u);
  const file = path.join('e2e', 'artifacts', 'report.pdf');
  await pdf.saveAs(file);
  expect(fs.readFileSync(file).subarray(0, 5).toString()).toBe('%PDF-');
  try {
    execFileSync('pdftoppm', [
      '-png',
      '-r',
      '80',
      file,
      path.join('e2e', 'artifacts', 'report-pdf'),
    ]);
  } catch {
    console.log('PDF not rendered to an image: pdftoppm (poppler-utils) is not installed here.');
  }
  const [xlsx] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Spreadsheet (XLSX)' }).click(),
  ]);
  expect(xlsx.suggestedFilename()).toMatch(/\.xlsx$/u);
});
