import { Button } from '@mantine/core';
import { memo } from 'react';
import type { ReceiptSummary } from '../../shared/api';
import { formatBytes, formatReceivedAt } from '../format';
import { useDesk } from '../state/desk-store';

const STATUS_LABEL = { ok: 'Printed', pending: 'Reading…', failed: 'Unreadable' } as const;

/**
 * One receipt as it came off the till. The text is untrusted bytes from the network: it is only
 * ever a text node inside <pre>, never HTML.
 */
export const ReceiptCard = memo(function ReceiptCard({ receipt: r }: { receipt: ReceiptSummary }) {
  return (
    <article
      className="receipt"
      data-testid="receipt"
      data-receipt-id={r.id}
      aria-label={`Receipt ${r.id}`}
    >
      <header className="receipt-meta">
        <time dateTime={new Date(r.receivedAt).toISOString()}>
          {formatReceivedAt(r.receivedAt)}
        </time>
        <span className="station">{r.station}</span>
        <span className="peer" title="Sent from">
          {r.peer}
        </span>
        <span className={`status status-${r.status}`}>{STATUS_LABEL[r.status]}</span>
        <Button
          variant="default"
          size="compact-xs"
          className="open-receipt"
          onClick={() => useDesk.getState().openReceipt(r.id)}
        >
          As printed
        </Button>
      </header>
      <pre className="paper" data-testid="receipt-text">
        {r.text ?? (r.status === 'pending' ? '' : `(${formatBytes(r.byteCount)}, no text)`)}
      </pre>
      {r.truncated || r.error ? (
        <footer className="receipt-notes">
          {r.truncated ? <span>Cut short: the receipt was larger than the size limit.</span> : null}
          {r.error ? <span>{r.error}</span> : null}
        </footer>
      ) : null}
    </article>
  );
});
