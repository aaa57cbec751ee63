/**
 * Export: the day's receipts download as a spreadsheet, and as a ZIP whose .bin files are the
 * very bytes node-thermal-printer sent. Screenshots in both themes.
 */
import { unzipSync } from 'fflate';
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { csvRecords } from '../../test/helpers/csv';
import { expect, test } from '../fixtures/desk-test';
import { printReceipt } from '../fixtures/print';

function today(): string {
  const d = new Date();
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

const CUT = Buffer.from([0x1d, 0x56, 0x00]);
const RESET = Buffer.from([0x1b, 0x40]);

/**
 * node-thermal-printer sends ESC @ after its cut: the receipt ends at the cut, and the reset
 * begins the next (empty) stretch of the stream, which is not a receipt. So a receipt's bytes are
 * everything sent up to and including its cut.
 */
function receiptBytes(sent: Buffer): Buffer {
  const end = sent.lastIndexOf(CUT) + CUT.length;
  expect(sent.subarray(end)).toEqual(RESET);
  return sent.subarray(0, end);
}

async function exportAndDownload(page: Page): Promise<{ name: string; bytes: Buffer }> {
  const main = page.locator('main');
  await main.getByRole('button', { name: 'Export', exact: true }).click();
  const done = main.getByTestId('export-done');
  await expect(done).toBeVisible();
  const downloading = page.waitForEvent('download');
  await done.getByRole('button', { name: 'Download' }).click();
  const download = await downloading;
  return { name: download.suggestedFilename(), bytes: fs.readFileSync(await download.path()) };
}

test("a day's receipts download as CSV, and their raw bytes as a ZIP", async ({ desk, page }) => {
  const sent = [
    await printReceipt(desk.printerPort, ['TABLE 12', 'Pasta "al dente", large   9.50']),
    await printReceipt(desk.printerPort, ['=SUM(A1:A9) is not a formula', 'Tea   2.40']),
    await printReceipt(desk.printerPort, ['TABLE 3', 'Tiramisu   6.50', 'TOTAL   6.50']),
  ];
  await page.goto(desk.url);
  await expect(page.getByTestId('receipt')).toHaveCount(3);
  await page.locator('nav').getByText('Export', { exact: true }).click();
  await expect(page.getByTestId('export-count')).toHaveText(/This day holds 3 receipts/);

  const csv = await exportAndDownload(page);
  expect(csv.name).toBe(`receipts-${today()}.csv`);
  expect([...csv.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const rows = csvRecords(csv.bytes.toString('utf8').slice(1));
  expect(rows.map((r) => r.Text)).toEqual([
    'TABLE 12\nPasta "al dente", large   9.50',
    "'=SUM(A1:A9) is not a formula\nTea   2.40",
    'TABLE 3\nTiramisu   6.50\nTOTAL   6.50',
  ]);
  expect(rows.map((r) => r.Bytes)).toEqual(sent.map((b) => String(receiptBytes(b).length)));
  expect(rows.every((r) => r.Station === 'Front' && r.Status === 'ok')).toBe(true);
  await expect(page.getByTestId('export-done')).toContainText('3 receipts');
  await page.screenshot({ path: path.join('e2e', 'artifacts', 'export.png') });

  await page.getByText('Raw printer bytes (ZIP, for support)').click();
  const zip = await exportAndDownload(page);
  expect(zip.name).toBe(`receipts-${today()}.zip`);
  const entries = unzipSync(zip.bytes);
  const bins = Object.keys(entries)
    .filter((n) => n.endsWith('.bin'))
    .sort();
  expect(bins).toHaveLength(3);
  expect(bins.every((n) => n.startsWith(`${today()}/`) && n.includes('-Front-'))).toBe(true);
  bins.forEach((name, i) => expect(Buffer.from(entries[name])).toEqual(receiptBytes(sent[i])));
  expect(csvRecords(Buffer.from(entries['receipts.csv']).toString('utf8').slice(1))).toHaveLength(
    3,
  );

  await page.emulateMedia({ colorScheme: 'dark' });
  await expect(page.locator('html')).toHaveAttribute('data-mantine-color-scheme', 'dark');
  await page.screenshot({ path: path.join('e2e', 'artifacts', 'export-dark.png') });
});
