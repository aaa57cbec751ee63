/**
 * Read side for reports: a business day's printed receipts (a range of received times) with the
 * sales figures read from them, oldest first.
 */
import type Database from 'better-sqlite3';
import type { ReceiptFigures, ReceiptStatus } from '../../shared';

export interface FiguresRow {
  id: number;
  receivedAt: number;
  station: string;
  status: ReceiptStatus;
  drawerKicks: number;
  figures: ReceiptFigures | null;
}

/** A FiguresRow with the figures as the JSON text the store keeps. */
export interface FiguresTextRow extends Omit<FiguresRow, 'figures'> {
  figures: string | null;
}

/** A stored text whose figures are to be read. */
export interface TextForFigures {
  id: number;
  station: string;
  /** Null when longer than asked for. */
  text: string | null;
  chars: number;
  drawerKicks: number;
}

export class ReportQueries {
  private readonly all: Database.Statement;
  private readonly ofStation: Database.Statement;
  private readonly pageAll: Database.Statement;
  private readonly pageOfStation: Database.Statement;
  private readonly countAll: Database.Statement;
  private readonly countOfStation: Database.Statement;
  private readonly lacking: Database.Statement;
  private readonly older: Database.Statement;
  private readonly texts = new Map<number, Database.Statement>();

  constructor(private readonly db: Database.Database) {
    // Receipts read but without figures, oldest first in a window of ids (a scan, done in
    // windows: one query over a whole file of 150,000 receipts held the main thread ~0.5 s).
    this.lacking = db.prepare(
      `SELECT r.id FROM receipts r LEFT JOIN receipt_figures f ON f.receipt_id = r.id
       WHERE r.id > ? AND r.id <= ? AND r.status = 'ok' AND r.empty = 0 AND f.receipt_id IS NULL
       ORDER BY r.id LIMIT ?`,
    );
    // Figures an older extractor read (receipt_figures_by_version).
    this.older = db.prepare(
      'SELECT receipt_id AS id FROM receipt_figures WHERE extractor_version < ? LIMIT ?',
    );
    const select = `SELECT r.id, r.received_at, r.station, r.status, r.drawer_kicks, f.figures
       FROM receipts r LEFT JOIN receipt_figures f ON f.receipt_id = r.id
       WHERE r.empty = 0 AND r.received_at >= ? AND r.received_at < ?`;
    this.all = db.prepare(`${select} ORDER BY r.received_at, r.id`);
    this.ofStation = db.prepare(`${select} AND r.station = ? ORDER BY r.received_at, r.id`);
    // Pages in the same order, after a (received_at, id) cursor: the receipts_by_time index
    // seeks straight to the cursor.
    const after = `AND (r.received_at, r.id) > (?, ?) ORDER BY r.received_at, r.id LIMIT ?`;
    this.pageAll = db.prepare(`${select} ${after}`);
    this.pageOfStation = db.prepare(`${select} AND r.station = ? ${after}`);
    const count = `SELECT count(*) AS n FROM receipts r
       WHERE r.empty = 0 AND r.received_at >= ? AND r.received_at < ?`;
    this.countAll = db.prepare(count);
    this.countOfStation = db.prepare(`${count} AND r.station = ?`);
  }

  /** Up to `limit` receipts in (afterId, upTo] that were read but have no figures yet. */
  idsLackingFigures(afterId: number, upTo: number, limit: number): number[] {
    return (this.lacking.all(afterId, upTo, limit) as { id: number }[]).map((r) => r.id);
  }

  /** Up to `limit` receipts whose figures an extractor older than `version` read. */
  idsWithOlderFigures(version: number, limit: number): number[] {
    return (this.older.all(version, limit) as { id: number }[]).map((r) => r.id);
  }

  /**
   * The texts of these receipts (those read and not empty); a text over `maxChars` comes as
   * its length only, so a 16 MiB print is never loaded to be turned down.
   */
  textsForFigures(ids: number[], maxChars: number): TextForFigures[] {
    if (ids.length === 0) return [];
    let s = this.texts.get(ids.length);
    if (!s) {
      s = this.db.prepare(
        `SELECT id, station, drawer_kicks, length(text) AS chars,
           CASE WHEN length(text) <= ? THEN text END AS text FROM receipts
         WHERE id IN (${ids.map(() => '?').join(',')}) AND status = 'ok' AND empty = 0`,
      );
      this.texts.set(ids.length, s);
    }
    const rows = s.all(maxChars, ...ids) as {
      id: number;
      station: string;
      drawer_kicks: number;
      chars: number | null;
      text: string | null;
    }[];
    return rows
      .filter((r) => r.chars !== null)
      .map((r) => ({
        id: r.id,
        station: r.station,
        text: r.text,
        chars: r.chars!,
        drawerKicks: r.drawer_kicks,
      }));
  }

  /** Receipts received in [from, to), of one station or all. */
  receiptsWithFigures(from: number, to: number, station: string | null): FiguresRow[] {
    return this.figuresText(from, to, station).map(({ figures, ...r }) => ({
      ...r,
      figures: figures ? (JSON.parse(figures) as ReceiptFigures) : null,
    }));
  }

  /**
   * The same rows with each receipt's figures as the JSON text stored: report files parse it on
   * a pool thread (a day's 5,000 readings cost 30 ms to parse and 75 ms more to copy to a
   * thread as objects; as text the copy is nearly free).
   */
  figuresText(from: number, to: number, station: string | null): FiguresTextRow[] {
    return textRows(
      station === null ? this.all.all(from, to) : this.ofStation.all(from, to, station),
    );
  }

  /**
   * Up to `limit` of those rows after `after` (the last row of the page before; null: from the
   * start): a range report reads a day of 5,000 in pieces, so no one query holds the printer
   * ports up for long.
   */
  figuresTextPage(
    from: number,
    to: number,
    station: string | null,
    after: { receivedAt: number; id: number } | null,
    limit: number,
  ): FiguresTextRow[] {
    // The cursor's time as the lower bound too: the index range then starts at the cursor.
    const start = after ? after.receivedAt : from;
    const at = after ? [after.receivedAt, after.id] : [from - 1, 0];
    return textRows(
      station === null
        ? this.pageAll.all(start, to, ...at, limit)
        : this.pageOfStation.all(start, to, station, ...at, limit),
    );
  }

  /** How many printed receipts [from, to) holds, of one station or all (a range's progress). */
  count(from: number, to: number, station: string | null): number {
    const row = (
      station === null ? this.countAll.get(from, to) : this.countOfStation.get(from, to, station)
    ) as { n: number };
    return row.n;
  }
}

function textRows(rows: unknown[]): FiguresTextRow[] {
  return (
    rows as {
      id: number;
      received_at: number;
      station: string;
      status: ReceiptStatus;
      drawer_kicks: number;
      figures: string | null;
    }[]
  ).map((r) => ({
    id: r.id,
    receivedAt: r.received_at,
    station: r.station,
    status: r.status,
    drawerKicks: r.drawer_kicks,
    figures: r.figures,
  }));
}
