/**
 * "Start at login" for the tray menu. A back-office PC that reboots overnight should be
 * capturing again before the first till prints, without anyone opening the app; started that
 * way, the app stays in the tray instead of opening its window.
 */
import { app } from 'electron';
import { autostartEntry, autostartFile, hasAutostart, setAutostart } from './autostart-linux';

/** Added to the command line of a login start, so the app knows to stay in the tray. */
const AT_LOGIN_ARG = '--at-login';

export interface StartAtLogin {
  get(): boolean;
  set(on: boolean): void;
}

/**
 * Only an installed app can register itself: in development the executable is Electron's own,
 * which would start without this app. Null then, and the tray leaves the choice out.
 */
export function startAtLogin(): StartAtLogin | null {
  if (!app.isPackaged) return null;
  if (process.platform === 'linux') {
    const file = autostartFile();
    // An AppImage runs from a temporary mount; APPIMAGE is the file to start next time.
    const command = process.env.APPIMAGE ?? process.execPath;
    return {
      get: () => hasAutostart(file),
      set: (on) => setAutostart(file, on ? autostartEntry(command, [AT_LOGIN_ARG]) : null),
    };
  }
  // Windows matches the registered entry by its arguments too, so get and set pass the same.
  const args = [AT_LOGIN_ARG];
  return {
    get: () => app.getLoginItemSettings({ args }).openAtLogin,
    set: (on) => app.setLoginItemSettings({ openAtLogin: on, args }),
  };
}

/** Whether this run was started by the login item (the window then stays closed). */
export function startedAtLogin(): boolean {
  if (process.argv.includes(AT_LOGIN_ARG)) return true;
  return process.platform === 'darwin' && app.getLoginItemSettings().wasOpenedAtLogin;
}
