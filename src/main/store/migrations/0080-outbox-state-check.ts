import type { Migration } from './types';

/**
 * The outbox's check on `state` says its five values with OR instead of IN. SQLite evaluates an
 * IN list of more than two constants outside a WHERE clause by building a temporary table, so
 * every insert and update of an outbox row opened and closed one: a page cache of its own, an
 * 88 KiB allocation that the service's allocator settings (scripts/malloc-env.mjs) map and unmap
 * each time, and the page faults and cross-thread TLB flushes that go with it. With the relay set
 * up, that slowed every thread and took 15-25% off the stream of receipts (BENCHMARKS.md).
 *
 * A check cannot be changed in place, so the table is made again (SQLite's documented steps):
 * the same columns and rows, the same indexes, and the same AUTOINCREMENT sequence, which may be
 * past the largest id left (delivered rows are pruned): a pruned id is never used again, so the
 * endpoint never sees a sequence number twice.
 */
export const m0080: Migration = {
  version: 80,
  name: 'outbox-state-check',
  up: `
    CREATE TABLE outbox_next (
      id           INTEGER PRIMARY KEY AUTOINCREMENT,
      destination  TEXT    NOT NULL,
      receipt_id   INTEGER NOT NULL REFERENCES receipts(id),
      state        TEXT    NOT NULL DEFAULT 'queued'
                   CHECK (state = 'queued' OR state = 'sending' OR state = 'delivered'
                          OR state = 'dead' OR state = 'unconfirmed'),
      attempts     INTEGER NOT NULL DEFAULT 0,
      queued_at    INTEGER NOT NULL,
      done_at      INTEGER,
      last_error   TEXT,
      UNIQUE (destination, receipt_id)
    );
    INSERT INTO outbox_next (id, destination, receipt_id, state, attempts, queued_at, done_at,
        last_error)
      SELECT id, destination, receipt_id, state, attempts, queued_at, done_at, last_error
      FROM outbox ORDER BY id;
    DELETE FROM sqlite_sequence WHERE name = 'outbox_next';
    INSERT INTO sqlite_sequence (name, seq)
      SELECT 'outbox_next', seq FROM sqlite_sequence WHERE name = 'outbox';
    DROP TABLE outbox;
    ALTER TABLE outbox_next RENAME TO outbox;
    CREATE INDEX outbox_queued ON outbox (destination, id) WHERE state = 'queued';
    CREATE INDEX outbox_by_receipt ON outbox (receipt_id);
    CREATE INDEX outbox_done ON outbox (state, done_at) WHERE state NOT IN ('queued', 'sending');
  `,
};
