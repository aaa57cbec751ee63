import type Database from 'better-sqlite3';
import { m0010 } from './0010-receipts';
import { m0020 } from './0020-printer-events';
import { m0030 } from './0030-status-replies';
import { m0040 } from './0040-station-last-receipt';
import { m0050 } from './0050-sales-figures';
import { m0060 } from './0060-outbox';
import { m0070 } from './0070-search-index-by-writer';
import { m0080 } from './0080-outbox-state-check';
import type { Migration } from './types';

/** Every migration, in order. Add new ones at the end with a higher number. */
export const MIGRATIONS: readonly Migration[] = [
  m0010,
  m0020,
  m0030,
  m0040,
  m0050,
  m0060,
  m0070,
  m0080,
];

/** Applies the migrations the file lacks, each in its own transaction ending with user_version. */
export function migrate(
  db: Database.Database,
  migrations: readonly Migration[] = MIGRATIONS,
): number {
  let current = db.pragma('user_version', { simple: true }) as number;
  const latest = migrations.at(-1)?.version ?? 0;
  if (current > latest) {
    throw new Error(
      `This data file was written by a newer Receipt Desk (schema ${current}, this one knows ${latest}). Update the app.`,
    );
  }
  for (const m of migrations) {
    if (m.version <= current) continue;
    db.transaction(() => {
      db.exec(m.up);
      db.pragma(`user_version = ${m.version}`);
    })();
    current = m.version;
  }
  return current;
}
