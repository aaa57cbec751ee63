/**
 * The System screen when the disk fills up: the disk gauge turns failing ("Full"), the receipts
 * refused while full are counted, and both settle once space is freed. The data dir sits on a
 * small tmpfs (the onSmallDisk fault fixture).
 */
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from '../fixtures/desk-test';
import { printReceipt } from '../fixtures/print';

// Tall enough for the screenshot to show the disk gauges at the end of the list.
test.use({ onSmallDisk: true, viewport: { width: 1280, height: 1000 } });

function gaugeCard(page: Page, id: string) {
  const card = page.locator(`[data-testid="gauge"][data-gauge="${id}"]`);
  return { card, value: card.getByTestId('gauge-value') };
}

test('System shows the full disk and the receipts refused, and the disk back', async ({
  desk,
  smallDisk,
  page,
}) => {
  await printReceipt(desk.printerPort, ['Table 1', 'TOTAL         3.00']);
  await page.goto(desk.url);
  await page
    .getByRole('navigation', { name: 'Screens' })
    .getByRole('button', { name: /^System/ })
    .click();
  const disk = gaugeCard(page, 'disk');
  const refused = gaugeCard(page, 'refused-full');
  const ports = page.getByRole('table', { name: 'Printer ports' });
  // 8 MiB in all: less than the free space a desk should have.
  await expect(disk.card).toHaveAttribute('data-state', 'warning');
  await expect(disk.value).toHaveText(/MiB/);
  await expect(refused.value).toHaveText('0');

  smallDisk!.fill();
  // A till that prints without checking the status first is refused.
  await printReceipt(desk.printerPort, ['Table 2', 'TOTAL         7.20']);
  await expect(disk.card).toHaveAttribute('data-state', 'failing');
  await expect(disk.value).toHaveText('Full');
  await expect(disk.card).toContainText('Full: printers say "no paper"');
  await expect(refused.value).toHaveText('1');
  await expect(refused.card).toHaveAttribute('data-state', 'failing');
  // The printer port says what the tills are told, and what to do.
  await expect(ports).toContainText('Out of paper: disk full');
  await expect(ports).toContainText('Free some space');
  await page.screenshot({
    path: path.join('e2e', 'artifacts', 'system-disk-full.png'),
    fullPage: true,
  });

  smallDisk!.free();
  await expect(disk.card).toHaveAttribute('data-state', 'warning');
  await expect(disk.value).toHaveText(/MiB/);
  await expect(refused.card).toHaveAttribute('data-state', 'warning');
  await expect(refused.card).toContainText('Tills should reprint');
  await expect(ports).toContainText('Listening');
  await page.screenshot({
    path: path.join('e2e', 'artifacts', 'system-disk-back.png'),
    fullPage: true,
  });
});
