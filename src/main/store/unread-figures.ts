/**
 * How many receipts of a time range still wait for their sales figures: not interpreted yet, or
 * interpreted and not yet read by the figures catch-up. A day's report written before they are
 * read would list them as unparsed, so the automatic export waits for this to reach 0.
 */
import type Database from 'better-sqlite3';

export class UnreadFigures {
  private readonly count: Database.Statement;

  constructor(db: Database.Database) {
    this.count = db.prepare(
      `SELECT count(*) AS n FROM receipts r LEFT JOIN receipt_figures f ON f.receipt_id = r.id
       WHERE r.empty = 0 AND r.received_at >= ? AND r.received_at < ?
         AND (r.status = 'pending' OR (r.status = 'ok' AND f.receipt_id IS NULL))`,
    );
  }

  /** Receipts received in [from, to) without figures yet (failed ones never get any). */
  in(from: number, to: number): number {
    return (this.count.get(from, to) as { n: number }).n;
  }
}
