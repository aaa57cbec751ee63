/**
 * The desktop app end to end, launched from its build with Playwright's _electron: the window
 * starts the service, a receipt printed to it shows up live through the preload bridge, the
 * window is locked down, and without a tray closing it stops the app. Where the Electron binary
 * (or better-sqlite3 built for it) is missing, every test here skips with one line saying why,
 * and the browser project covers the UI.
 */
import fs from 'node:fs';
import net from 'node:net';
import { expect, test } from '@playwright/test';
import { DESK_CALLS } from '../../src/shared/contract';
import { printReceipt } from '../fixtures/print';
import { launchDesktop, newUserData, whyNoElectron, type DesktopApp } from './electron-app';

const SKIP_REASON = whyNoElectron();

test.beforeAll(() => {
  // One clear line in the run's output, not a silent skip.
  if (SKIP_REASON) console.log(SKIP_REASON);
});

let desktop: DesktopApp | null = null;

test.beforeEach(async () => {
  test.skip(SKIP_REASON !== null, SKIP_REASON ?? '');
  desktop = await launchDesktop(newUserData());
});

test.afterEach(async () => {
  if (!desktop) return;
  await desktop.app.close().catch(() => {}); // a test may have closed it already
  fs.rmSync(desktop.userData, { recursive: true, force: true });
  desktop = null;
});

async function printerPort(): Promise<number> {
  const port = await desktop!.page.evaluate(async () => {
    const health = await window.desk!.getHealth();
    return health.ok ? health.value.printer.port : 0;
  });
  expect(port).toBeGreaterThan(0);
  return port;
}

test('opens its window on the app', async () => {
  const { app, page } = desktop!;
  await expect(page.getByRole('heading', { name: 'Receipt Desk' })).toBeVisible();
  const win = await app.evaluate(({ BrowserWindow }) => {
    const w = BrowserWindow.getAllWindows()[0];
    return {
      count: BrowserWindow.getAllWindows().length,
      title: w.getTitle(),
      visible: w.isVisible(),
    };
  });
  expect(win).toEqual({ count: 1, title: 'Receipt Desk', visible: true });
});

test('prints to the desktop app and sees the receipt live', async () => {
  const { page } = desktop!;
  // The page sees only the bridge's domain verbs, never ipcRenderer.
  const bridge = await page.evaluate(() => Object.keys(window.desk ?? {}).sort());
  expect(bridge).toEqual([...DESK_CALLS, 'exportDelivery', 'onMetrics', 'onReceipts'].sort());
  await printReceipt(await printerPort(), ['DESKTOP ORDER D-7', 'TOTAL 9.99']);
  await expect(page.getByTestId('receipt').filter({ hasText: 'DESKTOP ORDER D-7' })).toBeVisible();
});

test('keeps the page isolated: sandboxed, no Node, no inline scripts', async () => {
  const { app, page } = desktop!;
  const prefs = await app.evaluate(({ BrowserWindow }) => {
    // Electron's record of what the window was created with; at run time since Electron 9,
    // though no longer in its type declarations.
    const contents = BrowserWindow.getAllWindows()[0].webContents as Electron.WebContents & {
      getLastWebPreferences(): Electron.WebPreferences | null;
    };
    const p = contents.getLastWebPreferences();
    return {
      contextIsolation: p?.contextIsolation,
      sandbox: p?.sandbox,
      nodeIntegration: p?.nodeIntegration,
      webSecurity: p?.webSecurity,
    };
  });
  expect(prefs).toEqual({
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    webSecurity: true,
  });
  const reach = await page.evaluate(() => ({
    require: typeof (globalThis as { require?: unknown }).require,
    process: typeof (globalThis as { process?: unknown }).process,
    module: typeof (globalThis as { module?: unknown }).module,
  }));
  expect(reach).toEqual({ require: 'undefined', process: 'undefined', module: 'undefined' });
  // The Content-Security-Policy refuses a script written into the page (receipt text never
  // becomes HTML, and this is the net under that).
  const ran = await page.evaluate(() => {
    const script = document.createElement('script');
    script.textContent = 'window.__injected = true';
    document.head.append(script);
    return (window as { __injected?: boolean }).__injected === true;
  });
  expect(ran).toBe(false);
});

test('stays on the app: no navigation away, no new windows', async () => {
  const { app, page } = desktop!;
  const start = page.url();
  // Listen in the main process first; the app's own handler (registered earlier) refuses.
  await app.evaluate(({ BrowserWindow }) => {
    const contents = BrowserWindow.getAllWindows()[0].webContents;
    (globalThis as { asked?: Promise<string> }).asked = new Promise((resolve) =>
      contents.once('will-navigate', (details) => resolve(details.url)),
    );
  });
  // Another file of the app: not a web link, so nothing is handed to the browser either.
  const away = new URL('../preload/index.cjs', start).href;
  await page.evaluate((url) => {
    window.location.href = url;
  }, away);
  expect(await app.evaluate(() => (globalThis as { asked?: Promise<string> }).asked)).toBe(away);
  expect(await page.evaluate(() => window.open('about:blank'))).toBeNull();
  await expect(page.getByRole('heading', { name: 'Receipt Desk' })).toBeVisible();
  expect(page.url()).toBe(start);
  expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1);
});

test('without a tray, closing the window stops the app and frees the printer port', async () => {
  const { app } = desktop!;
  const port = await printerPort();
  const exited = app.waitForEvent('close');
  await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0].close());
  await exited;
  const refused = await new Promise<boolean>((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(true));
  });
  expect(refused).toBe(true);
});

test('opens the window again at the size it was left', async () => {
  const { app, userData } = desktop!;
  await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0].setSize(900, 650));
  const exited = app.waitForEvent('close');
  await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0].close());
  await exited;
  desktop = await launchDesktop(userData);
  await expect(desktop.page.getByRole('heading', { name: 'Receipt Desk' })).toBeVisible();
  const size = await desktop.app.evaluate(({ BrowserWindow }) =>
    BrowserWindow.getAllWindows()[0].getSize(),
  );
  expect(size).toEqual([900, 650]);
});
