/** Today: the day's receipts by hour and station, against the same weekday last week. */
import path from 'node:path';
import { expect, test } from '../fixtures/desk-test';
import { printReceipt } from '../fixtures/print';

test('Today counts the receipts by hour and station', async ({ desk, page }) => {
  await printReceipt(desk.printerPort, ['LUNCH 1', 'Soup   4.50']);
  await printReceipt(desk.printerPort, ['LUNCH 2', 'Salad  7.00']);
  await page.goto(desk.url);
  await page.locator('nav').getByText('Today', { exact: true }).click();
  await expect(page.getByTestId('today-total')).toHaveText('2');
  const stations = page.getByRole('table', { name: 'Receipts per station' });
  await expect(stations).toContainText('Front');
  await expect(
    page.getByLabel('Receipts per hour').locator('.recharts-bar-rectangle').first(),
  ).toBeVisible();
  await page.screenshot({ path: path.join('e2e', 'artifacts', 'today.png') });
});
