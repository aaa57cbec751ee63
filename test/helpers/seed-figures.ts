/**
 * Receipts with their sales figures written straight into a data folder's receipts file, through
 * the store's own migrations and FiguresWriter, with the received times they are given: for
 * reports over past business days, which no till can print today, and for benchmarks that need
 * 150,000 of them in seconds. The figures come from the real interpreter and extractor
 * (readDays) over the fixture generator's printed days.
 */
import type Database from 'better-sqlite3';
import { interpret, INTERPRETER_VERSION } from '../../src/main/escpos';
import { EXTRACTOR_VERSION, extractFigures } from '../../src/main/sales';
import { openDatabase } from '../../src/main/store';
import { FiguresWriter } from '../../src/main/store/figures-writer';
import type { ReceiptFigures } from '../../src/shared';
import { printDay } from '../sales/fixtures';

export interface SeedReceipt {
  receivedAt: number;
  station: string;
  text: string;
  drawerKicks: number;
  figures: ReceiptFigures | null;
}

/** Fixture business days as their tills printed them, read by the interpreter and extractor. */
export async function readDays(
  days: { day: string; seed: number; receipts: number }[],
  rule: { timeZone: string; dayStart: string },
): Promise<SeedReceipt[]> {
  const out: SeedReceipt[] = [];
  for (const d of days) {
    for (const r of await printDay({ ...d, ...rule })) {
      const read = interpret(r.receipt.bytes, r.receipt.station);
      const drawerKicks = read.events['drawer-kick'];
      out.push({
        receivedAt: r.receivedAt,
        station: r.station,
        text: read.text,
        drawerKicks,
        figures: extractFigures({ text: read.text, drawerKicks }),
      });
    }
  }
  return out;
}

/** An open receipts file (made and migrated by the store) that takes receipts. */
export class FiguresSeeder {
  private readonly db: Database.Database;
  private readonly figures: FiguresWriter;
  private readonly connection: Database.Statement;
  private readonly receipt: Database.Statement;

  constructor(dataDir: string) {
    this.db = openDatabase({ dataDir });
    // Seeding only: a crash midway means seeding again, not a lost receipt.
    this.db.pragma('synchronous = OFF');
    this.figures = new FiguresWriter(this.db);
    this.connection = this.db.prepare(
      `INSERT INTO connections (peer, station, listener_port, opened_at, closed_at, bytes)
       VALUES ('10.0.0.7', ?, 9100, ?, ?, 0)`,
    );
    this.receipt = this.db.prepare(
      `INSERT INTO receipts (connection_id, seq, station, peer, started_at, received_at,
         byte_count, ended_by, status, text, interpreter_version, interpreted_at, drawer_kicks)
       VALUES (?, 0, ?, '10.0.0.7', ?, ?, ?, 'cut', 'ok', ?, ?, ?, ?)`,
    );
  }

  /** Writes the receipts in one transaction. */
  add(receipts: SeedReceipt[]): void {
    this.db.transaction(() => {
      for (const r of receipts) {
        const at = r.receivedAt;
        const conn = this.connection.run(r.station, at, at).lastInsertRowid as number;
        const id = this.receipt.run(
          conn,
          r.station,
          at,
          at,
          Buffer.byteLength(r.text),
          r.text,
          INTERPRETER_VERSION,
          at,
          r.drawerKicks,
        ).lastInsertRowid as number;
        this.figures.save(id, r.figures, EXTRACTOR_VERSION);
      }
    })();
  }

  close(): void {
    this.db.pragma('wal_checkpoint(TRUNCATE)');
    this.db.close();
  }
}
