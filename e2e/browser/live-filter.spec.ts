/**
 * Two stations print to their own printer ports; the manager narrows the Live list to one, sees
 * only its receipts, new ones included, and gets every receipt back with "All stations".
 */
import AxeBuilder from '@axe-core/playwright';
import path from 'node:path';
import { expect, test } from '../fixtures/desk-test';
import { printReceipt } from '../fixtures/print';

test.use({
  deskSettings: {
    listeners: [
      { host: '127.0.0.1', port: 0, station: 'Front' },
      { host: '127.0.0.1', port: 0, station: 'Bar' },
    ],
  },
});

test('filters the Live list by station', async ({ desk, page }) => {
  const health = (await (await fetch(new URL('/api/health', desk.url))).json()) as {
    listeners: { station: string; port: number }[];
  };
  const port = (station: string) => health.listeners.find((l) => l.station === station)!.port;

  await page.goto(desk.url);
  await printReceipt(port('Front'), ['FRONT COUNTER', 'Table 4', 'TOTAL 12.50']);
  await printReceipt(port('Bar'), ['BAR', 'Negroni', 'TOTAL 9.00']);
  const cards = page.getByTestId('receipt');
  await expect(cards).toHaveCount(2);

  const stations = page.getByRole('radiogroup', { name: 'Station' });
  await expect(stations.locator('label')).toHaveText(['All stations', 'Bar', 'Front']);
  await stations.getByText('Bar', { exact: true }).click();
  await expect(cards).toHaveCount(1);
  await expect(cards.first()).toContainText('Negroni');

  // Both stations print again; the Bar list gains only Bar's receipt.
  await printReceipt(port('Front'), ['FRONT COUNTER', 'Table 7', 'TOTAL 31.00']);
  await printReceipt(port('Bar'), ['BAR', 'Spritz', 'TOTAL 8.00']);
  await expect(cards.filter({ hasText: 'Spritz' })).toHaveCount(1);
  await expect(cards).toHaveCount(2);
  await expect(cards.filter({ hasText: 'FRONT COUNTER' })).toHaveCount(0);
  await page.screenshot({ path: path.join('e2e', 'artifacts', 'live-filter-bar.png') });
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    const contrast = await new AxeBuilder({ page })
      .include('.station-filter')
      .withRules(['color-contrast'])
      .analyze();
    expect(contrast.violations.flatMap((v) => v.nodes.map((n) => n.html))).toEqual([]);
  }

  // All stations: Front's receipt printed meanwhile is back in the feed, newest first.
  await stations.getByText('All stations').click();
  await expect(cards).toHaveCount(4);
  await expect(cards.first()).toContainText('Spritz');
  await expect(cards.nth(1)).toContainText('Table 7');
  await page.screenshot({ path: path.join('e2e', 'artifacts', 'live-filter-all.png') });
});
