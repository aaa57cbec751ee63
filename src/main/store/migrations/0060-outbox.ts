import type { Migration } from './types';

/**
 * The relay's outbox (issue 13): one row per receipt and destination ("cloud", or
 * "printer:<station>" for a pass-through printer), written in the transaction that stores the
 * receipt, so nothing is queued in memory only. Rows are sent in id order per destination; a
 * row is done when delivered (pruned after a while), dead (refused; the manager may send it
 * again) or unconfirmed (a printer's connection broke mid-job; printed again only by hand).
 * A printer job is marked sending, committed, before its first byte goes out: a job the app
 * was stopped in the middle of is found sending at the next start and becomes unconfirmed,
 * never printed twice on its own.
 *
 * `desk_meta.install_id` is made once per receipts file: the cloud ids of its receipts start
 * with it, so a new file never reuses an id the endpoint already holds.
 */
export const m0060: Migration = {
  version: 60,
  name: 'outbox',
  up: `
    CREATE TABLE desk_meta (
      key   TEXT PRIMARY KEY,
      value TEXT NOT NULL
    ) WITHOUT ROWID;
    INSERT INTO desk_meta (key, value) VALUES ('install_id', lower(hex(randomblob(5))));

    CREATE TABLE outbox (
      id           INTEGER PRIMARY KEY AUTOINCREMENT,
      destination  TEXT    NOT NULL,
      receipt_id   INTEGER NOT NULL REFERENCES receipts(id),
      state        TEXT    NOT NULL DEFAULT 'queued'
                   CHECK (state IN ('queued', 'sending', 'delivered', 'dead', 'unconfirmed')),
      attempts     INTEGER NOT NULL DEFAULT 0,
      queued_at    INTEGER NOT NULL,
      done_at      INTEGER,
      last_error   TEXT,
      UNIQUE (destination, receipt_id)
    );
    -- What each destination sends next, in order.
    CREATE INDEX outbox_queued ON outbox (destination, id) WHERE state = 'queued';
    -- Where a receipt stands (the drawer), and what retention removes with it.
    CREATE INDEX outbox_by_receipt ON outbox (receipt_id);
    -- Delivered rows past the kept period, and the dead and unconfirmed the manager sees.
    CREATE INDEX outbox_done ON outbox (state, done_at) WHERE state NOT IN ('queued', 'sending');
  `,
};
