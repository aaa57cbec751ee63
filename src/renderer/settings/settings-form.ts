/**
 * The Settings form: the service's settings as values, checked as the manager types by the same
 * zod schema the service checks them with, so a message here is the message the service gives.
 */
import { useForm, type UseFormReturnType } from '@mantine/form';
import type { ListenerSettings, Settings } from '../../shared/settings';
import { settingsSchema } from '../../shared/settings';

export type SettingsForm = UseFormReturnType<Settings>;

/** zod issues as Mantine form errors, keyed by path ("listeners.0.port"); the first one wins. */
export function settingsErrors(values: Settings): Record<string, string> {
  const result = settingsSchema.safeParse(values);
  if (result.success) return {};
  const errors: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const key = issue.path.join('.');
    errors[key] ??= issue.message;
  }
  return errors;
}

export function useSettingsForm(initial: Settings): SettingsForm {
  return useForm<Settings>({
    mode: 'controlled',
    initialValues: initial,
    validate: settingsErrors,
    validateInputOnChange: true,
  });
}

/** A new printer port: the next port number after the highest, and a name to change. */
export function nextListener(listeners: ListenerSettings[]): ListenerSettings {
  const highest = Math.max(9099, ...listeners.map((l) => l.port));
  const used = new Set(listeners.map((l) => l.station.toLowerCase()));
  let n = listeners.length + 1;
  while (used.has(`station ${n}`)) n++;
  return {
    host: listeners[0]?.host ?? '0.0.0.0',
    port: Math.min(65535, highest + 1),
    station: `Station ${n}`,
    dialect: 'auto',
    columns: 48,
    multibyte: 'shift_jis',
    kanjiAtStart: false,
  };
}

/** The first error under a path, for inputs that stand for a list (the allow-list). */
export function errorUnder(form: SettingsForm, prefix: string): string | undefined {
  const key = Object.keys(form.errors).find((k) => k === prefix || k.startsWith(`${prefix}.`));
  return key ? String(form.errors[key]) : undefined;
}

/** A token a manager never has to type: 24 random bytes, URL-safe. */
export function newAccessToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(24));
  return btoa(String.fromCharCode(...bytes))
    .replaceAll('+', '-')
    .replaceAll('/', '_')
    .replace(/=+$/u, '');
}
