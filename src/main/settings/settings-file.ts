/** Reads and writes settings.json in the data folder (validated), shared by both entry points. */
import fs from 'node:fs';
import path from 'node:path';
import type { Settings, SettingsInput } from '../../shared';
import { DeskFailure, settingsSchema } from '../../shared';

export const SETTINGS_FILE = 'settings.json';

export function settingsFile(dataDir: string): string {
  return path.join(dataDir, SETTINGS_FILE);
}

export function loadSettings(
  dataDir: string,
  overrides: (s: SettingsInput) => void = () => {},
): Settings {
  const file = settingsFile(dataDir);
  let input: SettingsInput = {};
  if (fs.existsSync(file)) {
    try {
      input = JSON.parse(fs.readFileSync(file, 'utf8')) as SettingsInput;
    } catch (err) {
      throw new DeskFailure(
        'BAD_SETTINGS',
        `${file} is not valid JSON (${(err as Error).message}). Fix it or delete it to use the defaults.`,
      );
    }
  }
  overrides(input);
  return validSettings(input, `Fix ${file} or the command line.`);
}

/**
 * Settings checked against the schema; the first problem becomes a DeskFailure whose message
 * names the setting. A web page opened to the network without a token keeps its own code.
 */
export function validSettings(input: unknown, fix: string): Settings {
  const result = settingsSchema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const where = issue.path.join('.') || '(root)';
  const tokenMissing = where === 'http.apiToken' && issue.code === 'custom';
  throw new DeskFailure(
    tokenMissing ? 'TOKEN_REQUIRED' : 'BAD_SETTINGS',
    `${issue.message.replace(/\.?$/u, '.')} (setting ${where}) ${fix}`,
  );
}

/**
 * Writes the settings so that a crash or a full disk never leaves half a file: a temporary file
 * is written and flushed, then renamed over the old one.
 */
export function saveSettingsFile(dataDir: string, settings: Settings): void {
  const file = settingsFile(dataDir);
  const temp = `${file}.${process.pid}.tmp`;
  try {
    const fd = fs.openSync(temp, 'w');
    try {
      fs.writeSync(fd, `${JSON.stringify(settings, null, 2)}\n`);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(temp, file);
  } catch (err) {
    fs.rmSync(temp, { force: true });
    throw new DeskFailure(
      'SETTINGS_NOT_SAVED',
      `The settings could not be written to ${file} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}). Nothing was changed; check that the disk has room.`,
    );
  }
}
