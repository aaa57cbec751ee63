/**
 * A checked batch into D1 in one db.batch() (one transaction): the batch id remembered, the
 * store's settings kept, every receipt inserted once, and the ids D1 now holds read back, so
 * the answer lists only what is committed.
 *
 * D1's limits, the Free plan's included (50 queries per invocation, 100 bound parameters and
 * 100 KB of SQL per statement, 2 MB per string value): the receipts go in as one bound JSON
 * parameter that the statement reads with json_each, so the SQL and its parameter count are
 * the same for 1 receipt or 100, and a POST costs 5 queries. The JSON is the batch's receipts
 * again, under the 1 MiB body limit, well inside the 2 MB a value may have.
 */
import { RELAY_SIGNATURE_TOLERANCE_S, type RelayBatch } from '../../src/shared/relay-wire';

/** D1's largest string value (its limits page: string, BLOB or row, 2,000,000 bytes). */
export const D1_MAX_VALUE_BYTES = 2_000_000;

const encoder = new TextEncoder();

/** Thrown when the batch's receipts, written as one JSON value, are more than D1 takes. */
export class TooLargeForD1 extends Error {
  constructor(readonly bytes: number) {
    super(`The batch's receipts come to ${bytes} bytes of JSON; D1 takes ${D1_MAX_VALUE_BYTES}.`);
  }
}

/** A batch id is remembered this long after its signature's time stops being accepted. */
const CLOCK_MARGIN_MS = 60_000;

/**
 * Thrown when a batch with this id came within its signature's window: a replay, or the same
 * request racing this one. The transaction's own insert of the id tells it (expired ids are
 * pruned first in the same transaction), so no query is spent asking beforehand.
 */
export class ReplayedBatch extends Error {}

/**
 * Stores the batch and answers the ids of its receipts now in D1 (already stored counts), in
 * the batch's order. `signedAt` is the signature's time (unix s).
 */
export async function storeBatch(
  db: D1Database,
  batch: RelayBatch,
  signedAt: number,
  nowMs: number,
): Promise<string[]> {
  const expiresAt = signedAt * 1000 + RELAY_SIGNATURE_TOLERANCE_S * 1000 + CLOCK_MARGIN_MS;
  const receipts = JSON.stringify(
    batch.receipts.map((r) => ({
      id: r.id,
      seq: r.seq,
      station: r.station,
      receivedAt: r.receivedAt,
      businessDay: r.businessDay,
      text: r.text,
      figures: r.figures,
      drawerKicks: r.drawerKicks,
      ...(r.raw === undefined ? {} : { raw: r.raw }),
    })),
  );
  // Written again, the JSON is the body's size or less, unless numbers were sent in a short
  // form ("1e15") that grows when written out: refused then rather than failed in D1.
  const receiptsBytes = encoder.encode(receipts).byteLength;
  if (receiptsBytes > D1_MAX_VALUE_BYTES) throw new TooLargeForD1(receiptsBytes);
  const ids = JSON.stringify(batch.receipts.map((r) => r.id));
  const statements = [
    db.prepare('DELETE FROM relay_batches WHERE expires_at < ?1').bind(nowMs),
    // No ON CONFLICT: an id still remembered (a replay, or a request racing this one) fails the
    // whole batch, which is how a replay is told.
    db
      .prepare(
        'INSERT INTO relay_batches (id, store_id, seen_at, expires_at) VALUES (?1, ?2, ?3, ?4)',
      )
      .bind(batch.batchId, batch.storeId, nowMs, expiresAt),
    db
      .prepare(
        `INSERT INTO stores (id, restaurant_name, timezone, day_start, currency, last_batch_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT (id) DO UPDATE SET restaurant_name = excluded.restaurant_name,
           timezone = excluded.timezone, day_start = excluded.day_start,
           currency = excluded.currency, last_batch_at = excluded.last_batch_at`,
      )
      .bind(
        batch.storeId,
        batch.restaurantName,
        batch.timezone,
        batch.dayStart,
        batch.currency,
        nowMs,
      ),
    // Each receipt's JSON is parsed once, into SQLite's binary form (JSONB, SQLite 3.45+), and
    // its fields read from that: read from the text, each of the ten fields parsed the receipt
    // again (0.7 ms of a 25-receipt batch's 8 ms here). MATERIALIZED keeps the planner from
    // copying jsonb() into each use. "WHERE true" lets SQLite read ON CONFLICT as the upsert
    // clause, not as part of the SELECT.
    db
      .prepare(
        `WITH r AS MATERIALIZED (SELECT jsonb(value) AS value FROM json_each(?4))
         INSERT INTO receipts (id, store_id, seq, station, received_at, business_day, text,
           figures, drawer_kicks, raw, batch_id, stored_at)
         SELECT json_extract(r.value, '$.id'), ?1, json_extract(r.value, '$.seq'),
           json_extract(r.value, '$.station'), json_extract(r.value, '$.receivedAt'),
           json_extract(r.value, '$.businessDay'), json_extract(r.value, '$.text'),
           json_extract(r.value, '$.figures'), json_extract(r.value, '$.drawerKicks'),
           json_extract(r.value, '$.raw'), ?2, ?3
         FROM r WHERE true
         ON CONFLICT (id) DO NOTHING`,
      )
      .bind(batch.storeId, batch.batchId, nowMs, receipts),
    db
      .prepare(
        `SELECT r.id FROM json_each(?2) AS b JOIN receipts AS r ON r.id = b.value
         WHERE r.store_id = ?1 ORDER BY b.key`,
      )
      .bind(batch.storeId, ids),
  ];
  let results: D1Result<{ id: string }>[];
  try {
    results = await db.batch<{ id: string }>(statements);
  } catch (e) {
    if (/UNIQUE constraint failed: relay_batches\.id/u.test(String(e))) throw new ReplayedBatch();
    throw e;
  }
  const stored = results[results.length - 1].results.map((r) => r.id);
  return [...new Set(stored)];
}
