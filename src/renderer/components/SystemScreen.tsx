import { SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useDeskValue } from '../api/desk-api-context';
import { useDesk } from '../state/desk-store';
import { HISTORY_MS, useMetricsHistory } from '../state/metrics-history';
import { GaugeCard } from '../system/GaugeCard';
import { GAUGES } from '../system/gauge-list';
import { PrinterPorts } from '../system/PrinterPorts';
import { SlotHolders } from '../system/SlotHolders';
import { ReadAgain } from '../system/ReadAgain';

/** The service's health: printer ports first, then each gauge with its last ten minutes. */
export function SystemScreen() {
  const m = useDesk((s) => s.metrics);
  const samples = useMetricsHistory((s) => s.samples);
  // Listener states and last receipts are asked for again with each second's metrics.
  const health = useDeskValue((api) => api.getHealth(), m?.at);

  return (
    <Stack p="lg" gap="lg" className="system-screen">
      <Title order={2} size="h4">
        System
      </Title>
      <section aria-labelledby="system-ports">
        <Title order={3} size="h5" mb="xs" id="system-ports">
          Printer ports
        </Title>
        <PrinterPorts health={health} now={m?.at ?? Date.now()} />
      </section>
      <section aria-labelledby="system-slots">
        <Title order={3} size="h5" mb="xs" id="system-slots">
          Who holds the printer slots
        </Title>
        <SlotHolders
          connections={m?.connections ?? null}
          problem={health?.problems.find((p) => p.code === 'CONNECTIONS_REFUSED') ?? null}
        />
      </section>
      <section aria-labelledby="system-gauges">
        <Title order={3} size="h5" id="system-gauges">
          Gauges
        </Title>
        <Text size="sm" c="dimmed" mb="xs">
          Sampled each second; the lines show the last {Math.round(HISTORY_MS / 60_000)} minutes.
        </Text>
        <SimpleGrid cols={{ base: 1, xs: 2, md: 3, xl: 4 }} spacing="sm">
          {GAUGES.map((g) => (
            <GaugeCard key={g.id} def={g} current={m} samples={samples} />
          ))}
        </SimpleGrid>
      </section>
      <section aria-labelledby="system-read-again">
        <Title order={3} size="h5" mb="xs" id="system-read-again">
          Stored receipts
        </Title>
        <ReadAgain />
      </section>
    </Stack>
  );
}
