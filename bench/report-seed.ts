/**
 * Seeds a data folder with business days of receipts and their sales figures for the report
 * benchmarks, fast: a few hundred fixture receipts are printed through the real encoders and
 * read by the real interpreter and extractor once, then their rows are written straight into
 * the store (its own migrations, its own FiguresWriter) over and over, spread across each day's
 * hours, with order numbers made unique so that they are sales, not reprints. 150,000 receipts
 * take seconds this way, where printing them over TCP would take many minutes.
 */
import fs from 'node:fs';
import path from 'node:path';
import { businessDayBounds, type BusinessDayRule } from '../src/main/days';
import { interpret, INTERPRETER_VERSION } from '../src/main/escpos';
import { EXTRACTOR_VERSION, extractFigures } from '../src/main/sales';
import { openDatabase } from '../src/main/store';
import { FiguresWriter } from '../src/main/store/figures-writer';
import type { ReceiptFigures } from '../src/shared';
import { printDay } from '../test/sales/fixtures';

export interface Sample {
  station: string;
  text: string;
  drawerKicks: number;
  figures: ReceiptFigures;
}

/** Fixture receipts of one day (sales, refunds, voids, kitchen tickets, Z reports), read once. */
export async function readSamples(rule: BusinessDayRule): Promise<Sample[]> {
  // The seeds and sizes the report tests print (some other seeds print a line too wide for the
  // Bar's 32 columns and throw).
  const days = [
    await printDay({ seed: 7, day: '2025-06-14', ...rule, receipts: 120 }),
    await printDay({ seed: 11, day: '2025-06-14', ...rule, receipts: 80 }),
  ];
  return days.flat().map((d) => {
    const out = interpret(d.receipt.bytes, d.receipt.station);
    const drawerKicks = out.events['drawer-kick'];
    return {
      station: d.station,
      text: out.text,
      drawerKicks,
      figures: extractFigures({ text: out.text, drawerKicks }),
    };
  });
}

/**
 * Writes `perDay` receipts on each of `days` into `dataDir`'s receipts file (made and migrated
 * by the store's own code), in one transaction per day. Returns the receipts written.
 */
export function seedDays(
  dataDir: string,
  days: string[],
  perDay: number,
  rule: BusinessDayRule,
  samples: Sample[],
): number {
  fs.mkdirSync(dataDir, { recursive: true });
  const db = openDatabase({ dataDir });
  // Seeding only: a crash midway means seeding again, not a lost receipt.
  db.pragma('synchronous = OFF');
  const figures = new FiguresWriter(db);
  const connection = db.prepare(
    `INSERT INTO connections (peer, station, listener_port, opened_at, closed_at, bytes)
     VALUES ('10.0.0.7', ?, 9100, ?, ?, 0)`,
  );
  const receipt = db.prepare(
    `INSERT INTO receipts (connection_id, seq, station, peer, started_at, received_at, byte_count,
       ended_by, status, text, interpreter_version, interpreted_at, drawer_kicks)
     VALUES (?, 0, ?, '10.0.0.7', ?, ?, ?, 'cut', 'ok', ?, ?, ?, ?)`,
  );
  let written = 0;
  for (const day of days) {
    const [from, to] = businessDayBounds(day, rule);
    db.transaction(() => {
      for (let k = 0; k < perDay; k++) {
        const s = samples[(written + k) % samples.length];
        const at = from + Math.floor(((to - from) * k) / perDay);
        const conn = connection.run(s.station, at, at).lastInsertRowid as number;
        const bytes = Buffer.byteLength(s.text);
        const id = receipt.run(
          conn,
          s.station,
          at,
          at,
          bytes,
          s.text,
          INTERPRETER_VERSION,
          at,
          s.drawerKicks,
        ).lastInsertRowid as number;
        const order = s.figures.header.order === null ? null : `${day}-${k}`;
        const f = { ...s.figures, header: { ...s.figures.header, order } };
        figures.save(id, f, EXTRACTOR_VERSION);
      }
    })();
    written += perDay;
  }
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  return written;
}

/** The settings file a seeded folder is opened with: the fixture day's zone and day start. */
export function writeSettings(dataDir: string, rule: BusinessDayRule): void {
  const settings = {
    listeners: [{ host: '127.0.0.1', port: 0, station: 'Front' }],
    business: { ...rule, restaurantName: 'Bench Diner', currency: 'USD' },
  };
  fs.writeFileSync(path.join(dataDir, 'settings.json'), `${JSON.stringify(settings, null, 2)}\n`);
}
