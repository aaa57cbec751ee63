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

export class ReportQueries {
  private readonly all: Database.Statement;
  private readonly ofStation: Database.Statement;

  constructor(db: Database.Database) {
    const select = `SELECT r.id, r.received_at, r.station, r.status, r.drawer_kicks, f.figures
       FROM receipts r LEFT JOIN receipt_figures f ON f.receipt_id = r.id
       WHERE r.empty = 0 AND r.received_at >= ? AND r.received_at < ?`;
    this.all = db.prepare(`${select} ORDER BY r.received_at, r.id`);
    this.ofStation = db.prepare(`${select} AND r.station = ? ORDER BY r.received_at, r.id`);
  }

  /** Receipts received in [from, to), of one station or all. */
  receiptsWithFigures(from: number, to: number, station: string | null): FiguresRow[] {
    const rows = (
      station === null ? this.all.all(from, to) : this.ofStation.all(from, to, station)
    ) as {
      id: number;
      received_at: number;
      station: string;
      status: ReceiptStatus;
      drawer_kicks: number;
      figures: string | null;
    }[];
    return rows.map((r) => ({
      id: r.id,
      receivedAt: r.received_at,
      station: r.station,
      status: r.status,
      drawerKicks: r.drawer_kicks,
      figures: r.figures ? (JSON.parse(r.figures) as ReceiptFigures) : null,
    }));
  }
}
