// The receipts file: one better-sqlite3 connection, WAL, synchronous=FULL, numbered migrations.
// Writes go through the group-commit writer (the only writer); reads through ReceiptQueries.
// Raw bytes are committed first and are the source of truth; interpretation can be redone.
import type Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import type { DeskFailure } from '../../shared';
import { GroupCommitWriter } from './group-commit';
import { DB_FILE, openDatabase } from './open';
import { ReceiptQueries } from './receipt-queries';
import { applyRetention } from './retention';
import { Totals } from './totals';

export type { NewConnection, NewReceipt, InterpretationRow } from './group-commit';
export { GroupCommitWriter } from './group-commit';
export { ReceiptQueries } from './receipt-queries';
export { toFtsQuery } from './search';
export { migrate, MIGRATIONS } from './migrations';
export { DB_FILE } from './open';

export interface StoreOptions {
  dataDir: string;
  commitWindowMs: number;
  nativeBinding?: string;
  onWriteError?: (err: DeskFailure) => void;
}

export class Store {
  readonly db: Database.Database;
  readonly writer: GroupCommitWriter;
  readonly queries: ReceiptQueries;
  private readonly file: string;
  private readonly totals: Totals;

  constructor(options: StoreOptions) {
    this.db = openDatabase(options);
    this.file = path.join(options.dataDir, DB_FILE);
    this.totals = new Totals(this.db);
    this.writer = new GroupCommitWriter(
      this.db,
      options.commitWindowMs,
      this.totals,
      options.onWriteError,
    );
    this.queries = new ReceiptQueries(this.db, this.totals);
  }

  /** Size of the database file and its write-ahead log, in bytes. */
  fileBytes(): number {
    let total = 0;
    for (const f of [this.file, `${this.file}-wal`]) {
      try {
        total += fs.statSync(f).size;
      } catch {
        // the WAL may not exist yet
      }
    }
    return total;
  }

  healthy(): boolean {
    try {
      this.db.prepare('SELECT 1').get();
      return true;
    } catch {
      return false;
    }
  }

  applyRetention(retentionDays: number | null, now: number): number {
    this.writer.flush();
    const removed = applyRetention(this.db, retentionDays, now);
    if (removed > 0) this.totals.reload();
    return removed;
  }

  close(): void {
    this.writer.close();
    this.db.pragma('wal_checkpoint(TRUNCATE)');
    this.db.close();
  }
}
