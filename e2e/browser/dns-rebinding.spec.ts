/**
 * DNS rebinding, in a real browser: a stranger's page on evil.example, whose name then resolves
 * to 127.0.0.1 (Chromium's host resolver rules stand in for the rebinding DNS server), is
 * same-origin with the desk's port as far as the browser knows. It must still neither read a
 * receipt nor save settings: the desk answers only to its own names.
 */
import { CHROMIUM_ARGS } from '../../playwright.config';
import { expect, test } from '../fixtures/desk-test';
import { printReceipt } from '../fixtures/print';

test.use({
  launchOptions: {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      ...CHROMIUM_ARGS,
      '--host-resolver-rules=MAP evil.example 127.0.0.1',
      // Chromium's own guard against public pages calling this PC (Private/Local Network
      // Access) is switched off: other browsers and older ones have none, and the desk must
      // hold by itself.
      '--disable-features=BlockInsecurePrivateNetworkRequests,PrivateNetworkAccessSendPreflights,PrivateNetworkAccessRespectPreflightResults,LocalNetworkAccessChecks',
    ],
  },
});

test('a page on a rebound name can neither read receipts nor save settings', async ({
  desk,
  page,
}) => {
  await printReceipt(desk.printerPort, ['SECRET TABLE 12', 'TOTAL 88.00']);
  const port = new URL(desk.url).port;
  const evil = `http://evil.example:${port}`;
  // The stranger's page as it was served before the name was rebound to this PC.
  await page.route(`${evil}/`, (route) =>
    route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>Win a prize</title>' }),
  );
  await page.goto(`${evil}/`);
  const tried = await page.evaluate(async () => {
    const read = await fetch('/api/receipts?limit=5');
    const save = await fetch('/api/settings', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Receipt-Desk': '1' },
      body: JSON.stringify([{ capture: { allowList: ['10.9.9.9'] } }]),
    });
    const print = await fetch('/api/test-print', {
      method: 'POST',
      headers: { 'X-Receipt-Desk': '1' },
    });
    return {
      read: read.status,
      readBody: await read.text(),
      save: save.status,
      print: print.status,
    };
  });
  expect(tried).toMatchObject({ read: 421, save: 421, print: 421 });
  expect(tried.readBody).not.toContain('SECRET TABLE');

  // On the desk's own address everything is as it was: the receipt alone, the settings unchanged.
  await page.unroute(`${evil}/`);
  await page.goto(desk.url);
  await expect(page.getByTestId('receipt')).toHaveCount(1);
  await expect(page.getByTestId('receipt').first()).toContainText('SECRET TABLE 12');
  const settings = await page.evaluate(async () => (await fetch('/api/settings')).json());
  expect(settings.settings.capture.allowList).toEqual([]);
});
