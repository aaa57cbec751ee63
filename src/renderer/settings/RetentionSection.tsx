import { NumberInput, SegmentedControl, Stack, Text } from '@mantine/core';
import type { SettingsForm } from './settings-form';

/** How long receipts are kept; shortening it asks before anything is deleted. */
export function RetentionSection({ form }: { form: SettingsForm }) {
  const days = form.values.store.retentionDays;
  return (
    <Stack gap="xs">
      <SegmentedControl
        aria-label="Keep receipts"
        value={days === null ? 'forever' : 'days'}
        onChange={(v) => form.setFieldValue('store.retentionDays', v === 'forever' ? null : 365)}
        data={[
          { value: 'forever', label: 'Keep every receipt' },
          { value: 'days', label: 'Delete receipts after a number of days' },
        ]}
        w="fit-content"
      />
      {days !== null ? (
        <NumberInput
          label="Days to keep"
          description="Receipts older than this are deleted every hour. Tax rules often ask for years."
          allowDecimal={false}
          maw={320}
          {...form.getInputProps('store.retentionDays')}
        />
      ) : (
        <Text size="sm" c="dimmed">
          Nothing is ever deleted. The receipts file&apos;s size is on the System screen.
        </Text>
      )}
    </Stack>
  );
}
