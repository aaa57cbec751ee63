import type { Migration } from './types';

/**
 * The status requests the printer emulation answered during each receipt (DLE EOT, GS a, ENQ,
 * ...), so the receipt view can show what the till asked and was told. Their own table, one row
 * per receipt that had any, written in the same transaction as the receipt: receipts without
 * status traffic cost nothing, and the receipts table stays narrow for the list and the counts.
 * `replies` is a JSON array of {offset, request, reply} (bytes as hex), at most 64 per receipt;
 * `not_kept` counts the answered requests past that bound.
 */
export const m0030: Migration = {
  version: 30,
  name: 'status-replies',
  up: `
    CREATE TABLE receipt_status_replies (
      receipt_id INTEGER PRIMARY KEY REFERENCES receipts(id),
      replies    TEXT    NOT NULL,
      not_kept   INTEGER NOT NULL DEFAULT 0
    );
  `,
};
