/**
 * The tray icon that keeps Receipt Desk capturing with its window closed: open the window, pause
 * or resume capture, start at login, quit. Quitting is the only way to stop capturing.
 */
import { Menu, Tray, nativeImage, type NativeImage } from 'electron';
import fs from 'node:fs';
import path from 'node:path';
import { trayIconFiles } from './packaged-layout';

export interface TrayActions {
  open(): void;
  isPaused(): boolean;
  setPaused(paused: boolean): void;
  /** Only an installed app can register itself to start at login; null hides the choice. */
  startAtLogin: { get(): boolean; set(on: boolean): void } | null;
  quit(): void;
}

/** appPath: app.getAppPath(), where resources/ sits (the repository, or the app's archive). */
export function createTray(actions: TrayActions, appPath: string): Tray {
  const tray = new Tray(trayIcon(appPath));
  const rebuild = (): void => {
    const paused = actions.isPaused();
    tray.setToolTip(paused ? 'Receipt Desk: capture paused' : 'Receipt Desk: capturing receipts');
    const login = actions.startAtLogin;
    tray.setContextMenu(
      Menu.buildFromTemplate([
        { label: 'Open Receipt Desk', click: () => actions.open() },
        { type: 'separator' },
        {
          // Paused, the printer ports stop reading: tills wait, nothing is lost.
          label: paused ? 'Resume capture' : 'Pause capture',
          click: () => {
            actions.setPaused(!paused);
            rebuild();
          },
        },
        ...(login
          ? [
              {
                label: 'Start at login',
                type: 'checkbox' as const,
                checked: login.get(),
                click: (item: Electron.MenuItem) => login.set(item.checked),
              },
            ]
          : []),
        { type: 'separator' },
        { label: 'Quit Receipt Desk', click: () => actions.quit() },
      ]),
    );
  };
  rebuild();
  tray.on('click', () => actions.open());
  return tray;
}

function trayIcon(appPath: string): NativeImage {
  const [oneX, twoX] = trayIconFiles(process.platform).map((file) =>
    fs.readFileSync(path.join(appPath, file)),
  );
  const image = nativeImage.createFromBuffer(oneX, { scaleFactor: 1 });
  image.addRepresentation({ scaleFactor: 2, buffer: twoX });
  if (process.platform === 'darwin') image.setTemplateImage(true);
  return image;
}
