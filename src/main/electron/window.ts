/**
 * The main window, locked down: isolated sandboxed renderer, preload bridge only, strict CSP,
 * no navigation away from the app, no new windows (web links open in the user's browser).
 */
import { BrowserWindow, session, shell } from 'electron';
import path from 'node:path';

export interface WindowOptions {
  /** Folder of the built main bundle (out/main); preload and renderer sit beside it. */
  mainDir: string;
  /** electron-vite's dev server in `npm start`; null loads the built renderer from disk. */
  devServerUrl: string | null;
  /** Where the window was last time, if it still fits on a screen. */
  bounds?: { x: number; y: number; width: number; height: number; maximized: boolean } | null;
}

/** The built index.html carries the same policy as a meta tag (file:// has no headers). */
const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";
/** Vite's dev server needs its inline React-refresh preamble and the HMR websocket. */
const DEV_CSP =
  "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self' ws://localhost:* ws://127.0.0.1:*; object-src 'none'; base-uri 'none'";

export function createMainWindow({ mainDir, devServerUrl, bounds }: WindowOptions): BrowserWindow {
  lockDownSession(devServerUrl ? DEV_CSP : CSP);
  const win = new BrowserWindow({
    width: bounds?.width ?? 1200,
    height: bounds?.height ?? 800,
    ...(bounds ? { x: bounds.x, y: bounds.y } : {}),
    minWidth: 640,
    minHeight: 480,
    title: 'Receipt Desk',
    show: false,
    backgroundColor: '#f4f4f1',
    webPreferences: {
      preload: path.join(mainDir, '..', 'preload', 'index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  });
  win.once('ready-to-show', () => {
    if (bounds?.maximized) win.maximize();
    win.show();
  });

  win.webContents.on('will-navigate', (event, url) => {
    event.preventDefault();
    openExternally(url);
  });
  win.webContents.setWindowOpenHandler(({ url }) => {
    openExternally(url);
    return { action: 'deny' };
  });

  if (devServerUrl) void win.loadURL(devServerUrl);
  else void win.loadFile(path.join(mainDir, '..', 'renderer', 'index.html'));
  return win;
}

function lockDownSession(csp: string): void {
  const s = session.defaultSession;
  s.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [csp] },
    });
  });
  // Receipts need no camera, microphone, notifications or geolocation.
  s.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  s.setPermissionCheckHandler(() => false);
}

/** Only ordinary web links leave the app, and they go to the user's browser. */
function openExternally(url: string): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return;
  }
  if (parsed.protocol === 'https:' || parsed.protocol === 'http:')
    void shell.openExternal(parsed.href);
}
