import { SimpleGrid, TextInput } from '@mantine/core';
import type { SettingsForm } from './settings-form';

/** This PC's own time zone, shown where the setting is left empty. */
const HERE = Intl.DateTimeFormat().resolvedOptions().timeZone;

/** The restaurant's name, when its business day starts, its time zone and its currency. */
export function BusinessSection({ form }: { form: SettingsForm }) {
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }} maw={640}>
      <TextInput
        label="Restaurant name"
        description="At the top of the daily report."
        {...form.getInputProps('business.restaurantName')}
      />
      <TextInput
        label="Business day starts at"
        description="A night past midnight counts to the evening it began. Such as 04:00."
        {...form.getInputProps('business.dayStart')}
      />
      <TextInput
        label="Time zone"
        description={`Empty: this PC's own (${HERE}).`}
        placeholder={HERE}
        {...form.getInputProps('business.timeZone')}
      />
      <TextInput
        label="Currency"
        description="Empty: read from the receipts. Such as EUR, USD or JPY."
        {...form.getInputProps('business.currency')}
      />
    </SimpleGrid>
  );
}
