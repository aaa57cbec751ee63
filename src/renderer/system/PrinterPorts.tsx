/**
 * Each printer port: the station, the address tills print to, whether it is listening (or why
 * not), whether it tells tills it is out of paper (the disk is full), and when that station last
 * printed.
 */
import { Badge, Stack, Table, Text, Tooltip } from '@mantine/core';
import type { Health } from '../../shared/api';
import { formatAgo, formatExact } from '../format';
import { STATE_COLOUR } from './gauge-list';

export function PrinterPorts({ health, now }: { health: Health | null; now: number }) {
  // While the disk is full every port answers status requests as a printer with no paper.
  const diskFull = health?.problems.find((p) => p.code === 'DISK_FULL') ?? null;
  return (
    <Table withTableBorder striped aria-label="Printer ports" verticalSpacing="xs">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Station</Table.Th>
          <Table.Th>Address</Table.Th>
          <Table.Th>Status</Table.Th>
          <Table.Th>Last receipt</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {health?.listeners.map((l) => (
          <Table.Tr key={`${l.station}:${l.host}:${l.port}`} data-testid="printer-port">
            <Table.Td fw={600}>{l.station}</Table.Td>
            <Table.Td ff="monospace">
              {l.host}:{l.port}
            </Table.Td>
            <Table.Td>
              {l.listening && diskFull ? (
                <Stack gap={2} align="flex-start">
                  <Badge variant="outline" color={STATE_COLOUR.failing}>
                    Out of paper: disk full
                  </Badge>
                  <Text size="sm" c={STATE_COLOUR.failing}>
                    {diskFull.message}
                  </Text>
                </Stack>
              ) : l.listening ? (
                <Badge variant="outline" color={STATE_COLOUR.ok}>
                  Listening
                </Badge>
              ) : (
                <Stack gap={2} align="flex-start">
                  <Badge variant="outline" color={STATE_COLOUR.failing}>
                    Not listening
                  </Badge>
                  {l.error ? (
                    <Text size="sm" c={STATE_COLOUR.failing}>
                      {l.error}
                    </Text>
                  ) : null}
                </Stack>
              )}
            </Table.Td>
            <Table.Td data-testid="last-receipt">
              {l.lastReceiptAt === null ? (
                <Text size="sm" c="dimmed" span>
                  No receipts yet
                </Text>
              ) : (
                <Tooltip
                  label={formatExact(l.lastReceiptAt)}
                  events={{ hover: true, focus: true, touch: true }}
                >
                  <time dateTime={new Date(l.lastReceiptAt).toISOString()} tabIndex={0}>
                    {formatAgo(l.lastReceiptAt, now)}
                  </time>
                </Tooltip>
              )}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
