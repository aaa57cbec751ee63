/**
 * The tray icon that keeps Receipt Desk capturing with its window closed: open the window, pause
 * or resume capture, start at login, quit. Quitting is the only way to stop capturing.
 */
import { Menu, Tray, app, nativeImage } from 'electron';

/** A 32 x 32 receipt slip, drawn for this app. */
const ICON_PNG =
  'iVBORw0KGgoAAAANSUhEUgAAACAAAAAgCAYAAABzenr0AAAAv0lEQVR4Ae3BoRHDIBSA4Z937zBZIwJV0yGyVQRbMURNFYI1YjCUBZqSS3PP5Pu4WXPsCCE0/iDn7PhC+eH9fnHG4/Fkj2BMMCYYUwbN68IRJSZGKINKTFxBMCYYUwbN68IRJSZGKINKTFxBMCYYUwbN68IRJSZGKINKTFxBMCYYE4wpJ8zrwjclJkYoJ5SYOEswJhgTjAnGlB05Zwc0Ou8nR1fr1ui8nxxdrVuj835ydLVujc77ydGFEBq3244PIzcsuTuWkZMAAAAASUVORK5CYII=';

export interface TrayActions {
  open(): void;
  isPaused(): boolean;
  setPaused(paused: boolean): void;
  quit(): void;
}

export function createTray(actions: TrayActions): Tray {
  const icon = nativeImage.createFromDataURL(`data:image/png;base64,${ICON_PNG}`);
  const tray = new Tray(icon.resize({ width: 16, height: 16 }));
  tray.setToolTip('Receipt Desk: capturing receipts');
  const rebuild = (): void => {
    const paused = actions.isPaused();
    tray.setToolTip(paused ? 'Receipt Desk: capture paused' : 'Receipt Desk: capturing receipts');
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
        {
          label: 'Start at login',
          type: 'checkbox',
          checked: app.getLoginItemSettings().openAtLogin,
          click: (item) => app.setLoginItemSettings({ openAtLogin: item.checked }),
        },
        { type: 'separator' },
        { label: 'Quit Receipt Desk', click: () => actions.quit() },
      ]),
    );
  };
  rebuild();
  tray.on('click', () => actions.open());
  return tray;
}
