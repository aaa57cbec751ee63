/**
 * Settings › Cloud relay: every receipt, with its figures, to the restaurant's own endpoint.
 * Where to (https), as which store, with which token and secret (kept apart from the settings),
 * how much per request, what else to mask, how hard to try, and how sending goes right now.
 */
import { Checkbox, NumberInput, SimpleGrid, Stack, Switch, Text, TextInput } from '@mantine/core';
import { RelayReadings } from '../relay/RelayReadings';
import { useRelayStatus } from '../relay/use-relay-status';
import { useDesk } from '../state/desk-store';
import { RedactionRules } from './RedactionRules';
import { RelayCredentials } from './RelayCredentials';
import type { SettingsForm } from './settings-form';

const P = 'cloudRelay';

export function CloudRelaySection({ form }: { form: SettingsForm }) {
  const relay = useRelayStatus();
  const gauges = useDesk((s) => s.metrics?.relay ?? null);
  const on = form.values.cloudRelay.enabled;
  const number = (path: string) => ({
    allowDecimal: false,
    allowNegative: false,
    ...form.getInputProps(`${P}.${path}`),
  });
  return (
    <Stack gap="md" maw={760}>
      <Switch
        label="Send every receipt to the restaurant’s cloud endpoint"
        description="With its sales figures, so the owner sees every location from anywhere. Receipts printed while this is off are not sent later."
        {...form.getInputProps(`${P}.enabled`, { type: 'checkbox' })}
      />
      {on ? (
        <>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <TextInput
              label="Endpoint address"
              description="Its receipts address, starting with https://"
              placeholder="https://receipts.example.com/v1/receipts"
              {...form.getInputProps(`${P}.url`)}
            />
            <TextInput
              label="Store id"
              description="Names this restaurant at the endpoint"
              placeholder="paris-11"
              {...form.getInputProps(`${P}.storeId`)}
            />
          </SimpleGrid>
          <RelayCredentials relay={relay} />
          <Stack gap="xs">
            <Text size="sm" fw={600}>
              Each request
            </Text>
            <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
              <NumberInput
                label="Receipts per request"
                min={1}
                max={100}
                {...number('batchReceipts')}
              />
              <NumberInput
                label="Largest request (KiB)"
                min={16}
                max={1024}
                {...number('batchKiB')}
              />
            </SimpleGrid>
            <Checkbox
              label="Also send the bytes the till sent"
              description="Rarely needed, and much larger. Off: the text and the figures only."
              {...form.getInputProps(`${P}.includeRaw`, { type: 'checkbox' })}
            />
          </Stack>
          <RedactionRules form={form} />
          <Stack gap="xs">
            <Text size="sm" fw={600}>
              When sending fails
            </Text>
            <Text size="xs" c="dimmed">
              An endpoint that is down or slow is waited for, however long: its receipts are kept
              and sent in order once it answers. Only a receipt it refuses is given up, after the
              attempts below; it can be sent again from the System screen.
            </Text>
            <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
              <NumberInput
                label="Attempts before giving up"
                min={1}
                max={100}
                {...number('deadAfterAttempts')}
              />
              <NumberInput
                label="Time per request (s)"
                min={1}
                max={300}
                {...number('requestTimeoutS')}
              />
              <NumberInput
                label="Longest wait between tries (s)"
                min={1}
                max={3600}
                {...number('retryCapS')}
              />
              <NumberInput
                label="Pause after many failures (s)"
                min={1}
                max={3600}
                {...number('circuitCoolDownS')}
              />
              <NumberInput
                label="Remember deliveries (days)"
                min={1}
                max={365}
                {...number('keepDeliveredDays')}
              />
            </SimpleGrid>
          </Stack>
        </>
      ) : null}
      {gauges ? (
        <Stack gap={4} data-testid="cloud-relay-live">
          <Text size="sm" fw={600}>
            Right now
          </Text>
          <RelayReadings gauges={gauges} />
        </Stack>
      ) : null}
    </Stack>
  );
}
