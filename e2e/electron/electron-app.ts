/**
 * Launching the built desktop app with Playwright's _electron, and saying in one sentence why
 * it cannot be launched here. It needs the Electron binary (offline installs skip its
 * download) and better-sqlite3 built for that Electron (scripts/electron-native.mjs, which
 * needs the internet once); e2e/global-setup.ts builds out/ and that copy where it can.
 */
import { _electron as electron, type ElectronApplication, type Page } from 'playwright-core';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { findNativeBinding } from '../../src/main/electron/native-binding';

export const ROOT = path.resolve(import.meta.dirname, '..', '..');

export function electronBinary(): string | null {
  try {
    // The electron package exports the binary's path, and throws if it was never downloaded.
    const file = createRequire(import.meta.url)('electron') as unknown;
    return typeof file === 'string' && fs.existsSync(file) ? file : null;
  } catch {
    return null;
  }
}

/** Why the Electron project cannot run on this machine, or null when it can. */
export function whyNoElectron(): string | null {
  if (!electronBinary()) {
    return 'Electron tests skipped: the Electron binary is not installed (offline install, ELECTRON_SKIP_BINARY_DOWNLOAD); the browser project covers the UI.';
  }
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return 'Electron tests skipped: no display to open a window on (run them under xvfb-run); the browser project covers the UI.';
  }
  const { version } = JSON.parse(
    fs.readFileSync(path.join(ROOT, 'node_modules', 'electron', 'package.json'), 'utf8'),
  ) as { version: string };
  if (!findNativeBinding({ electronVersion: version, appPath: ROOT })) {
    return `Electron tests skipped: better-sqlite3 is not built for Electron ${version} (run npm start once with internet access); the browser project covers the UI.`;
  }
  return null;
}

export interface DesktopApp {
  app: ElectronApplication;
  page: Page;
  userData: string;
}

/** A user-data folder whose only printer port is an ephemeral one on 127.0.0.1. */
export function newUserData(): string {
  const userData = fs.mkdtempSync(path.join(os.tmpdir(), 'receipt-desk-electron-'));
  fs.writeFileSync(
    path.join(userData, 'settings.json'),
    JSON.stringify({ listeners: [{ host: '127.0.0.1', port: 0, station: 'Front' }] }),
  );
  return userData;
}

/**
 * Starts the built app as `electron .` does (package.json's main is out/main/index.js), so its
 * app path is the project, as in `npm start`; without a tray, so closing the window quits.
 */
export async function launchDesktop(userData: string): Promise<DesktopApp> {
  const app = await electron.launch({
    executablePath: electronBinary()!,
    args: [ROOT],
    cwd: ROOT,
    env: { ...process.env, RECEIPT_DESK_USER_DATA: userData, RECEIPT_DESK_NO_TRAY: '1' },
  });
  const page = await app.firstWindow();
  return { app, page, userData };
}
