/**
 * A web page opened to the network asks for its token: without it the page says so; opened once
 * with #token=… (the address Settings shows) it works, and keeps the token out of the address.
 */
import { test as base, expect } from '@playwright/test';
import { printReceipt } from '../fixtures/print';
import { type ServeProcess, startServe } from '../fixtures/serve-process';

const TOKEN = 'kitchen-tablet-0123456789abcdef';

const test = base.extend<{ desk: ServeProcess }>({
  // eslint-disable-next-line no-empty-pattern
  desk: async ({}, use) => {
    const desk = await startServe(undefined, ['--http-host', '0.0.0.0', '--api-token', TOKEN]);
    try {
      await use(desk);
    } finally {
      await desk.stop();
    }
  },
});

test('the web page asks for its token, and works once opened with it', async ({ desk, page }) => {
  await printReceipt(desk.printerPort, ['TABLET VIEW', 'Soup  4.50']);
  await page.goto(desk.url);
  await expect(page.getByText('asks for its access token').first()).toBeVisible();
  await expect(page.getByTestId('receipt')).toHaveCount(0);

  // A fresh load, as when staff open the link (a hash change alone would not reload).
  await page.goto('about:blank');
  await page.goto(`${new URL('/', desk.url).href}#token=${TOKEN}`);
  await expect(page.getByTestId('receipt').first()).toContainText('TABLET VIEW');
  expect(page.url()).not.toContain(TOKEN);
  // Remembered: a reload without the link still works, and live receipts arrive.
  await page.reload();
  await printReceipt(desk.printerPort, ['LIVE ON THE TABLET']);
  await expect(page.getByTestId('receipt').first()).toContainText('LIVE ON THE TABLET');
});
