/**
 * Before the first receipt, the page says where to point a till (this PC's addresses and the
 * printer port) and prints a test receipt through that very port.
 */
import path from 'node:path';
import { expect, test } from '../fixtures/desk-test';

test('shows where to point a till, and a test print arrives live', async ({ desk, page }) => {
  await page.goto(desk.url);
  const addresses = page.getByTestId('printer-address');
  await expect(addresses.first()).toBeVisible();
  await expect(addresses.filter({ hasText: `:${desk.printerPort}` }).first()).toBeVisible();
  await page.screenshot({ path: path.join('e2e', 'artifacts', 'empty-state.png') });

  await page.getByRole('button', { name: 'Print a test receipt' }).click();
  await expect(page.getByRole('status')).toContainText(`port ${desk.printerPort}`);
  const receipt = page.getByTestId('receipt').filter({ hasText: 'RECEIPT DESK' });
  await expect(receipt).toBeVisible();
  await expect(receipt).toContainText('Test receipt');
});
