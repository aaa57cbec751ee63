/**
 * After an upgrade the manager can have every stored receipt read again from its bytes (the
 * `reinterpret` call of the contract table), from the System screen.
 */
import path from 'node:path';
import { expect, test } from '../fixtures/desk-test';
import { printReceipt } from '../fixtures/print';

test('System reads every stored receipt again and says how many', async ({ desk, page }) => {
  await printReceipt(desk.printerPort, ['LUNCH', 'Soup   4.50']);
  await printReceipt(desk.printerPort, ['DINNER', 'Steak 21.00']);
  await page.goto(desk.url);
  await expect(page.getByTestId('receipt')).toHaveCount(2);
  await page.getByText('System', { exact: true }).first().click();
  await page.getByRole('button', { name: 'Read receipts again' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'again' })).toHaveText(
    'Read 2 receipts again.',
  );
  await page
    .getByRole('region', { name: 'Stored receipts' })
    .screenshot({ path: path.join('e2e', 'artifacts', 'read-again.png') });
});
