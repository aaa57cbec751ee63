import { Badge, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useDeskValue } from '../api/desk-api-context';
import { formatBytes, formatCount, formatMs } from '../format';
import { useDesk } from '../state/desk-store';

/** The service's health as gauges: ports, threads, queues, memory, the receipts file. */
export function SystemScreen() {
  const m = useDesk((s) => s.metrics);
  // Listener states are asked for again with each second's metrics.
  const health = useDeskValue((api) => api.getHealth(), m?.at);

  const gauges: { label: string; value: string; state?: 'ok' | 'warn' }[] = [
    { label: 'Connections', value: m ? `${m.connections.open} / ${m.connections.max}` : '–' },
    { label: 'Pool threads busy', value: m ? `${m.pool.busy} / ${m.pool.threads}` : '–' },
    {
      label: 'Pool queue',
      value: m ? `${m.pool.queued} / ${m.pool.maxQueue}` : '–',
      state: m?.pool.paused ? 'warn' : 'ok',
    },
    { label: 'Task wait p99', value: formatMs(m?.pool.waitMs.p99) },
    { label: 'Task run p99', value: formatMs(m?.pool.runMs.p99) },
    {
      label: 'Event-loop delay p99',
      value: formatMs(m?.eventLoop.delayP99Ms),
      state: (m?.eventLoop.delayP99Ms ?? 0) > 20 ? 'warn' : 'ok',
    },
    { label: 'Memory (RSS)', value: m ? formatBytes(m.memory.rssBytes) : '–' },
    { label: 'OS threads', value: formatCount(m?.osThreads) },
    { label: 'Receipts file', value: m ? formatBytes(m.db.fileBytes) : '–' },
    { label: 'Waiting for the disk', value: m ? formatBytes(m.db.backlogBytes) : '–' },
    { label: 'Receipts per minute', value: formatCount(m?.receipts.perMinute) },
    { label: 'Being read', value: formatCount(m?.receipts.pendingInterpretation) },
  ];

  return (
    <Stack p="lg" gap="lg" className="system-screen">
      <Title order={2} size="h4">
        System
      </Title>
      <SimpleGrid cols={{ base: 2, md: 4, xl: 6 }} spacing="sm" aria-label="Gauges">
        {gauges.map((g) => (
          <Paper key={g.label} withBorder p="sm" data-testid="gauge">
            <Text size="xs" c="dimmed" tt="uppercase">
              {g.label}
            </Text>
            <Text size="xl" fw={600} c={g.state === 'warn' ? 'var(--warn)' : undefined}>
              {g.value}
            </Text>
          </Paper>
        ))}
      </SimpleGrid>
      <Title order={3} size="h5">
        Printer ports
      </Title>
      <Table withTableBorder striped aria-label="Printer ports">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Station</Table.Th>
            <Table.Th>Address</Table.Th>
            <Table.Th>Status</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {health?.listeners.map((l) => (
            <Table.Tr key={`${l.station}:${l.port}`}>
              <Table.Td>{l.station}</Table.Td>
              <Table.Td>
                {l.host}:{l.port}
              </Table.Td>
              <Table.Td>
                {l.listening ? (
                  <Badge color="green">Listening</Badge>
                ) : (
                  <Badge color="red" title={l.error ?? undefined}>
                    Not listening
                  </Badge>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
