/** Today: the day's money, and its receipts by hour and station, against the same weekday last week. */
import path from 'node:path';
import { expect, test } from '../fixtures/desk-test';
import { printReceipt } from '../fixtures/print';

test('Today counts the receipts by hour and station', async ({ desk, page }) => {
  await printReceipt(desk.printerPort, ['LUNCH 1', 'Soup   4.50']);
  await printReceipt(desk.printerPort, ['LUNCH 2', 'Salad  7.00']);
  await printReceipt(desk.printerPort, [
    'LUNCH 3',
    '1 Pasta   12.00',
    'TOTAL   12.00',
    'CASH   12.00',
  ]);
  await page.goto(desk.url);
  await page.locator('nav').getByText('Today', { exact: true }).click();
  await expect(page.getByTestId('today-total')).toHaveText('3');
  // Money first: the one check with a total (the others print none, so they are listed unread).
  const money = page.getByTestId('today-money');
  await expect(money).toContainText('12.00', { timeout: 15_000 });
  await expect(page.getByRole('table', { name: 'Payments' })).toContainText('Cash');
  const stations = page.getByRole('table', { name: 'Receipts per station' });
  await expect(stations).toContainText('Front');
  await expect(
    page.getByLabel('Receipts per hour').locator('.recharts-bar-rectangle').first(),
  ).toBeVisible();
  await page.screenshot({ path: path.join('e2e', 'artifacts', 'today.png') });
});
