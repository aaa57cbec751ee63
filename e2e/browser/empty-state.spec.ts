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
  const receipt = page.getByTestId('receipt').filter({ hasText: 'RECEIPT DESK' });
  // "Sent to port N" shows until the receipt replaces the empty state, which on a quick
  // machine is at once: either is fine, and then the receipt must arrive.
  const sent = page.getByRole('status').filter({ hasText: `Sent to port ${desk.printerPort}` });
  await expect(sent.or(receipt).first()).toBeVisible();
  await expect(receipt).toBeVisible();
  await expect(receipt).toContainText('Test receipt');
});
