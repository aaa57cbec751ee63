import { useDesk } from '../state/desk-store';
import { ReceiptCard } from './ReceiptCard';

/** Newest first; new receipts appear at the top as they are printed. */
export function ReceiptList() {
  const receipts = useDesk((s) => s.receipts);
  const loaded = useDesk((s) => s.loaded);
  return (
    <section className="receipts" aria-label="Receipts">
      {loaded && receipts.length === 0 ? (
        <p className="empty">
          No receipts yet. Print to this computer from the till and they appear here.
        </p>
      ) : null}
      <ol className="receipt-list">
        {receipts.map((r) => (
          <li key={r.id}>
            <ReceiptCard receipt={r} />
          </li>
        ))}
      </ol>
    </section>
  );
}
