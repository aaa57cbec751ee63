/**
 * Settings › Pass-through: per station, a real printer that also prints every job, byte for
 * byte, and whether the station's tills hear that printer's status (paper out, cover open). One
 * card per printer port's station, with the printer's live status once it is in force; a
 * pass-through whose station was renamed or removed shows with its message until it is removed.
 */
import {
  Button,
  Checkbox,
  Group,
  NumberInput,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import type { PassThroughGauges } from '../../shared/api';
import { RelayReadings } from '../relay/RelayReadings';
import { printerOf } from '../relay/relay-words';
import { useDesk } from '../state/desk-store';
import type { SettingsForm } from './settings-form';

const P = 'passThrough';

export function PassThroughSection({ form }: { form: SettingsForm }) {
  const gauges = useDesk((s) => s.metrics?.passThrough ?? []);
  const entries = form.values.passThrough;
  const stations = form.values.listeners.map((l) => l.station);
  const same = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();
  // Entries whose station is no longer a printer port's: shown last, with their message.
  const orphans = entries
    .map((e, i) => ({ e, i }))
    .filter(({ e }) => !stations.some((s) => same(s, e.station)));
  return (
    <Stack gap="sm" maw={760}>
      {stations.map((station, k) => {
        const index = entries.findIndex((e) => same(e.station, station));
        return (
          <StationPrinter
            key={`${k}-${station}`}
            form={form}
            station={station}
            index={index < 0 ? null : index}
            gauges={gauges.find((g) => same(g.station, station)) ?? null}
          />
        );
      })}
      {orphans.map(({ e, i }) => (
        <StationPrinter
          key={`orphan-${i}`}
          form={form}
          station={e.station}
          index={i}
          gauges={null}
        />
      ))}
    </Stack>
  );
}

function StationPrinter({
  form,
  station,
  index,
  gauges,
}: {
  form: SettingsForm;
  station: string;
  /** Its entry in the settings, or null when the station prints only here. */
  index: number | null;
  gauges: PassThroughGauges | null;
}) {
  const name = station || 'This station';
  const at = `${P}.${index}`;
  const stationError = index === null ? undefined : form.errors[`${at}.station`];
  return (
    <Paper withBorder p="md" role="group" aria-label={`Pass-through of ${name}`}>
      <Group justify="space-between" mb="xs" wrap="wrap" gap="xs">
        <Text fw={600}>{name}</Text>
        {index === null ? (
          <Button
            size="xs"
            variant="default"
            onClick={() =>
              form.insertListItem(P, { station, host: '', port: 9100, answerStatus: false })
            }
          >
            Also print on a real printer
          </Button>
        ) : (
          <Button
            size="xs"
            variant="subtle"
            color="red"
            onClick={() => form.removeListItem(P, index)}
          >
            Stop passing jobs through
          </Button>
        )}
      </Group>
      {index === null ? (
        <Text size="sm" c="dimmed">
          Its receipts are kept here only; no printer prints them.
        </Text>
      ) : (
        <Stack gap="sm">
          {stationError ? (
            <Text size="sm" c="var(--bad)" role="alert">
              {stationError}
            </Text>
          ) : null}
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <TextInput
              label="Printer address"
              description="The real printer’s IP address or name on the network"
              placeholder="192.168.1.50"
              {...form.getInputProps(`${at}.host`)}
            />
            <NumberInput
              label="Printer port"
              description="9100 on most network printers"
              allowDecimal={false}
              allowNegative={false}
              {...form.getInputProps(`${at}.port`)}
            />
          </SimpleGrid>
          <Checkbox
            label="Tell the tills the printer’s status"
            description={`A till that asks hears what ${printerOf(name)} says: out of paper, cover open, offline, as it would with a printer of its own. Off: the tills hear Receipt Desk’s own answer (ready, unless this PC’s disk is full).`}
            {...form.getInputProps(`${at}.answerStatus`, { type: 'checkbox' })}
          />
          {gauges ? (
            <Stack gap={4} data-testid="pass-through-live">
              <Text size="sm" fw={500}>
                Right now, {printerOf(name)} at {gauges.printer}
              </Text>
              <RelayReadings gauges={gauges} printer={gauges} />
            </Stack>
          ) : (
            <Text size="sm" c="dimmed">
              Jobs pass through once you save.
            </Text>
          )}
        </Stack>
      )}
    </Paper>
  );
}
