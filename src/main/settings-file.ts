/** Reads settings.json from the data folder (validated), so both entry points share one file. */
import fs from 'node:fs';
import path from 'node:path';
import type { Settings, SettingsInput } from '../shared';
import { DeskFailure, settingsSchema } from '../shared';

export const SETTINGS_FILE = 'settings.json';

export function loadSettings(
  dataDir: string,
  overrides: (s: SettingsInput) => void = () => {},
): Settings {
  const file = path.join(dataDir, SETTINGS_FILE);
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
  const result = settingsSchema.safeParse(input);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new DeskFailure(
      'BAD_SETTINGS',
      `Setting ${issue.path.join('.') || '(root)'} is not valid: ${issue.message}. Fix ${file} or the command line.`,
    );
  }
  return result.data;
}
