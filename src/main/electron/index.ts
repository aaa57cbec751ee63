/**
 * The desktop app: one instance, one window, the service running in this main process. The only
 * place (with its siblings) that imports electron; the service itself is plain Node.
 */
import { Notification, app, dialog, shell, type BrowserWindow, type Tray } from 'electron';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DeskBackend, Result } from '../../shared';
import { DESK_EVENTS } from '../../shared/ipc';
import { DeskService } from '../service';
import type { HttpServer } from '../server';
import { loadSettings } from '../settings';
import { startWebPage } from '../server';
import { startFailure } from './start-failure';
import { pushToWindow, registerIpcHandlers } from './ipc';
import { startAtLogin, startedAtLogin } from './login-item';
import { electronNativeBinding } from './native-binding';
import { relaySecrets } from './relay-secrets';
import { APP_ID, unpackedPath } from './packaged-layout';
import { noticeTitle, throttledNotices } from './problem-notices';
import { createTray } from './tray';
import { createMainWindow } from './window';
import { keepWindowState, loadWindowState } from './window-state';

/** out/main: pool-worker.js, and ../preload and ../renderer, sit beside this bundle. */
const mainDir = path.dirname(fileURLToPath(import.meta.url));
/** Installed, threads load their files from app.asar.unpacked (see electron-builder.yml). */
const workerDir = unpackedPath(mainDir);

// Windows shows notifications only for the id the installer gave the app's shortcut.
if (process.platform === 'win32') app.setAppUserModelId(APP_ID);

// Tests (and a second profile) point the app at their own data folder; set before the lock,
// which is per data folder.
if (process.env.RECEIPT_DESK_USER_DATA) app.setPath('userData', process.env.RECEIPT_DESK_USER_DATA);

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  runApp();
}

/**
 * A desktop notification, where the system has them (a stopped capture must not go unseen);
 * clicking it opens the window.
 */
function notify(title: string, body: string, onClick?: () => void): void {
  if (!Notification.isSupported()) return;
  const notice = new Notification({ title, body });
  if (onClick) notice.on('click', onClick);
  notice.show();
}

function log(message: string): void {
  process.stderr.write(`${new Date().toISOString()} ${message}\n`);
}

function runApp(): void {
  let window: BrowserWindow | null = null;
  let service: DeskService | null = null;
  let webPage: HttpServer | null = null;
  let stopped = false;
  // Called once the app is ready, after openWindow below is defined.
  const notice = throttledNotices((title, body) => notify(title, body, () => openWindow()));

  // Starting the app again brings its window up, also when it was started at login in the tray.
  app.on('second-instance', () => openWindow());
  // macOS: clicking the Dock icon with the window closed.
  app.on('activate', () => openWindow());

  const started: Promise<Result<DeskBackend>> = app.whenReady().then(async () => {
    try {
      const dataDir = app.getPath('userData');
      const settings = loadSettings(dataDir);
      service = new DeskService({
        dataDir,
        settings,
        workerDir,
        nativeBinding: electronNativeBinding(app.getAppPath(), process.resourcesPath),
        log,
        showInFolder: (file) => shell.showItemInFolder(file),
        secrets: relaySecrets(dataDir),
      });
      await service.start();
      // The same page in a browser, on this PC or (Settings, Web page) on phones and tablets.
      // Without it the desktop app still works, so a taken web port is only logged.
      await startWebPage(service, settings.http, mainDir).then(
        ({ server, port }) => {
          webPage = server;
          log(`Web page on ${settings.http.host}:${port}`);
        },
        (err: Error) => log(`The web page did not start: ${err.message}`),
      );
      service.onReceipts((batch) => pushToWindow(window, DESK_EVENTS.receipts, batch));
      service.onProblem((problem) =>
        notice(problem.code, noticeTitle(problem.code), problem.message),
      );
      service.onMetrics((m) => pushToWindow(window, DESK_EVENTS.metrics, m));
      log(`Receipt Desk is listening; data in ${dataDir}`);
      return { ok: true, value: service };
    } catch (err) {
      service = null;
      const failure = startFailure(err, app.isPackaged);
      log(`${failure.code}: ${failure.message}`);
      // The window stays open and shows the same message (every call answers with it).
      dialog.showErrorBox('Receipt Desk cannot receive receipts', failure.message);
      notify('Receipt Desk cannot receive receipts', failure.message, () => openWindow());
      return { ok: false, error: { code: failure.code, message: failure.message } };
    }
  });

  let quitting = false;
  let tray: Tray | null = null;
  const userData = (): string => app.getPath('userData');
  const openWindow = (): void => {
    if (!window) {
      window = createMainWindow({
        mainDir,
        devServerUrl: !app.isPackaged ? (process.env.ELECTRON_RENDERER_URL ?? null) : null,
        bounds: loadWindowState(userData()),
      });
      keepWindowState(window, userData());
      // With a tray, closing the window hides it: capture goes on until Quit.
      window.on('close', (event) => {
        if (tray && !quitting) {
          event.preventDefault();
          window?.hide();
        }
      });
      window.on('closed', () => (window = null));
      return;
    }
    if (window.isMinimized()) window.restore();
    window.show();
    window.focus();
  };

  void app.whenReady().then(() => {
    registerIpcHandlers({ backend: started, window: () => window });
    // Tests start without a tray (RECEIPT_DESK_NO_TRAY=1): closing the window then quits.
    if (process.env.RECEIPT_DESK_NO_TRAY !== '1') {
      try {
        tray = createTray(
          {
            open: openWindow,
            isPaused: () => service?.paused ?? false,
            setPaused: (paused) => service?.setPaused(paused),
            startAtLogin: startAtLogin(),
            quit: () => app.quit(),
          },
          app.getAppPath(),
        );
      } catch (err) {
        // Without a tray the app still captures; closing the window then quits, as it says.
        log(`No tray icon: ${(err as Error).message}`);
      }
    }
    // Started at login, capture runs in the tray and the window waits to be opened.
    if (!(tray && startedAtLogin())) openWindow();
  });

  app.on('window-all-closed', () => {
    if (!tray) app.quit();
  });

  // Finish in-flight receipts and close the database before the process goes.
  app.on('before-quit', (event) => {
    quitting = true;
    if (stopped) return;
    event.preventDefault();
    stopped = true;
    void started
      .then(() => webPage?.close())
      .then(() => service?.stop())
      .catch((err: unknown) => log(`Stopping the service failed: ${(err as Error).message}`))
      .finally(() => app.quit());
  });
}
