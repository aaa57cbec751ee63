import type { Migration } from './types';

/**
 * Sales figures per receipt (issue 12): one row of headline figures, and its items, payments
 * and taxes, keyed by receipt. A business day is a range of received times (its start moves
 * when the manager changes the day start), so the day's figures are found through the
 * receipts' received_at and station indexes, and no stored day has to be rewritten. `figures`
 * keeps the whole reading (with the lines each figure came from) for the receipt drawer.
 */
export const m0050: Migration = {
  version: 50,
  name: 'sales-figures',
  up: `
    CREATE TABLE receipt_figures (
      receipt_id INTEGER PRIMARY KEY REFERENCES receipts(id),
      extractor_version INTEGER NOT NULL,
      kind TEXT NOT NULL,
      currency TEXT,
      total INTEGER,
      subtotal INTEGER,
      tax INTEGER NOT NULL,
      tax_added INTEGER NOT NULL,
      tip INTEGER,
      service INTEGER,
      discounts INTEGER NOT NULL,
      change_given INTEGER,
      order_no TEXT,
      table_no TEXT,
      covers INTEGER,
      server TEXT,
      confidence REAL NOT NULL,
      problems INTEGER NOT NULL,
      figures TEXT NOT NULL
    );
    CREATE TABLE receipt_items (
      receipt_id INTEGER NOT NULL REFERENCES receipts(id),
      position INTEGER NOT NULL,
      name TEXT NOT NULL,
      quantity REAL NOT NULL,
      amount INTEGER,
      PRIMARY KEY (receipt_id, position)
    ) WITHOUT ROWID;
    CREATE TABLE receipt_payments (
      receipt_id INTEGER NOT NULL REFERENCES receipts(id),
      position INTEGER NOT NULL,
      method TEXT NOT NULL,
      label TEXT NOT NULL,
      brand TEXT,
      amount INTEGER NOT NULL,
      PRIMARY KEY (receipt_id, position)
    ) WITHOUT ROWID;
    CREATE TABLE receipt_taxes (
      receipt_id INTEGER NOT NULL REFERENCES receipts(id),
      position INTEGER NOT NULL,
      label TEXT NOT NULL,
      rate INTEGER,
      base INTEGER,
      amount INTEGER NOT NULL,
      included INTEGER NOT NULL,
      PRIMARY KEY (receipt_id, position)
    ) WITHOUT ROWID;
    CREATE INDEX receipt_figures_by_version ON receipt_figures (extractor_version);
  `,
};
