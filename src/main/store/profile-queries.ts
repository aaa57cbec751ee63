/**
 * Read side for the stations' profiles and a receipt's figures: a station's most recent
 * receipts with their text and stored figures (the teaching preview reads them again), one
 * receipt's text, how many wait to be read again, and which receipt a reprint copies.
 */
import type Database from 'better-sqlite3';
import type { ReceiptFigures } from '../../shared';

export interface RecentText {
  id: number;
  receivedAt: number;
  /** Null when longer than asked for (not read for figures). */
  text: string | null;
  drawerKicks: number;
  figures: ReceiptFigures | null;
}

export class ProfileQueries {
  private readonly recentOf: Database.Statement;
  private readonly textOf: Database.Statement;
  private readonly stale: Database.Statement;
  private readonly first: Database.Statement;

  constructor(db: Database.Database) {
    this.recentOf = db.prepare(
      `SELECT r.id, r.received_at, r.drawer_kicks,
         CASE WHEN length(r.text) <= ? THEN r.text END AS text, f.figures
       FROM receipts r LEFT JOIN receipt_figures f ON f.receipt_id = r.id
       WHERE r.station = ? AND r.empty = 0 AND r.status = 'ok'
       ORDER BY r.received_at DESC, r.id DESC LIMIT ?`,
    );
    this.textOf = db.prepare(
      "SELECT station, text FROM receipts WHERE id = ? AND status = 'ok' AND empty = 0",
    );
    // Through the station's receipts of the day (an index range), not every figures row.
    this.first = db.prepare(
      `SELECT r.id FROM receipts r JOIN receipt_figures f ON f.receipt_id = r.id
       WHERE r.station = ? AND r.empty = 0 AND r.received_at >= ? AND r.received_at < ?
         AND f.kind = ? AND f.order_no = ? AND f.total = ?
         AND (r.received_at < ? OR (r.received_at = ? AND r.id < ?))
       ORDER BY r.received_at, r.id LIMIT 1`,
    );
    this.stale = db.prepare(
      'SELECT count(*) AS n FROM receipt_figures WHERE extractor_version < ?',
    );
  }

  /** The station's `limit` most recent read receipts, newest first. */
  recent(station: string, limit: number, maxChars: number): RecentText[] {
    const rows = this.recentOf.all(maxChars, station, limit) as {
      id: number;
      received_at: number;
      drawer_kicks: number;
      text: string | null;
      figures: string | null;
    }[];
    return rows.map((r) => ({
      id: r.id,
      receivedAt: r.received_at,
      text: r.text,
      drawerKicks: r.drawer_kicks,
      figures: r.figures ? (JSON.parse(r.figures) as ReceiptFigures) : null,
    }));
  }

  /**
   * The first receipt of `station` in [from, to) printed before `at` (or at the same time with
   * a lower id) for the same order with the same kind and total: what a copy is a copy of.
   */
  firstPrint(
    station: string,
    [from, to]: [number, number],
    before: { at: number; id: number },
    figures: { kind: string; order: string; total: number },
  ): number | null {
    const row = this.first.get(
      station,
      from,
      Math.min(to, before.at + 1),
      figures.kind,
      figures.order,
      figures.total,
      before.at,
      before.at,
      before.id,
    ) as { id: number } | undefined;
    return row?.id ?? null;
  }

  /** A read receipt's station and text, or null when it has none (pending, failed, empty). */
  text(id: number): { station: string; text: string } | null {
    const row = this.textOf.get(id) as { station: string; text: string | null } | undefined;
    return row && row.text !== null ? { station: row.station, text: row.text } : null;
  }

  /** Receipts whose figures an extractor older than `version` read (or marked to read again). */
  staleCount(version: number): number {
    return (this.stale.get(version) as { n: number }).n;
  }
}
