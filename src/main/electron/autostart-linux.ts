/**
 * Start at login on Linux, where Electron's login-item settings do nothing: a freedesktop
 * autostart entry in ~/.config/autostart, which GNOME, KDE, Xfce and the rest read at login.
 * No electron import, so the tests write and read real files under Node.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Where the entry goes: $XDG_CONFIG_HOME/autostart, by default ~/.config/autostart. */
export function autostartFile(env: NodeJS.ProcessEnv = process.env, home = os.homedir()): string {
  const config =
    env.XDG_CONFIG_HOME && path.isAbsolute(env.XDG_CONFIG_HOME)
      ? env.XDG_CONFIG_HOME
      : path.join(home, '.config');
  return path.join(config, 'autostart', 'receipt-desk.desktop');
}

/**
 * The entry: starts `command` (the AppImage, or the installed executable) with `args`.
 * Exec quoting per the Desktop Entry spec: each argument in double quotes, with ", `, $ and \
 * escaped, so an install folder with spaces ("/opt/Receipt Desk") still starts; then the
 * spec's string escaping, which doubles every backslash once more.
 */
export function autostartEntry(command: string, args: string[]): string {
  const quoted = [command, ...args].map((a) => `"${a.replace(/(["`$\\])/gu, '\\$1')}"`);
  const exec = quoted.join(' ').replace(/\\/gu, '\\\\');
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Name=Receipt Desk',
    'Comment=Keeps every receipt the POS prints',
    `Exec=${exec}`,
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}

export function setAutostart(file: string, entry: string | null): void {
  if (entry === null) {
    fs.rmSync(file, { force: true });
    return;
  }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, entry);
}

export function hasAutostart(file: string): boolean {
  return fs.existsSync(file);
}
