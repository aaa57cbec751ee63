import type { Migration } from './types';

/**
 * Connections, receipts, their raw bytes (the source of truth) and interpreted documents, and
 * full-text search over the text. Bytes and documents live in their own tables so that saving
 * an interpretation never rewrites a receipt's bytes.
 */
export const m0010: Migration = {
  version: 10,
  name: 'receipts',
  up: `
    CREATE TABLE connections (
      id            INTEGER PRIMARY KEY,
      peer          TEXT    NOT NULL,
      peer_port     INTEGER,
      station       TEXT    NOT NULL,
      listener_port INTEGER NOT NULL,
      opened_at     INTEGER NOT NULL,
      closed_at     INTEGER,
      bytes         INTEGER NOT NULL DEFAULT 0,
      close_reason  TEXT
    );

    CREATE TABLE receipts (
      id                  INTEGER PRIMARY KEY,
      connection_id       INTEGER NOT NULL REFERENCES connections(id),
      seq                 INTEGER NOT NULL,
      station             TEXT    NOT NULL,
      peer                TEXT    NOT NULL,
      started_at          INTEGER NOT NULL,
      received_at         INTEGER NOT NULL,
      byte_count          INTEGER NOT NULL,
      dropped_bytes       INTEGER NOT NULL DEFAULT 0,
      truncated           INTEGER NOT NULL DEFAULT 0,
      empty               INTEGER NOT NULL DEFAULT 0,
      ended_by            TEXT    NOT NULL,
      status              TEXT    NOT NULL DEFAULT 'pending',
      error               TEXT,
      text                TEXT,
      -- Commands the interpreter could not read (unknown, cut short): garbage shows up here.
      warnings            INTEGER NOT NULL DEFAULT 0,
      interpreter_version INTEGER,
      interpreted_at      INTEGER,
      UNIQUE (connection_id, seq)
    );

    -- Exactly the bytes the POS sent for this receipt (up to maxReceiptBytes).
    CREATE TABLE receipt_raw (
      receipt_id INTEGER PRIMARY KEY REFERENCES receipts(id),
      raw        BLOB    NOT NULL
    );

    -- The document model as JSON, raw-deflated (~10x smaller). A cache: the document is a pure
    -- function of the raw bytes, built when a receipt is first opened, dropped on reinterpretation.
    CREATE TABLE receipt_documents (
      receipt_id INTEGER PRIMARY KEY REFERENCES receipts(id),
      document   BLOB    NOT NULL
    );

    -- The receipt list: printed receipts only, newest first.
    CREATE INDEX receipts_by_time ON receipts (received_at DESC, id DESC) WHERE empty = 0;
    CREATE INDEX receipts_pending ON receipts (id) WHERE status = 'pending';
    -- Small partial indexes so the counts the gauges read each second never scan the table.
    CREATE INDEX receipts_failed ON receipts (id) WHERE status = 'failed' AND empty = 0;
    CREATE INDEX receipts_truncated ON receipts (id) WHERE truncated = 1;

    -- unicode61 with diacritics removed: "Quebec" finds "Québec". Codes such as A-1043 are
    -- searched as phrases of their parts (see store/search.ts).
    CREATE VIRTUAL TABLE receipts_fts USING fts5 (
      text, content = 'receipts', content_rowid = 'id',
      tokenize = 'unicode61 remove_diacritics 2'
    );
    CREATE TRIGGER receipts_fts_update AFTER UPDATE OF text ON receipts BEGIN
      INSERT INTO receipts_fts (receipts_fts, rowid, text)
        SELECT 'delete', old.id, old.text WHERE old.text IS NOT NULL;
      INSERT INTO receipts_fts (rowid, text) SELECT new.id, new.text WHERE new.text IS NOT NULL;
    END;
    CREATE TRIGGER receipts_fts_delete AFTER DELETE ON receipts BEGIN
      INSERT INTO receipts_fts (receipts_fts, rowid, text)
        SELECT 'delete', old.id, old.text WHERE old.text IS NOT NULL;
    END;
  `,
};
