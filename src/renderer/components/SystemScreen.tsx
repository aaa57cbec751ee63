import { SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useCallback } from 'react';
import type { Metrics, PassThroughGauges } from '../../shared/api';
import { useDeskValue } from '../api/desk-api-context';
import { cloudStatus, printerOf, printerStatus } from '../relay/relay-words';
import { useRelayStatus } from '../relay/use-relay-status';
import { useDesk } from '../state/desk-store';
import { HISTORY_MS, useMetricsHistory } from '../state/metrics-history';
import { GaugeCard } from '../system/GaugeCard';
import { GAUGES } from '../system/gauge-list';
import { PrinterPorts } from '../system/PrinterPorts';
import { RelayAttention } from '../system/RelayAttention';
import { RelayCard } from '../system/RelayCard';
import { SlotHolders } from '../system/SlotHolders';
import { ReadAgain } from '../system/ReadAgain';

/** The service's health: printer ports first, then each gauge with its last ten minutes. */
export function SystemScreen() {
  const m = useDesk((s) => s.metrics);
  const samples = useMetricsHistory((s) => s.samples);
  // Listener states and last receipts are asked for again with each second's metrics.
  const health = useDeskValue((api) => api.getHealth(), m?.at);
  const relay = useRelayStatus();

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
      <section aria-labelledby="system-relay">
        <Title order={3} size="h5" mb="xs" id="system-relay">
          Cloud relay and pass-through printers
        </Title>
        <SimpleGrid
          cols={{ base: 1, sm: 2, xl: 3 }}
          spacing="sm"
          mb="md"
          style={{ alignItems: 'start' }}
        >
          {m ? (
            <RelayCard
              title="Cloud relay"
              gauges={m.relay}
              status={cloudStatus(m.relay)}
              samples={samples}
              pick={cloudBacklog}
              testId="relay-card-cloud"
            />
          ) : null}
          {m?.passThrough.map((p) => (
            <PrinterCard key={p.station} gauges={p} samples={samples} />
          ))}
        </SimpleGrid>
        <Title order={4} size="h6" mb="xs" id="system-attention">
          Receipts needing attention
        </Title>
        <RelayAttention relay={relay} />
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

const cloudBacklog = (m: Metrics): number | null => m.relay.backlog;

function PrinterCard({
  gauges,
  samples,
}: {
  gauges: PassThroughGauges;
  samples: readonly Metrics[];
}) {
  const station = gauges.station;
  const pick = useCallback(
    (m: Metrics) => m.passThrough.find((p) => p.station === station)?.backlog ?? null,
    [station],
  );
  return (
    <RelayCard
      title={`${printerOf(station)} · ${gauges.printer}`}
      gauges={gauges}
      printer={gauges}
      status={printerStatus(gauges)}
      samples={samples}
      pick={pick}
      testId="relay-card-printer"
    />
  );
}
