/**
 * Where the open receipt stands with the cloud relay and its station's pass-through printer:
 * queued, sent or printed (and when), refused or not confirmed (and why), with the button that
 * sends or prints it again. Asked again while a row is on its way, so "Queued" turns into "Sent"
 * without closing the drawer. Nothing at all for a receipt that went nowhere.
 */
import { Table, Text, VisuallyHidden } from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';
import type { ReceiptDetail, ReceiptRelayState } from '../../shared/api';
import { useDeskApi } from '../api/desk-api-context';
import { formatClock } from '../format';
import { RelayActionButton } from '../relay/RelayActionButton';
import { receiptRelayLine, type RelayLine } from '../relay/relay-words';

/** How often a receipt with a row queued or being sent is asked for again. */
const FOLLOW_MS = 1_000;

const TONE: Record<RelayLine['tone'], string | undefined> = {
  ok: 'var(--accent)',
  waiting: undefined,
  problem: 'var(--bad)',
};

export function ReceiptRelay({ receipt }: { receipt: ReceiptDetail }) {
  const api = useDeskApi();
  const [shown, setShown] = useState<{ id: number; rows: ReceiptRelayState[] }>({
    id: receipt.id,
    rows: receipt.relay ?? [],
  });
  useEffect(() => setShown({ id: receipt.id, rows: receipt.relay ?? [] }), [receipt]);
  const rows = shown.id === receipt.id ? shown.rows : (receipt.relay ?? []);

  const id = receipt.id;
  const reload = useCallback(() => {
    void api.getReceipt(id).then((r) => {
      // A late answer for a receipt no longer open is dropped by the id check.
      if (r.ok) setShown((s) => (s.id === id ? { id, rows: r.value.relay ?? [] } : s));
    });
  }, [api, id]);

  const moving = rows.some((r) => r.state === 'queued' || r.state === 'sending');
  useEffect(() => {
    if (!moving) return;
    const timer = setInterval(reload, FOLLOW_MS);
    return () => clearInterval(timer);
  }, [moving, reload]);

  if (rows.length === 0) return null;
  return (
    <Table
      fz="sm"
      verticalSpacing={4}
      withRowBorders={false}
      aria-label="Where this receipt was sent"
      data-testid="receipt-relay"
    >
      <Table.Thead>
        <Table.Tr>
          <Table.Th w={140}>Sent to</Table.Th>
          <Table.Th>Where it stands</Table.Th>
          <Table.Th>
            <VisuallyHidden>What to do</VisuallyHidden>
          </Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((r) => {
          const line = receiptRelayLine(r, (ms) => formatClock(ms));
          return (
            <Table.Tr key={r.destination} data-testid="relay-line" data-state={r.state}>
              <Table.Td fw={600}>{line.destination.title}</Table.Td>
              <Table.Td>
                <Text size="sm" c={TONE[line.tone]} className="relay-reason">
                  {line.text}
                </Text>
              </Table.Td>
              <Table.Td>
                {line.action ? (
                  <RelayActionButton receiptId={id} action={line.action} onDone={reload} />
                ) : null}
              </Table.Td>
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </Table>
  );
}
