/**
 * What the manager sees in the browser UI: receipts printed earlier are listed when the page
 * opens, and new ones appear live, without a reload.
 */
import { expect, test } from '../fixtures/desk-test';
import { printReceipt } from '../fixtures/print';

test('lists earlier receipts and shows new ones live', async ({ desk, page }, testInfo) => {
  await printReceipt(desk.printerPort, ['EARLY BIRD CAFE', 'Table 4', 'Flat white      3.40']);

  await page.goto(desk.url);
  const receipts = page.getByTestId('receipt');
  await expect(receipts.filter({ hasText: 'EARLY BIRD CAFE' })).toBeVisible();

  let reloaded = false;
  page.on('load', () => (reloaded = true));

  await printReceipt(desk.printerPort, [
    'LIVE ORDER A-1043',
    'Margherita     11.50',
    'TOTAL          11.50',
  ]);
  await printReceipt(desk.printerPort, [
    'LIVE ORDER A-1044',
    '2x Espresso     5.00',
    'TOTAL           5.00',
  ]);

  const second = receipts.filter({ hasText: 'LIVE ORDER A-1044' });
  await expect(second).toBeVisible();
  await expect(receipts.filter({ hasText: 'LIVE ORDER A-1043' })).toBeVisible();
  await expect(second.getByTestId('receipt-text')).toContainText('TOTAL           5.00');
  // Newest first, each receipt once.
  await expect(receipts).toHaveCount(3);
  await expect(receipts.first()).toContainText('LIVE ORDER A-1044');
  await expect(page.getByTestId('stat-total')).toHaveText('3');
  expect(reloaded).toBe(false);

  await page.screenshot({ path: testInfo.outputPath('live-receipts.png'), fullPage: true });
});

test('shows receipt text as text, never as markup', async ({ desk, page }) => {
  await page.goto(desk.url);
  await printReceipt(desk.printerPort, [
    '<img src=x onerror="document.title=1">',
    '<b>NOT BOLD</b>',
  ]);
  const receipt = page.getByTestId('receipt').filter({ hasText: '<b>NOT BOLD</b>' });
  await expect(receipt).toBeVisible();
  await expect(receipt.locator('img, b')).toHaveCount(0);
  await expect(page).toHaveTitle('Receipt Desk');
});
