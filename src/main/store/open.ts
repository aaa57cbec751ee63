import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { DeskFailure } from '../../shared';
import { migrate } from './migrations';

export const DB_FILE = 'receipts.sqlite';

export interface OpenOptions {
  dataDir: string;
  /** Path of a better-sqlite3 binary built for another runtime (Electron); Node's by default. */
  nativeBinding?: string;
  readonly?: boolean;
}

/** Opens (and migrates) the receipts file with the pragmas durability depends on. */
export function openDatabase(options: OpenOptions): Database.Database {
  fs.mkdirSync(options.dataDir, { recursive: true });
  const file = path.join(options.dataDir, DB_FILE);
  let db: Database.Database;
  try {
    db = new Database(file, {
      readonly: options.readonly ?? false,
      ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    });
  } catch (err) {
    throw new DeskFailure(
      'DB_OPEN_FAILED',
      `Could not open the receipts file ${file}: ${(err as Error).message}. Check that the folder exists and is writable.`,
    );
  }
  db.pragma('busy_timeout = 5000');
  // better-sqlite3 builds SQLite with a 16 MiB page cache per connection. With two connections
  // (writer, reader) that held 15-30 MiB more RSS after a burst than a 2 MiB cache did, at the
  // same throughput; 4 MiB each is the middle ground until a large file is measured.
  db.pragma('cache_size = -4000');
  if (!options.readonly) {
    db.pragma('journal_mode = WAL');
    // FULL: a commit is on disk before we acknowledge the receipt to the POS.
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    migrate(db);
  }
  return db;
}
