import type Database from 'better-sqlite3';
import type { TotalsSnapshot } from './writer-protocol';

/**
 * Running totals of what the file holds, read once at start and then kept by the writer as it
 * commits, so stats and gauges cost nothing however many receipts a year brings.
 */
export class Totals implements TotalsSnapshot {
  receipts = 0;
  bytes = 0;
  connections = 0;

  constructor(private readonly db: Database.Database | null) {
    this.reload();
  }

  /** Recounts from the file (at start, and after retention deleted rows). */
  reload(): void {
    if (!this.db) return;
    const r = this.db
      .prepare(
        `SELECT coalesce(sum(empty = 0), 0) AS receipts,
                coalesce(sum(byte_count + dropped_bytes), 0) AS bytes FROM receipts`,
      )
      .get() as { receipts: number; bytes: number };
    const c = this.db.prepare('SELECT count(*) AS n FROM connections').get() as { n: number };
    this.receipts = r.receipts;
    this.bytes = r.bytes;
    this.connections = c.n;
  }

  snapshot(): TotalsSnapshot {
    return { receipts: this.receipts, bytes: this.bytes, connections: this.connections };
  }

  restore(s: TotalsSnapshot): void {
    this.receipts = s.receipts;
    this.bytes = s.bytes;
    this.connections = s.connections;
  }
}
