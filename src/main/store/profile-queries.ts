/**
 * Read side for teaching a station's profile: its most recent receipts with their text and the
 * figures stored for them (the preview reads them again with the taught profile), one receipt's
 * text, and how many receipts wait to be read again.
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
