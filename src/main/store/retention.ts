import type Database from 'better-sqlite3';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Receipts received before this instant are past the kept period. */
export function retentionCutoff(retentionDays: number, now: number): number {
  return now - retentionDays * DAY_MS;
}

/**
 * Deletes receipts older than `retentionDays` (null keeps everything) with their bytes,
 * documents and status replies, and the connections that no longer hold any receipt. Returns
 * how many receipts were removed. Called inside the writer's transaction.
 */
export function applyRetention(
  db: Database.Database,
  retentionDays: number | null,
  now: number,
): number {
  if (retentionDays === null) return 0;
  const cutoff = retentionCutoff(retentionDays, now);
  db.prepare(
    'DELETE FROM receipt_raw WHERE receipt_id IN (SELECT id FROM receipts WHERE received_at < ?)',
  ).run(cutoff);
  db.prepare(
    'DELETE FROM receipt_documents WHERE receipt_id IN (SELECT id FROM receipts WHERE received_at < ?)',
  ).run(cutoff);
  for (const table of ['receipt_items', 'receipt_payments', 'receipt_taxes', 'receipt_figures']) {
    db.prepare(
      `DELETE FROM ${table} WHERE receipt_id IN (SELECT id FROM receipts WHERE received_at < ?)`,
    ).run(cutoff);
  }
  // The relay forgets them too: past the kept period, what was not sent is not sent.
  db.prepare(
    'DELETE FROM outbox WHERE receipt_id IN (SELECT id FROM receipts WHERE received_at < ?)',
  ).run(cutoff);
  db.prepare(
    `DELETE FROM receipt_status_replies
     WHERE receipt_id IN (SELECT id FROM receipts WHERE received_at < ?)`,
  ).run(cutoff);
  const removed = db.prepare('DELETE FROM receipts WHERE received_at < ?').run(cutoff).changes;
  db.prepare(
    `DELETE FROM connections WHERE closed_at IS NOT NULL AND closed_at < ?
       AND id NOT IN (SELECT DISTINCT connection_id FROM receipts)`,
  ).run(cutoff);
  return removed;
}
