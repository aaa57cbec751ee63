// The receipts file: SQLite in WAL mode with synchronous=FULL and numbered migrations.
// One writer thread owns the only read-write connection (commits and fsyncs happen there, off
// the main thread); the main thread reads through its own read-only connection.
// Raw bytes are committed first and are the source of truth; interpretation can be redone.
import type Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import type { DeskFailure } from '../../shared';
import { freeBytes } from './free-space';
import { DB_FILE, openDatabase } from './open';
import { OutboxQueries } from './outbox-queries';
import { ReceiptQueries } from './receipt-queries';
import { Totals } from './totals';
import { WriterClient } from './writer-client';

export type {
  FiguresWrite,
  NewConnection,
  NewReceipt,
  InterpretationRow,
  StatusReplyRow,
  OutboxState,
  OutboxUpdate,
} from './writer-protocol';
export { OUTBOX_STATES } from './writer-protocol';
export {
  oldestAgeS,
  OutboxQueries,
  type OutboxCounts,
  type OutboxRow,
  type QueuedRow,
  type ReceiptPayload,
} from './outbox-queries';
export type { StoredReceipt } from './receipt-queries';
export { WriterClient } from './writer-client';
export type { DiskGauges } from './writer-client';
export { ReceiptQueries, inflateDocument } from './receipt-queries';
export { toFtsQuery } from './search';
export { retentionCutoff } from './retention';
export { UnreadFigures } from './unread-figures';
export { ExportQueries } from './export-queries';
export type { ExportCursor } from './export-queries';
export {
  ReportQueries,
  type FiguresRow,
  type FiguresTextRow,
  type TextForFigures,
} from './report-queries';
export { ProfileQueries, type RecentText } from './profile-queries';
export { migrate, MIGRATIONS } from './migrations';
export { DB_FILE, openDatabase } from './open';

export interface StoreOptions {
  dataDir: string;
  /** The built writer thread entry (store-writer.js beside the entry that starts the service). */
  writerFile: string;
  /** 0 commits as soon as the writer is free; more waits that long for company. */
  commitWindowMs: number;
  /** Receipt bytes / receipts waiting for the disk beyond which capture should pause. */
  maxBacklogBytes: number;
  maxBacklogReceipts: number;
  nativeBinding?: string;
  onWriteError?: (err: DeskFailure) => void;
}

export class Store {
  private readonly file: string;
  private readonly dataDir: string;
  /** The relay's outbox, read on the main thread's connection. */
  readonly outbox: OutboxQueries;

  private constructor(
    /** Read-only connection for the main thread's queries. */
    readonly db: Database.Database,
    readonly writer: WriterClient,
    readonly queries: ReceiptQueries,
    dataDir: string,
  ) {
    this.file = path.join(dataDir, DB_FILE);
    this.dataDir = dataDir;
    this.outbox = new OutboxQueries(db);
  }

  /** Starts the writer thread (which creates and migrates the file), then opens the reader. */
  static async open(options: StoreOptions): Promise<Store> {
    const totals = new Totals(null);
    const writer = await WriterClient.start(
      options.writerFile,
      {
        dataDir: options.dataDir,
        nativeBinding: options.nativeBinding,
        commitWindowMs: options.commitWindowMs,
      },
      totals,
      { maxBytes: options.maxBacklogBytes, maxReceipts: options.maxBacklogReceipts },
      options.onWriteError,
    );
    const db = openDatabase({ ...options, readonly: true });
    return new Store(db, writer, new ReceiptQueries(db, totals), options.dataDir);
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

  /** Free bytes on the volume holding the data folder; null where the OS does not say. */
  freeBytes(): number | null {
    return freeBytes(this.dataDir);
  }

  healthy(): boolean {
    try {
      this.db.prepare('SELECT 1').get();
      return true;
    } catch {
      return false;
    }
  }

  applyRetention(retentionDays: number | null, now: number): Promise<number> {
    return this.writer.applyRetention(retentionDays, now);
  }

  /**
   * Deletes what the kept period no longer keeps, and says so in the log. Deleting needs room in
   * the write-ahead log too: on a full disk it waits for the next try, and never fails a start
   * or the hourly timer.
   */
  async keepWithin(retentionDays: number | null, now: number, log: (m: string) => void) {
    try {
      const removed = await this.applyRetention(retentionDays, now);
      if (removed > 0) log(`Retention: removed ${removed} receipts past the kept period.`);
    } catch (err) {
      log(`Retention: old receipts not removed yet (${(err as Error).message}).`);
    }
  }

  async close(): Promise<void> {
    this.db.close();
    await this.writer.close();
  }
}
