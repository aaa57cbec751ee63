import type { Migration } from './types';

/**
 * Part 2's interpreter reads Star printers too and counts printer events: each receipt keeps the
 * dialect it was read in and its drawer kicks and cuts, so cash audits can count drawer openings
 * without opening every document. Existing rows get 0 until reinterpreted.
 */
export const m0020: Migration = {
  version: 20,
  name: 'printer-events',
  up: `
    ALTER TABLE receipts ADD COLUMN dialect TEXT;
    ALTER TABLE receipts ADD COLUMN drawer_kicks INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE receipts ADD COLUMN cuts INTEGER NOT NULL DEFAULT 0;
    CREATE INDEX receipts_drawer_kicks ON receipts (received_at) WHERE drawer_kicks > 0;
  `,
};
