/**
 * Where the open receipt stands with the cloud relay and its station's pass-through printer:
 * queued, sent or printed (and when), refused or not confirmed (and why), with the button that
 * sends or prints it again. Asked again while a row is on its way, so "Queued" turns into "Sent"
 * without closing the drawer. Nothing at all for a receipt that went nowhere.
 */
import { Stack, Text } from '@mantine/core';
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
    <section
      aria-label="Where this receipt was sent"
      className="receipt-relay"
      data-testid="receipt-relay"
    >
      {rows.map((r) => {
        const line = receiptRelayLine(r, (ms) => formatClock(ms));
        return (
          <div key={r.destination} data-testid="relay-line" data-state={r.state}>
            <Text size="sm" fw={600}>
              {line.destination.title}
            </Text>
            <Stack gap={4} align="flex-start">
              <Text size="sm" c={TONE[line.tone]} className="relay-reason">
                {line.text}
              </Text>
              {line.action ? (
                <RelayActionButton receiptId={id} action={line.action} onDone={reload} />
              ) : null}
            </Stack>
          </div>
        );
      })}
    </section>
  );
}
