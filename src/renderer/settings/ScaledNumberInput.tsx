import { NumberInput, type NumberInputProps } from '@mantine/core';
import type { SettingsForm } from './settings-form';

interface Props extends Omit<NumberInputProps, 'value' | 'onChange' | 'form'> {
  form: SettingsForm;
  /** The setting's path in the form ("capture.idleTimeoutMs"). */
  path: string;
  /** The setting's unit per shown unit: 1000 shows milliseconds as seconds. */
  scale: number;
}

/**
 * A number the manager reads in seconds or megabytes while the setting keeps milliseconds or
 * bytes. Empty stays empty, so the schema's "must be a number" message shows.
 */
export function ScaledNumberInput({ form, path, scale, ...props }: Props) {
  const input = form.getInputProps(path);
  const value = input.value as number | string;
  return (
    <NumberInput
      {...props}
      error={input.error as string | undefined}
      onBlur={input.onBlur as () => void}
      value={typeof value === 'number' ? value / scale : value}
      onChange={(v) => form.setFieldValue(path, typeof v === 'number' ? Math.round(v * scale) : v)}
    />
  );
}
