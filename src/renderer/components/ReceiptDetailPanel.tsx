import { Button, CopyButton, Drawer, Group, Loader, Stack, Tabs, Text } from '@mantine/core';
import { lazy, Suspense, useEffect, useState } from 'react';
import type { ReceiptDetail } from '../../shared/api';
import { useWindowEvent } from '@mantine/hooks';
import { useDeskApi } from '../api/desk-api-context';
import { HexDump, type HexMark } from '../receipt/HexDump';
import { ReceiptEvents } from '../receipt/ReceiptEvents';
import { ReceiptRelay } from '../receipt/ReceiptRelay';
import { SalesFigures } from '../receipt/SalesFigures';
import { TeachFigures } from '../receipt/TeachFigures';
import { useDesk } from '../state/desk-store';

// Drawing barcodes and 2D codes (bwip-js, qrcode) is half the page's code: loaded when a receipt
// is first opened, not before the Live screen's first paint.
const ReceiptPaper = lazy(() =>
  import('../receipt/ReceiptPaper').then((m) => ({ default: m.ReceiptPaper })),
);

type Loaded = { id: number; receipt: ReceiptDetail } | { id: number; error: string };

/**
 * The open receipt drawn as it printed, in a drawer beside the list: its text, its bytes with
 * what the interpreter could not read, and its events and status replies. j / k step through the
 * list; Esc closes it.
 */
export function ReceiptDetailPanel() {
  const api = useDeskApi();
  const openId = useDesk((s) => s.openId);
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  // Bumped when the open receipt was read again (a station taught its words): load it anew.
  const [reads, setReads] = useState(0);

  useEffect(() => {
    if (openId === null) return;
    let current = true;
    void api.getReceipt(openId).then((r) => {
      if (!current) return;
      setLoaded(r.ok ? { id: openId, receipt: r.value } : { id: openId, error: r.error.message });
    });
    return () => {
      current = false;
    };
  }, [api, openId, reads]);

  // j / k: the next older / newer receipt of the list, as in a mail reader.
  useWindowEvent('keydown', (e) => {
    const typing = (e.target as HTMLElement | null)?.closest('input, textarea, select');
    if (typing || e.ctrlKey || e.metaKey || e.altKey) return;
    if (e.key === 'j') step(1);
    else if (e.key === 'k') step(-1);
  });

  const shown = openId !== null && loaded?.id === openId ? loaded : null;
  return (
    <Drawer
      opened={openId !== null}
      onClose={() => useDesk.getState().openReceipt(null)}
      position="right"
      size="auto"
      title={openId !== null ? `Receipt ${openId} as printed` : ''}
      closeButtonProps={{ 'aria-label': 'Close' }}
    >
      <Group gap="xs" mb="sm">
        <Button size="xs" variant="default" onClick={() => step(-1)} title="k">
          ← Newer
        </Button>
        <Button size="xs" variant="default" onClick={() => step(1)} title="j">
          Older →
        </Button>
      </Group>
      {!shown ? <Loader size="sm" aria-label="Loading" /> : null}
      {shown && 'error' in shown ? <Text c="var(--bad)">{shown.error}</Text> : null}
      {shown && 'receipt' in shown ? (
        <DetailBody receipt={shown.receipt} onRead={() => setReads((n) => n + 1)} />
      ) : null}
    </Drawer>
  );
}

/** Opens the receipt `by` places further down the list (1 = older), or the first one. */
function step(by: number): void {
  const { receipts, openId, openReceipt } = useDesk.getState();
  if (receipts.length === 0) return;
  const at = receipts.findIndex((r) => r.id === openId);
  const next = at < 0 ? 0 : Math.min(Math.max(at + by, 0), receipts.length - 1);
  openReceipt(receipts[next].id);
}

function DetailBody({ receipt, onRead }: { receipt: ReceiptDetail; onRead: () => void }) {
  const doc = receipt.document;
  const dialect = { escpos: 'ESC/POS', 'star-line': 'Star Line mode', 'star-prnt': 'StarPRNT' };
  const warnings = doc?.warnings ?? [];
  // The tab stays as the manager moves to the next receipt; a marked byte belongs to one receipt.
  const [tab, setTab] = useState<string | null>('paper');
  const [mark, setMark] = useState<(HexMark & { id: number }) | null>(null);
  const showBytes = (offset: number, length: number) => {
    setMark({ id: receipt.id, offset, length });
    setTab('bytes');
  };
  const eventCount =
    (doc?.blocks.filter((b) => b.kind === 'event').length ?? 0) + receipt.statusReplies.length;
  return (
    <Stack gap="sm" className="detail-body">
      <Text size="sm" c="dimmed">
        {receipt.station} · {new Date(receipt.receivedAt).toLocaleString()}
        {doc ? ` · ${dialect[doc.dialect]} · ${doc.paper.columns} columns` : ''}
        {receipt.drawerKicks > 0 ? ` · cash drawer opened ${receipt.drawerKicks}×` : ''}
      </Text>
      <SalesFigures figures={receipt.figures} />
      {receipt.reprintOf ? (
        <Group gap="xs" data-testid="reprint-note">
          <Text size="sm">
            Printed again: a copy of receipt {receipt.reprintOf} (the same order and total). Reports
            count it once.
          </Text>
          <Button
            size="compact-xs"
            variant="default"
            onClick={() => useDesk.getState().openReceipt(receipt.reprintOf!)}
          >
            Open receipt {receipt.reprintOf}
          </Button>
        </Group>
      ) : null}
      <ReceiptRelay receipt={receipt} />
      <Tabs value={tab} onChange={setTab} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="paper">As printed</Tabs.Tab>
          <Tabs.Tab value="text">Text</Tabs.Tab>
          {receipt.text ? <Tabs.Tab value="figures">Figures</Tabs.Tab> : null}
          <Tabs.Tab value="bytes">
            Bytes
            {warnings.length > 0
              ? ` · ${warnings.length} ${warnings.length === 1 ? 'note' : 'notes'}`
              : ''}
          </Tabs.Tab>
          <Tabs.Tab value="events">Events{eventCount > 0 ? ` · ${eventCount}` : ''}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="paper" pt="sm">
          {doc ? (
            <Suspense fallback={<Loader size="sm" aria-label="Loading" />}>
              <ReceiptPaper document={doc} />
            </Suspense>
          ) : (
            <Text c="dimmed">This receipt is still being read.</Text>
          )}
        </Tabs.Panel>
        <Tabs.Panel value="text" pt="sm">
          <Group justify="flex-end" mb="xs">
            <CopyButton value={receipt.text ?? ''}>
              {({ copied, copy }) => (
                <Button size="xs" variant="default" onClick={copy}>
                  {copied ? 'Copied' : 'Copy text'}
                </Button>
              )}
            </CopyButton>
          </Group>
          <pre className="paper detail-text" data-testid="detail-text">
            {receipt.text ?? ''}
          </pre>
        </Tabs.Panel>
        <Tabs.Panel value="figures" pt="sm">
          <TeachFigures receipt={receipt} onRead={onRead} />
        </Tabs.Panel>
        <Tabs.Panel value="bytes" pt="sm">
          {warnings.length > 0 ? (
            <section className="detail-warnings" aria-label="What could not be read">
              <ul>
                {warnings.map((w, k) => (
                  <li key={k}>
                    <span className="muted">byte {w.offset}:</span> {w.message}
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
          <HexDump
            rawBase64={receipt.rawBase64}
            warnings={warnings}
            mark={mark?.id === receipt.id ? mark : null}
          />
        </Tabs.Panel>
        <Tabs.Panel value="events" pt="sm">
          <ReceiptEvents
            document={doc}
            statusReplies={receipt.statusReplies}
            notKept={receipt.statusRepliesNotKept}
            onShowBytes={showBytes}
          />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
