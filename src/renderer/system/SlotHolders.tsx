/**
 * Who holds the printer slots: per device address, its open connections, how many have a
 * receipt in progress, and how long the longest has been silent; with the tills turned away and
 * the idle connections closed. A device that holds many idle connections is the one to look at.
 * Addresses come from the network: shown as text, never as markup.
 */
import { Group, Stack, Table, Text } from '@mantine/core';
import type { HealthProblem, Metrics } from '../../shared/api';
import { formatCount } from '../format';
import { STATE_COLOUR } from './gauge-list';

/** "8 s", "3 min", "2 h 5 min": how long a connection has sent nothing. */
export function idleFor(seconds: number): string {
  if (seconds < 60) return `${seconds} s`;
  const min = Math.floor(seconds / 60);
  if (min < 60) return `${min} min`;
  const rest = min % 60;
  return rest === 0 ? `${Math.floor(min / 60)} h` : `${Math.floor(min / 60)} h ${rest} min`;
}

export function SlotHolders({
  connections: c,
  problem,
}: {
  connections: Metrics['connections'] | null;
  /** CONNECTIONS_REFUSED from health, while tills are being turned away. */
  problem: HealthProblem | null;
}) {
  if (!c) return null;
  const refused = c.refusedOverLimit + c.refusedPerPeer;
  return (
    <Stack gap="xs">
      <Group gap="lg" data-testid="slot-counts">
        <Text size="sm">
          {formatCount(c.open)} of {formatCount(c.max)} connections open, at most{' '}
          {formatCount(c.maxPerPeer)} per device
        </Text>
        <Text size="sm" c={refused > 0 ? STATE_COLOUR.failing : undefined} data-testid="refused">
          Turned away: {formatCount(refused)}
          {refused > 0
            ? ` (${formatCount(c.refusedOverLimit)} with every slot busy, ${formatCount(c.refusedPerPeer)} over a device’s limit)`
            : ''}
        </Text>
        <Text size="sm" data-testid="evicted">
          Idle ones closed: {formatCount(c.closedIdle)} after their time,{' '}
          {formatCount(c.evictedIdle)} to make room
        </Text>
      </Group>
      {problem ? (
        <Text size="sm" c={STATE_COLOUR.failing} role="status" data-testid="refusing">
          {problem.message}
        </Text>
      ) : null}
      <Table withTableBorder striped aria-label="Who holds the printer slots" verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Device address</Table.Th>
            <Table.Th>Connections</Table.Th>
            <Table.Th>Receipts in progress</Table.Th>
            <Table.Th>Longest idle</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {c.peers.length === 0 ? (
            <Table.Tr>
              <Table.Td colSpan={4}>
                <Text size="sm" c="dimmed">
                  No device is connected.
                </Text>
              </Table.Td>
            </Table.Tr>
          ) : (
            c.peers.map((p) => (
              <Table.Tr key={p.peer} data-testid="slot-holder">
                <Table.Td ff="monospace">{p.peer}</Table.Td>
                <Table.Td c={p.open >= c.maxPerPeer ? STATE_COLOUR.warning : undefined}>
                  {formatCount(p.open)}
                  {p.open >= c.maxPerPeer ? ' (its limit)' : ''}
                </Table.Td>
                <Table.Td>{formatCount(p.inProgress)}</Table.Td>
                <Table.Td>{idleFor(p.longestIdleS)}</Table.Td>
              </Table.Tr>
            ))
          )}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
