/** Search finds a receipt by a word or a code on it, as the manager types. */
import path from 'node:path';
import { expect, test } from '../fixtures/desk-test';
import { printReceipt } from '../fixtures/print';

test('search finds a receipt by a word on it, as you type', async ({ desk, page }) => {
  await printReceipt(desk.printerPort, ['ORDER A-2045', '1x Tiramisu       6.50']);
  await printReceipt(desk.printerPort, ['ORDER A-2046', '2x Espresso       5.00']);
  await printReceipt(desk.printerPort, ['ORDER A-2047', '1x Panna cotta    6.00']);
  await page.goto(desk.url);
  await expect(page.getByTestId('receipt')).toHaveCount(3);

  await page.keyboard.press('/');
  const input = page.getByTestId('search-input');
  await expect(input).toBeFocused();
  await input.pressSequentially('tiramisu');
  const results = page.getByRole('list', { name: 'Search results' }).getByTestId('receipt');
  await expect(results).toHaveCount(1);
  await expect(results.first()).toContainText('ORDER A-2045');

  await input.fill('A-2047');
  await expect(results).toHaveCount(1);
  await expect(results.first()).toContainText('Panna cotta');
  await page.screenshot({ path: path.join('e2e', 'artifacts', 'search.png') });

  await input.fill('no such dish');
  await expect(page.getByTestId('search-count')).toHaveText('No receipt matches.');
});
