import {
  ActionIcon,
  Button,
  Group,
  NumberInput,
  Paper,
  Select,
  SimpleGrid,
  Switch,
  Text,
  TextInput,
} from '@mantine/core';
import type { SettingsForm } from './settings-form';
import { nextListener } from './settings-form';

const DIALECTS = [
  { value: 'auto', label: 'Decide from each receipt' },
  { value: 'escpos', label: 'Epson ESC/POS' },
  { value: 'star-line', label: 'Star Line mode' },
  { value: 'star-prnt', label: 'StarPRNT' },
];

const COLUMNS = [
  { value: '32', label: '32 (58 mm paper)' },
  { value: '42', label: '42' },
  { value: '48', label: '48 (80 mm paper)' },
  { value: '56', label: '56' },
  { value: '64', label: '64' },
];

const MULTIBYTE = [
  { value: 'shift_jis', label: 'Japanese (Shift_JIS)' },
  { value: 'gb18030', label: 'Simplified Chinese (GB18030)' },
  { value: 'big5', label: 'Traditional Chinese (Big5)' },
  { value: 'euc-kr', label: 'Korean (EUC-KR)' },
];

/** One card per printer port: where tills print and how their printer is set up. */
export function PortsSection({ form }: { form: SettingsForm }) {
  const listeners = form.values.listeners;
  return (
    <>
      {listeners.map((l, i) => (
        <Paper key={i} withBorder p="md" aria-label={`Printer port ${i + 1}`} role="group">
          <Group justify="space-between" mb="xs">
            <Text fw={600}>{l.station || `Printer port ${i + 1}`}</Text>
            <ActionIcon
              variant="subtle"
              color="red"
              aria-label={`Remove ${l.station || `printer port ${i + 1}`}`}
              title="Remove this printer port"
              disabled={listeners.length === 1}
              onClick={() => form.removeListItem('listeners', i)}
            >
              ✕
            </ActionIcon>
          </Group>
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
            <TextInput
              label="Station name"
              description="What the receipts say they came from"
              {...form.getInputProps(`listeners.${i}.station`)}
            />
            <TextInput
              label="Listen on address"
              description="0.0.0.0 listens on every network"
              {...form.getInputProps(`listeners.${i}.host`)}
            />
            <NumberInput
              label="Port"
              description="The port the POS prints to (usually 9100)"
              allowDecimal={false}
              allowNegative={false}
              {...form.getInputProps(`listeners.${i}.port`)}
            />
            <Select
              label="Printer language"
              description="What the POS thinks it prints to"
              data={DIALECTS}
              allowDeselect={false}
              {...form.getInputProps(`listeners.${i}.dialect`)}
            />
            <Select
              label="Characters per line"
              description="As set up on the POS"
              data={COLUMNS}
              allowDeselect={false}
              {...form.getInputProps(`listeners.${i}.columns`)}
              value={String(l.columns)}
              onChange={(v) => form.setFieldValue(`listeners.${i}.columns`, Number(v) as 48)}
            />
            <Select
              label="Asian characters"
              description="The double-byte encoding of the printer model"
              data={MULTIBYTE}
              allowDeselect={false}
              {...form.getInputProps(`listeners.${i}.multibyte`)}
            />
          </SimpleGrid>
          <Switch
            mt="sm"
            label="The printer starts in Kanji mode (Japanese and Chinese models)"
            {...form.getInputProps(`listeners.${i}.kanjiAtStart`, { type: 'checkbox' })}
          />
        </Paper>
      ))}
      <Group>
        <Button
          variant="light"
          onClick={() => form.insertListItem('listeners', nextListener(form.values.listeners))}
        >
          Add a printer port
        </Button>
      </Group>
    </>
  );
}
