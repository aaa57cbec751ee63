import { Drawer, Loader, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { ReceiptDetail } from '../../shared/api';
import { useDeskApi } from '../api/desk-api-context';
import { ReceiptPaper } from '../receipt/ReceiptPaper';
import { useDesk } from '../state/desk-store';

type Loaded = { id: number; receipt: ReceiptDetail } | { id: number; error: string };

/**
 * The open receipt drawn as it printed, in a drawer beside the list, with what the interpreter
 * could not read. Esc closes it. (The full receipt screen, with hex dump and neighbours, comes with the
 * rest of the app's screens.)
 */
export function ReceiptDetailPanel() {
  const api = useDeskApi();
  const openId = useDesk((s) => s.openId);
  const [loaded, setLoaded] = useState<Loaded | null>(null);

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
  }, [api, openId]);

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
      {!shown ? <Loader size="sm" aria-label="Loading" /> : null}
      {shown && 'error' in shown ? <Text c="red">{shown.error}</Text> : null}
      {shown && 'receipt' in shown ? <DetailBody receipt={shown.receipt} /> : null}
    </Drawer>
  );
}

function DetailBody({ receipt }: { receipt: ReceiptDetail }) {
  const doc = receipt.document;
  if (!doc) {
    return <pre className="paper">{receipt.text ?? 'This receipt has no text yet.'}</pre>;
  }
  const dialect = { escpos: 'ESC/POS', 'star-line': 'Star Line mode', 'star-prnt': 'StarPRNT' };
  return (
    <div className="detail-body">
      <p className="muted">
        {dialect[doc.dialect]} · {doc.paper.columns} columns
        {receipt.drawerKicks > 0 ? ` · cash drawer opened ${receipt.drawerKicks}×` : ''}
      </p>
      <ReceiptPaper document={doc} />
      {doc.warnings.length > 0 ? (
        <section className="detail-warnings" aria-label="What could not be read">
          <h3>Notes from the interpreter</h3>
          <ul>
            {doc.warnings.map((w, k) => (
              <li key={k}>
                <span className="muted">byte {w.offset}:</span> {w.message}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
