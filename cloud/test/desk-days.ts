/**
 * Business days as a desk holds them: the fixture generator's printed days (test/sales/fixtures
 * at the root) read by the real interpreter and extractor into a real receipts file, and the
 * desk's own DailyReports over that file, as the Reports screen asks for it. The same receipts
 * leave as relay receipts, ids and sequence numbers from the file.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { businessDayOf } from '../../src/main/days';
import { DailyReports } from '../../src/main/reports';
import { openDatabase, ReportQueries } from '../../src/main/store';
import { type DailyReport, type RelayReceipt, settingsSchema } from '../../src/shared';
import { FiguresSeeder, readDays, type SeedReceipt } from '../../test/helpers/seed-figures';
import type { StoreSettings } from './relay-client';

export interface Desk {
  store: StoreSettings;
  /** The receipts as the relay sends them, in the order the desk received them. */
  relayed: RelayReceipt[];
  /** The desk's daily report of `date` (one station's, or all). */
  daily(date: string, station?: string): Promise<DailyReport>;
  close(): void;
}

export async function seedDesk(
  store: StoreSettings,
  days: { day: string; seed: number; receipts: number }[],
  extra: SeedReceipt[] = [],
): Promise<Desk> {
  const rule = { timeZone: store.timezone, dayStart: store.dayStart };
  const receipts = [...(await readDays(days, rule)), ...extra];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'receipt-desk-cloud-desk-'));
  const seeder = new FiguresSeeder(dir);
  seeder.add(receipts);
  seeder.close();
  const db = openDatabase({ dataDir: dir, readonly: true });
  const rows = db
    .prepare(
      `SELECT r.id, r.received_at, r.station, r.drawer_kicks, r.text, f.figures
       FROM receipts r LEFT JOIN receipt_figures f ON f.receipt_id = r.id ORDER BY r.id`,
    )
    .all() as {
    id: number;
    received_at: number;
    station: string;
    drawer_kicks: number;
    text: string;
    figures: string | null;
  }[];
  const settings = settingsSchema.parse({
    business: {
      dayStart: store.dayStart,
      timeZone: store.timezone,
      restaurantName: store.restaurantName,
      currency: store.currency ?? '',
    },
  });
  const queries = new ReportQueries(db);
  const reports = new DailyReports({
    queries: () => queries,
    business: () => settings.business,
    write: () => Promise.reject(new Error('No report files here.')),
  });
  return {
    store,
    relayed: rows.map((r) => ({
      id: `${store.storeId}.desk-1.${r.id}`,
      seq: r.id,
      station: r.station,
      receivedAt: r.received_at,
      businessDay: businessDayOf(r.received_at, rule),
      text: r.text,
      figures: r.figures === null ? null : JSON.parse(r.figures),
      drawerKicks: r.drawer_kicks,
    })),
    daily: (date, station) => reports.daily(station === undefined ? { date } : { date, station }),
    close: () => {
      db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
