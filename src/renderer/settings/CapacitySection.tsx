import { NumberInput, SimpleGrid, Switch } from '@mantine/core';
import type { SettingsForm } from './settings-form';
import { ScaledNumberInput } from './ScaledNumberInput';

const MB = 1024 * 1024;

/** How much the PC takes on at once; the defaults suit a restaurant with a few tills. */
export function CapacitySection({ form }: { form: SettingsForm }) {
  const threads = form.values.pool.threads;
  return (
    <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="sm">
      <NumberInput
        label="Tills printing at once"
        description="When all are open, the one idle the longest makes room"
        allowDecimal={false}
        {...form.getInputProps('capture.maxConnections')}
      />
      <NumberInput
        label="Connections per device"
        description="So one device cannot shut the tills out"
        allowDecimal={false}
        {...form.getInputProps('capture.maxConnectionsPerPeer')}
      />
      <NumberInput
        label="Close an idle connection after (seconds)"
        description="Tills reconnect for their next receipt"
        allowDecimal={false}
        {...form.getInputProps('capture.idleCloseS')}
      />
      <ScaledNumberInput
        form={form}
        path="capture.idleTimeoutMs"
        scale={1000}
        label="A receipt ends after (seconds)"
        description="Without a cut, a pause this long ends the receipt"
        decimalScale={2}
      />
      <ScaledNumberInput
        form={form}
        path="capture.maxReceiptBytes"
        scale={MB}
        label="Largest receipt (MB)"
        description="Larger ones are kept up to here and marked cut off"
        decimalScale={2}
      />
      <div>
        <Switch
          label="Choose reading threads automatically"
          checked={threads === null}
          onChange={(e) => form.setFieldValue('pool.threads', e.currentTarget.checked ? null : 2)}
          mb="xs"
        />
        {threads !== null ? (
          <NumberInput
            label="Reading threads"
            description="Threads that read receipts (up to 64)"
            allowDecimal={false}
            {...form.getInputProps('pool.threads')}
          />
        ) : null}
      </div>
      <NumberInput
        label="Reading queue"
        description="Batches that may wait before the tills are slowed down"
        allowDecimal={false}
        {...form.getInputProps('pool.maxQueue')}
      />
      <ScaledNumberInput
        form={form}
        path="pool.taskTimeoutMs"
        scale={1000}
        label="Time to read one receipt (seconds)"
        description="Longer, and the receipt is kept unread and marked failed"
        decimalScale={2}
      />
    </SimpleGrid>
  );
}
