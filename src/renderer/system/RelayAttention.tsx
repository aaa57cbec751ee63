/**
 * Receipts that need the manager: refused by the cloud endpoint for good, or sent to a printer
 * that never confirmed it had the whole job. Each with why, a way to open it, and the button
 * that sends or prints it again; refused ones can also be sent again all at once (after fixing
 * the token, say).
 */
import { Button, Group, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import { useState } from 'react';
import type { RelayProblemRow } from '../../shared/api';
import { useDeskApi } from '../api/desk-api-context';
import { formatClock } from '../format';
import { RelayActionButton } from '../relay/RelayActionButton';
import { destinationOf, type RelayAction } from '../relay/relay-words';
import type { RelayStatusHandle } from '../relay/use-relay-status';
import { useDesk } from '../state/desk-store';

type Problem = RelayProblemRow & { kind: 'dead' | 'unconfirmed' };

export function RelayAttention({ relay }: { relay: RelayStatusHandle }) {
  const api = useDeskApi();
  const [all, setAll] = useState<{ busy: boolean; said: string | null }>({
    busy: false,
    said: null,
  });
  const status = relay.status;
  if (!status) return null;
  const rows: Problem[] = [
    ...status.dead.map((r) => ({ ...r, kind: 'dead' as const })),
    ...status.unconfirmed.map((r) => ({ ...r, kind: 'unconfirmed' as const })),
  ].sort((a, b) => (b.at ?? b.receivedAt) - (a.at ?? a.receivedAt));
  const refusedByCloud = status.dead.filter((r) => destinationOf(r.destination).station === null);

  if (rows.length === 0) {
    return (
      <Text size="sm" c="dimmed" data-testid="relay-attention-empty">
        Nothing needs you: no receipt was refused by the cloud or left unconfirmed by a printer.
      </Text>
    );
  }
  const sendAll = async () => {
    setAll({ busy: true, said: null });
    const r = await api.retryRelay({});
    setAll({
      busy: false,
      said: r.ok
        ? `${r.value.toLocaleString()} ${r.value === 1 ? 'receipt is' : 'receipts are'} queued to be sent again.`
        : r.error.message,
    });
    relay.refresh();
  };
  return (
    <Stack gap="xs">
      {refusedByCloud.length > 1 ? (
        <Group gap="sm">
          <Button size="xs" variant="default" loading={all.busy} onClick={() => void sendAll()}>
            Send every refused receipt again
          </Button>
          {all.said ? <Text size="sm">{all.said}</Text> : null}
        </Group>
      ) : null}
      <Table
        withTableBorder
        striped
        verticalSpacing="xs"
        aria-label="Receipts needing attention"
        data-testid="relay-attention"
      >
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Receipt</Table.Th>
            <Table.Th>Sent to</Table.Th>
            <Table.Th>What happened</Table.Th>
            <Table.Th>
              <VisuallyHidden>What to do</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r) => (
            <ProblemRow key={`${r.kind}-${r.destination}-${r.receiptId}`} row={r} relay={relay} />
          ))}
        </Table.Tbody>
      </Table>
      {status.dead.length >= 50 || status.unconfirmed.length >= 50 ? (
        <Text size="sm" c="dimmed">
          The newest 50 of each are listed.
        </Text>
      ) : null}
    </Stack>
  );
}

function ProblemRow({ row, relay }: { row: Problem; relay: RelayStatusHandle }) {
  const destination = destinationOf(row.destination);
  const action: RelayAction | null =
    row.kind === 'unconfirmed' && destination.station !== null
      ? {
          kind: 'print-again',
          station: destination.station,
          label: `Print again on ${destination.station}`,
        }
      : row.kind === 'dead' && destination.station === null
        ? { kind: 'send-again' }
        : null;
  const what = row.kind === 'dead' ? 'Refused' : 'Not confirmed';
  const when = row.at === null ? '' : ` at ${formatClock(row.at)}`;
  return (
    <Table.Tr data-testid="relay-problem" data-kind={row.kind}>
      <Table.Td>
        <Button
          size="compact-sm"
          variant="subtle"
          onClick={() => useDesk.getState().openReceipt(row.receiptId)}
        >
          Receipt {row.receiptId}
        </Button>
        <Text size="xs" c="dimmed">
          {row.station}, printed {formatClock(row.receivedAt)}
        </Text>
      </Table.Td>
      <Table.Td>{destination.title}</Table.Td>
      <Table.Td>
        <Text size="sm" className="relay-reason">
          <Text span fw={600} size="sm" c="var(--bad)">
            {what}
            {when}:
          </Text>{' '}
          {row.error ?? 'no reason was given.'}
        </Text>
      </Table.Td>
      <Table.Td>
        {action ? (
          <RelayActionButton
            receiptId={row.receiptId}
            action={action}
            nameSuffix={`, receipt ${row.receiptId}`}
            onDone={relay.refresh}
          />
        ) : null}
      </Table.Td>
    </Table.Tr>
  );
}
