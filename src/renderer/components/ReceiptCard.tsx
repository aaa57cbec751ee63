import { Button } from '@mantine/core';
import { memo } from 'react';
import type { ReceiptSummary } from '../../shared/api';
import { TEXT_PREVIEW_BYTES } from '../../shared/text-preview';
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
        {r.text === null
          ? r.status === 'pending'
            ? ''
            : `(${formatBytes(r.byteCount)}, no text)`
          : r.textCut
            ? `${r.text}…`
            : r.text}
      </pre>
      {r.textCut ? (
        <footer className="receipt-notes" data-testid="text-cut">
          <span>
            Preview: the first {formatBytes(TEXT_PREVIEW_BYTES)}
            {r.textBytes !== null ? ` of ${formatBytes(r.textBytes)}` : ''} of text.{' '}
            <Button
              variant="subtle"
              size="compact-xs"
              onClick={() => useDesk.getState().openReceipt(r.id)}
            >
              Open the receipt for all of it
            </Button>
          </span>
        </footer>
      ) : null}
      {r.truncated || r.error ? (
        <footer className="receipt-notes">
          {r.truncated ? <span>Cut short: the receipt was larger than the size limit.</span> : null}
          {r.error ? <span>{r.error}</span> : null}
        </footer>
      ) : null}
    </article>
  );
});
