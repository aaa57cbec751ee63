/**
 * Read side for exports: a range of printed receipts, oldest first, one page at a time, so a day
 * of 100,000 receipts never sits in memory at once; raw bytes are read one receipt at a time
 * (a receipt may hold up to 16 MiB of pictures).
 */
import type Database from 'better-sqlite3';
import type { ExportRange, ReceiptSummary } from '../../shared';
import { LIST_COLUMNS, toSummary, type ReceiptRow } from './receipt-queries';

/** Where the previous page ended: the last receipt's time and id. */
export interface ExportCursor {
  receivedAt: number;
  id: number;
}

export class ExportQueries {
  private readonly rawById: Database.Statement;
  private readonly textById: Database.Statement;
  private readonly newestId: Database.Statement;
  /** A range is counted in many small pieces: each shape of query is prepared once. */
  private readonly prepared = new Map<string, Database.Statement>();

  constructor(private readonly db: Database.Database) {
    this.rawById = db.prepare('SELECT raw FROM receipt_raw WHERE receipt_id = ?');
    this.textById = db.prepare('SELECT text FROM receipts WHERE id = ?');
    this.newestId = db.prepare('SELECT coalesce(max(id), 0) AS id FROM receipts');
  }

  /**
   * The newest receipt id now. An export reads up to it, so receipts printed while it runs do
   * not move its total.
   */
  maxId(): number {
    return (this.newestId.get() as { id: number }).id;
  }

  /** Printed receipts in the range (up to `upToId`) and the printer bytes they hold. */
  count(range: ExportRange, upToId = Number.MAX_SAFE_INTEGER): { receipts: number; bytes: number } {
    const { where, params } = rangeWhere(range, upToId);
    return this.statement(
      `SELECT count(*) AS receipts, coalesce(sum(r.byte_count), 0) AS bytes FROM receipts r
       WHERE ${where}`,
    ).get(...params) as { receipts: number; bytes: number };
  }

  /**
   * The next `limit` printed receipts of the range after `after`, by time then id (the order
   * the time index gives, so a page costs the same on the first day as on the last). Texts past
   * the preview come cut (`textCut`), as in lists: the export reads each whole text with text(),
   * one at a time, so a page of 16 MiB receipts is never in memory at once.
   */
  page(
    range: ExportRange,
    upToId: number,
    after: ExportCursor | null,
    limit: number,
  ): ReceiptSummary[] {
    // The page starts at the cursor's moment (so the index is entered there, not at the start of
    // the range every time), minus the receipts of that moment already written.
    const start = after ? { ...range, from: Math.max(range.from, after.receivedAt) } : range;
    const { where, params } = rangeWhere(start, upToId);
    const next = after ? ' AND NOT (r.received_at = ? AND r.id <= ?)' : '';
    const rows = this.statement(
      `SELECT ${LIST_COLUMNS} FROM receipts r WHERE ${where}${next}
       ORDER BY r.received_at, r.id LIMIT ?`,
    ).all(...params, ...(after ? [after.receivedAt, after.id] : []), limit) as ReceiptRow[];
    return rows.map(toSummary);
  }

  private statement(sql: string): Database.Statement {
    let st = this.prepared.get(sql);
    if (!st) {
      st = this.db.prepare(sql);
      this.prepared.set(sql, st);
    }
    return st;
  }

  /** One receipt's whole text (null if retention removed it meanwhile or it has none). */
  text(id: number): string | null {
    const row = this.textById.get(id) as { text: string | null } | undefined;
    return row ? row.text : null;
  }

  /** Exactly the bytes the POS sent for one receipt (null if retention removed it meanwhile). */
  raw(id: number): Buffer | null {
    const row = this.rawById.get(id) as { raw: Buffer } | undefined;
    return row ? row.raw : null;
  }
}

function rangeWhere(range: ExportRange, upToId: number): { where: string; params: unknown[] } {
  const where = ['r.empty = 0', 'r.received_at >= ?', 'r.received_at < ?', 'r.id <= ?'];
  const params: unknown[] = [range.from, range.to, upToId];
  if (range.station !== undefined) {
    where.push('r.station = ?');
    params.push(range.station);
  }
  return { where: where.join(' AND '), params };
}
