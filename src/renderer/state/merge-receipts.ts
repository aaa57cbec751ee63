/** Merges a batch into the list: newest first, one entry per receipt id, at most `cap` kept. */
import type { ReceiptSummary } from '../../shared/api';

export const RECEIPTS_KEPT = 500;

export function mergeReceipts(
  current: readonly ReceiptSummary[],
  incoming: readonly ReceiptSummary[],
  cap = RECEIPTS_KEPT,
): ReceiptSummary[] {
  if (incoming.length === 0) return current as ReceiptSummary[];
  const byId = new Map<number, ReceiptSummary>();
  for (const r of current) byId.set(r.id, r);
  for (const r of incoming) {
    const known = byId.get(r.id);
    // A page read earlier can say `pending` for a receipt the live feed already finished.
    if (known && known.status !== 'pending' && r.status === 'pending') continue;
    byId.set(r.id, r);
  }
  return [...byId.values()].sort((a, b) => b.id - a.id).slice(0, cap);
}
