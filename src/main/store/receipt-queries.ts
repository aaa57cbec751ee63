/** Read side of the store: the receipt list, one receipt, totals. Uses the writer's connection. */
import type Database from 'better-sqlite3';
import zlib from 'node:zlib';
import type {
  Dialect,
  ReceiptDetail,
  ReceiptDocument,
  ReceiptFigures,
  ReceiptEnd,
  ReceiptPage,
  ReceiptQuery,
  ReceiptStatus,
  ReceiptSummary,
  Stats,
} from '../../shared';
import { RECEIPT_LIST_DEFAULT, RECEIPT_LIST_MAX, TEXT_PREVIEW_BYTES } from '../../shared';
import { toFtsQuery } from './search';
import type { Totals } from './totals';
import type { StatusReplyRow } from './writer-protocol';

/** A receipt as stored: its status replies as recorded (bytes as hex), not yet put in words. */
export interface StoredReceipt extends Omit<ReceiptDetail, 'statusReplies'> {
  statusReplies: StatusReplyRow[];
}

export interface ReceiptRow {
  id: number;
  received_at: number;
  peer: string;
  station: string;
  connection_id: number;
  seq: number;
  status: ReceiptStatus;
  byte_count: number;
  truncated: number;
  ended_by: ReceiptEnd;
  error: string | null;
  text: string | null;
  /** LIST_COLUMNS only: the first bytes of a text longer than the preview. */
  text_head?: Buffer | null;
  text_bytes: number | null;
  warnings: number;
  dialect: Dialect | null;
  drawer_kicks: number;
}

const META_COLUMNS = `r.id, r.received_at, r.peer, r.station, r.connection_id, r.seq, r.status,
  r.byte_count, r.truncated, r.ended_by, r.error, r.warnings, r.dialect, r.drawer_kicks,
  octet_length(r.text) AS text_bytes`;

/** A receipt with its whole text (one receipt's detail). */
export const SUMMARY_COLUMNS = `${META_COLUMNS}, r.text`;

/**
 * A receipt with a preview of its text, for lists: a text past TEXT_PREVIEW_BYTES comes as its
 * first bytes only (`text_head`, one byte more to find a character boundary), cut by SQLite, so
 * a page of 16 MiB receipts never brings their texts into JavaScript. octet_length() reads the
 * size from the record header without loading the text.
 */
export const LIST_COLUMNS = `${META_COLUMNS},
  CASE WHEN octet_length(r.text) > ${TEXT_PREVIEW_BYTES} THEN NULL ELSE r.text END AS text,
  CASE WHEN octet_length(r.text) > ${TEXT_PREVIEW_BYTES}
    THEN substr(CAST(r.text AS BLOB), 1, ${TEXT_PREVIEW_BYTES + 1}) END AS text_head`;

/** Documents are stored as raw-deflated JSON. */
export function inflateDocument(stored: Uint8Array): ReceiptDocument {
  return JSON.parse(zlib.inflateRawSync(stored).toString('utf8')) as ReceiptDocument;
}

export function toSummary(row: ReceiptRow): ReceiptSummary {
  return {
    id: row.id,
    receivedAt: row.received_at,
    peer: row.peer,
    station: row.station,
    connectionId: row.connection_id,
    seq: row.seq,
    status: row.status,
    byteCount: row.byte_count,
    truncated: row.truncated === 1,
    endedBy: row.ended_by,
    error: row.error,
    text: row.text_head ? previewFromHead(row.text_head) : row.text,
    textCut: Boolean(row.text_head),
    textBytes: row.text_bytes,
    warnings: row.warnings,
    dialect: row.dialect,
    drawerKicks: row.drawer_kicks,
  };
}

/** The head's bytes up to TEXT_PREVIEW_BYTES, ending before a character that would not fit. */
function previewFromHead(head: Buffer): string {
  let end = Math.min(head.length, TEXT_PREVIEW_BYTES);
  // Back off continuation bytes (10xxxxxx): the character they belong to goes past the preview.
  while (end > 0 && end < head.length && (head[end] & 0xc0) === 0x80) end--;
  return head.toString('utf8', 0, end);
}

export class ReceiptQueries {
  private readonly byId: Database.Statement;
  private readonly pendingIds: Database.Statement;

  private readonly failedCount: Database.Statement;
  private readonly truncatedCount: Database.Statement;
  private readonly todayCount: Database.Statement;
  private readonly todayDrawerKicks: Database.Statement;
  private readonly stationLast: Database.Statement;

  constructor(
    private readonly db: Database.Database,
    private readonly totals: Totals,
  ) {
    this.failedCount = db.prepare(
      "SELECT count(*) AS n FROM receipts WHERE status = 'failed' AND empty = 0",
    );
    this.truncatedCount = db.prepare('SELECT count(*) AS n FROM receipts WHERE truncated = 1');
    this.todayCount = db.prepare(
      'SELECT count(*) AS n FROM receipts WHERE empty = 0 AND received_at >= ?',
    );
    this.todayDrawerKicks = db.prepare(
      `SELECT coalesce(sum(drawer_kicks), 0) AS n FROM receipts
       WHERE drawer_kicks > 0 AND received_at >= ?`,
    );
    this.byId = db.prepare(
      `SELECT ${SUMMARY_COLUMNS}, d.document, b.raw, r.dropped_bytes,
         s.replies AS status_replies, s.not_kept AS status_not_kept, f.figures FROM receipts r
       JOIN receipt_raw b ON b.receipt_id = r.id
       LEFT JOIN receipt_documents d ON d.receipt_id = r.id
       LEFT JOIN receipt_status_replies s ON s.receipt_id = r.id
       LEFT JOIN receipt_figures f ON f.receipt_id = r.id
       WHERE r.id = ?`,
    );
    this.pendingIds = db.prepare(
      `SELECT id FROM receipts WHERE status = 'pending' AND id > ? ORDER BY id LIMIT ?`,
    );
    // One seek in receipts_by_station_time (max() of the index's second column).
    this.stationLast = db.prepare(
      'SELECT max(received_at) AS at FROM receipts WHERE station = ? AND empty = 0',
    );
  }

  /** When each station's newest printed receipt arrived (UTC ms), null if it never printed. */
  lastReceiptAt(stations: readonly string[]): Map<string, number | null> {
    const last = new Map<string, number | null>();
    for (const station of stations) {
      if (last.has(station)) continue;
      last.set(station, (this.stationLast.get(station) as { at: number | null }).at);
    }
    return last;
  }

  list(query: ReceiptQuery): ReceiptPage {
    const limit = Math.min(Math.max(query.limit ?? RECEIPT_LIST_DEFAULT, 1), RECEIPT_LIST_MAX);
    const where: string[] = ['r.empty = 0'];
    const params: (number | string)[] = [];
    const fts = query.q ? toFtsQuery(query.q) : null;
    // With a search, the full-text index hands its matches over newest first and the query stops
    // at `limit`; ordering by r.id made SQLite fetch and sort every match instead (a second for
    // "t" among 100,000 receipts). The cursor goes to the index too, or it would be checked last.
    const id = fts ? 'f.rowid' : 'r.id';
    if (query.before !== undefined) {
      where.push(`${id} < ?`);
      params.push(Number(query.before));
    }
    if (query.from !== undefined) {
      where.push('r.received_at >= ?');
      params.push(query.from);
    }
    if (query.to !== undefined) {
      where.push('r.received_at < ?');
      params.push(query.to);
    }
    if (query.station !== undefined) {
      where.push('r.station = ?');
      params.push(query.station);
    }
    let from = 'receipts r';
    if (fts) {
      from = 'receipts_fts f JOIN receipts r ON r.id = f.rowid';
      where.push('receipts_fts MATCH ?');
      params.push(fts);
    }
    const rows = this.db
      .prepare(
        `SELECT ${LIST_COLUMNS} FROM ${from} WHERE ${where.join(' AND ')}
         ORDER BY ${id} DESC LIMIT ?`,
      )
      .all(...params, limit + 1) as ReceiptRow[];
    const more = rows.length > limit;
    const items = rows.slice(0, limit).map(toSummary);
    return { items, nextCursor: more ? String(items[items.length - 1].id) : null };
  }

  /** Printed receipts in [from, to) by hour from `from` (0-23) and by station. */
  dayCounts(from: number, to: number): { hours: number[]; stations: Map<string, number> } {
    const hours = new Array<number>(24).fill(0);
    // A bound JS number is a REAL to SQLite: cast it, or the hour comes out fractional.
    const byHour = this.db
      .prepare(
        `SELECT (received_at - CAST(? AS INTEGER)) / 3600000 AS h, count(*) AS n FROM receipts
         WHERE empty = 0 AND received_at >= ? AND received_at < ? GROUP BY h`,
      )
      .all(from, from, to) as { h: number; n: number }[];
    for (const r of byHour) if (r.h >= 0 && r.h < 24) hours[r.h] += r.n;
    const byStation = this.db
      .prepare(
        `SELECT station, count(*) AS n FROM receipts
         WHERE empty = 0 AND received_at >= ? AND received_at < ? GROUP BY station`,
      )
      .all(from, to) as { station: string; n: number }[];
    return { hours, stations: new Map(byStation.map((r) => [r.station, r.n])) };
  }

  get(id: number): StoredReceipt | null {
    const row = this.byId.get(id) as
      | (ReceiptRow & {
          document: Buffer | null;
          raw: Buffer;
          dropped_bytes: number;
          status_replies: string | null;
          status_not_kept: number | null;
          figures: string | null;
        })
      | undefined;
    if (!row) return null;
    return {
      ...toSummary(row),
      document: row.document ? inflateDocument(row.document) : null,
      rawBase64: row.raw.toString('base64'),
      droppedBytes: row.dropped_bytes,
      statusReplies: row.status_replies ? (JSON.parse(row.status_replies) as StatusReplyRow[]) : [],
      statusRepliesNotKept: row.status_not_kept ?? 0,
      figures: row.figures ? (JSON.parse(row.figures) as ReceiptFigures) : null,
    };
  }

  /** Printed (non-empty), interpreted receipts after `afterId`, oldest first: for stream resume. */
  listAfter(afterId: number, upToId: number, limit: number): ReceiptSummary[] {
    return (
      this.db
        .prepare(
          `SELECT ${LIST_COLUMNS} FROM receipts r
           WHERE r.id > ? AND r.id <= ? AND r.empty = 0 ORDER BY r.id LIMIT ?`,
        )
        .all(afterId, upToId, limit) as ReceiptRow[]
    ).map(toSummary);
  }

  /** Printed receipts by id, oldest first, with text previews (the live feed reads them back). */
  listByIds(ids: number[]): ReceiptSummary[] {
    if (ids.length === 0) return [];
    return (
      this.db
        .prepare(
          `SELECT ${LIST_COLUMNS} FROM receipts r
           WHERE r.id IN (SELECT value FROM json_each(?)) AND r.empty = 0 ORDER BY r.id`,
        )
        .all(JSON.stringify(ids)) as ReceiptRow[]
    ).map(toSummary);
  }

  /** Receipts whose bytes are stored but not yet interpreted (e.g. after a crash). */
  pending(afterId: number, limit: number): number[] {
    return (this.pendingIds.all(afterId, limit) as { id: number }[]).map((r) => r.id);
  }

  /** Raw bytes of the given receipts, for (re)interpretation. */
  raw(ids: number[]): { id: number; station: string; raw: Buffer }[] {
    if (ids.length === 0) return [];
    return this.db
      .prepare(
        `SELECT b.receipt_id AS id, r.station, b.raw FROM receipt_raw b
         JOIN receipts r ON r.id = b.receipt_id
         WHERE b.receipt_id IN (${ids.map(() => '?').join(',')})`,
      )
      .all(...ids) as { id: number; station: string; raw: Buffer }[];
  }

  /** Ids of the printed receipts received in [from, to), for reinterpretation. */
  idsInRange(from: number, to: number, afterId: number, limit: number): number[] {
    return (
      this.db
        .prepare(
          `SELECT id FROM receipts
           WHERE received_at >= ? AND received_at < ? AND id > ? AND empty = 0
           ORDER BY id LIMIT ?`,
        )
        .all(from, to, afterId, limit) as { id: number }[]
    ).map((r) => r.id);
  }

  /** Printed receipts received before `cutoff` (what a shorter kept period would delete). */
  countBefore(cutoff: number): number {
    const st = this.db.prepare(
      'SELECT count(*) AS n FROM receipts WHERE empty = 0 AND received_at < ?',
    );
    return (st.get(cutoff) as { n: number }).n;
  }

  /**
   * The failed and truncated counts alone, for the gauges sampled each second: stats() also
   * counts today's receipts, a walk over every one of them (2.4 ms of the main thread with
   * 100,000 in the day, against 0.01 ms for these two).
   */
  problemCounts(): { failed: number; truncated: number } {
    return {
      failed: (this.failedCount.get() as { n: number }).n,
      truncated: (this.truncatedCount.get() as { n: number }).n,
    };
  }

  /** Totals from memory; the counts use small partial indexes, today's walks today's receipts. */
  stats(startOfToday: number): Stats {
    const count = (st: Database.Statement, ...args: number[]) =>
      (st.get(...args) as { n: number }).n;
    const problems = this.problemCounts();
    return {
      receiptsTotal: this.totals.receipts,
      connectionsTotal: this.totals.connections,
      failedTotal: problems.failed,
      truncatedTotal: problems.truncated,
      bytesTotal: this.totals.bytes,
      receiptsToday: count(this.todayCount, startOfToday),
      drawerKicksToday: count(this.todayDrawerKicks, startOfToday),
    };
  }
}
