import type { Migration } from './types';

/**
 * The search index is kept by the writer (BatchWriter), at the end of each transaction, instead
 * of by a trigger on every update of a receipt's text. A statement that fires a trigger opens a
 * savepoint, and FTS5 writes its pending terms to disk at every savepoint: with the trigger,
 * each interpreted receipt became a segment of its own, merged again and again, and the search
 * index took about 40% of the writer's time while the tills printed (BENCHMARKS.md, "Relay").
 * The trigger for deleted receipts stays: retention runs rarely, and the writer writes the
 * index before it runs. Whatever else changes `receipts.text` must keep `receipts_fts` too.
 */
export const m0070: Migration = {
  version: 70,
  name: 'search-index-by-writer',
  up: `
    DROP TRIGGER receipts_fts_update;
  `,
};
