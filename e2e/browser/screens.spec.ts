/**
 * The System screen shows the service's gauges and printer ports; the theme follows the OS or
 * the manager's choice, and receipts stay paper-white in the dark.
 */
import path from 'node:path';
import { expect, test } from '../fixtures/desk-test';
import { printReceipt } from '../fixtures/print';

test('System shows the gauges and the listening printer port; dark theme keeps receipts paper', async ({
  desk,
  page,
}) => {
  await printReceipt(desk.printerPort, ['NIGHT SHIFT', 'Table 9', 'Tea           2.40']);
  await page.goto(desk.url);
  await page
    .getByRole('link', { name: /System/ })
    .or(page.getByText('System', { exact: true }))
    .first()
    .click();
  await expect(page.getByTestId('gauge').first()).toBeVisible();
  await expect(page.getByTestId('gauge')).toHaveCount(14);
  const ports = page.getByRole('table', { name: 'Printer ports' });
  await expect(ports).toContainText(`:${desk.printerPort}`);
  await expect(ports).toContainText('Listening');
  // system.png is taken by gauges.spec.ts, with the gauges moving under load.

  await page.getByText('Live', { exact: true }).click();
  // The app follows the operating system's theme unless Settings says otherwise.
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect(page.locator('html')).toHaveAttribute('data-mantine-color-scheme', 'dark');
  const card = page.getByTestId('receipt').filter({ hasText: 'NIGHT SHIFT' });
  await expect(card).toBeVisible();
  await expect(card).toHaveCSS('background-color', 'rgb(255, 255, 253)');
  await page.screenshot({ path: path.join('e2e', 'artifacts', 'live-dark.png') });
});
