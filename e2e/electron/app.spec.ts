/**
 * The desktop app end to end: the window starts the service, and a receipt printed to it shows
 * up live through the preload bridge. Needs the Electron binary, a build (`electron-vite build`)
 * and better-sqlite3 built for Electron (scripts/electron-native.mjs); where the binary could not
 * be downloaded this project skips, and the browser project covers the UI.
 */
import { _electron as electron } from 'playwright-core';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { printReceipt } from '../fixtures/print';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const SKIP_REASON =
  'Electron binary not installed (ELECTRON_SKIP_BINARY_DOWNLOAD); the browser project covers the UI';

function electronBinary(): string | null {
  try {
    // The electron package exports the binary's path, and throws if it was never downloaded.
    const file = createRequire(import.meta.url)('electron') as unknown;
    return typeof file === 'string' && fs.existsSync(file) ? file : null;
  } catch {
    return null;
  }
}

const binary = electronBinary();

test.beforeAll(() => {
  // One clear line in the run's output, not a silent skip.
  if (!binary) console.log(SKIP_REASON);
});

test('prints to the desktop app and sees the receipt live', async () => {
  test.skip(!binary, SKIP_REASON);
  const userData = fs.mkdtempSync(path.join(os.tmpdir(), 'receipt-desk-electron-'));
  fs.writeFileSync(
    path.join(userData, 'settings.json'),
    JSON.stringify({ listeners: [{ host: '127.0.0.1', port: 0, station: 'Front' }] }),
  );
  const app = await electron.launch({
    executablePath: binary!,
    args: [path.join(ROOT, 'out', 'main', 'index.js')],
    cwd: ROOT,
    env: { ...process.env, RECEIPT_DESK_USER_DATA: userData, RECEIPT_DESK_NO_TRAY: '1' },
  });
  try {
    const page = await app.firstWindow();
    await expect(page.getByRole('heading', { name: 'Receipt Desk' })).toBeVisible();
    // The page sees only the bridge's domain verbs, never ipcRenderer.
    const bridge = await page.evaluate(() => Object.keys(window.desk ?? {}).sort());
    expect(bridge).toEqual([
      'getHealth',
      'getMetrics',
      'getPrinterAddresses',
      'getReceipt',
      'getStats',
      'getToday',
      'listReceipts',
      'onMetrics',
      'onReceipts',
      'printTestReceipt',
    ]);
    const port = await page.evaluate(async () => {
      const health = await window.desk!.getHealth();
      return health.ok ? health.value.printer.port : 0;
    });
    expect(port).toBeGreaterThan(0);
    await printReceipt(port, ['DESKTOP ORDER D-7', 'TOTAL 9.99']);
    await expect(
      page.getByTestId('receipt').filter({ hasText: 'DESKTOP ORDER D-7' }),
    ).toBeVisible();
  } finally {
    await app.close();
    fs.rmSync(userData, { recursive: true, force: true });
  }
});
