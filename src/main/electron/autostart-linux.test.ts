import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { autostartEntry, autostartFile, hasAutostart, setAutostart } from './autostart-linux';

/**
 * Reads an Exec value back the way the Desktop Entry spec says a desktop does: string escapes
 * first (\s, \n, \t, \r, \\), then the quoted arguments with their own escapes.
 */
function readExec(value: string): string[] {
  const escapes: Record<string, string> = { s: ' ', n: '\n', t: '\t', r: '\r', '\\': '\\' };
  const exec = value.replace(/\\(.)/gu, (m, c: string) => escapes[c] ?? m);
  const quoted = /"((?:[^"\\]|\\.)*)"/gu;
  return [...exec.matchAll(quoted)].map((m) => m[1].replace(/\\(.)/gu, '$1'));
}

describe('start at login on Linux', () => {
  const dirs: string[] = [];
  const temp = (): string => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'receipt-desk-autostart-'));
    dirs.push(dir);
    return dir;
  };
  afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

  it('goes where the desktop looks: $XDG_CONFIG_HOME/autostart, else ~/.config/autostart', () => {
    expect(autostartFile({ XDG_CONFIG_HOME: '/home/m/cfg' }, '/home/m')).toBe(
      path.join('/home/m/cfg', 'autostart', 'receipt-desk.desktop'),
    );
    // The spec ignores a relative value.
    expect(autostartFile({ XDG_CONFIG_HOME: 'cfg' }, '/home/m')).toBe(
      path.join('/home/m', '.config', 'autostart', 'receipt-desk.desktop'),
    );
  });

  it('starts the installed program even from a folder with spaces and odd characters', () => {
    const command = '/opt/Receipt Desk/receipt-desk "$HOME`\\';
    const entry = autostartEntry(command, ['--at-login']);
    const exec = /^Exec=(.*)$/mu.exec(entry)![1];
    expect(readExec(exec)).toEqual([command, '--at-login']);
    expect(entry).toMatch(/^\[Desktop Entry\]\nType=Application\n/u);
  });

  it('is switched on and off by writing and removing the entry', () => {
    const file = autostartFile({ XDG_CONFIG_HOME: temp() });
    expect(hasAutostart(file)).toBe(false);
    setAutostart(file, autostartEntry('/usr/bin/receipt-desk', ['--at-login']));
    expect(hasAutostart(file)).toBe(true);
    expect(fs.readFileSync(file, 'utf8')).toContain('Exec="/usr/bin/receipt-desk" "--at-login"');
    setAutostart(file, null);
    expect(hasAutostart(file)).toBe(false);
    setAutostart(file, null); // already off: nothing to do, no error
  });
});
