/**
 * Seeds a data folder with business days of receipts and their sales figures for the report
 * benchmarks, fast: two fixture days (sales, refunds, voids, kitchen tickets, Z reports) are
 * printed through the real encoders and read by the real interpreter and extractor once, then
 * their rows are written straight into the store (its own migrations and FiguresWriter) over and
 * over, spread across each day's hours, with order numbers made unique so that they count as
 * sales, not reprints. 150,000 receipts take seconds this way; printing them over TCP would take
 * many minutes.
 */
import fs from 'node:fs';
import path from 'node:path';
import { businessDayBounds, type BusinessDayRule } from '../src/main/days';
import { FiguresSeeder, readDays, type SeedReceipt } from '../test/helpers/seed-figures';

/** Fixture receipts of two days, read once. */
export function readSamples(rule: BusinessDayRule): Promise<SeedReceipt[]> {
  // The seeds and sizes the report tests print (some other seeds print a line too wide for the
  // Bar's 32 columns and throw).
  return readDays(
    [
      { day: '2025-06-14', seed: 7, receipts: 120 },
      { day: '2025-06-14', seed: 11, receipts: 80 },
    ],
    rule,
  );
}

/**
 * Writes `perDay` receipts on each of `days` into `dataDir`'s receipts file, in one
 * transaction per day. Returns the receipts written.
 */
export function seedDays(
  dataDir: string,
  days: string[],
  perDay: number,
  rule: BusinessDayRule,
  samples: SeedReceipt[],
): number {
  const seeder = new FiguresSeeder(dataDir);
  let written = 0;
  for (const day of days) {
    const [from, to] = businessDayBounds(day, rule);
    seeder.add(
      Array.from({ length: perDay }, (_, k) => {
        const s = samples[(written + k) % samples.length];
        const f = s.figures;
        return {
          ...s,
          receivedAt: from + Math.floor(((to - from) * k) / perDay),
          figures: f && {
            ...f,
            header: { ...f.header, order: f.header.order === null ? null : `${day}-${k}` },
          },
        };
      }),
    );
    written += perDay;
  }
  seeder.close();
  return written;
}

/** The settings file a seeded folder is opened with: the fixture day's zone and day start. */
export function writeSettings(dataDir: string, rule: BusinessDayRule): void {
  fs.mkdirSync(dataDir, { recursive: true });
  const settings = {
    listeners: [{ host: '127.0.0.1', port: 0, station: 'Front' }],
    business: { ...rule, restaurantName: 'Bench Diner', currency: 'USD' },
  };
  fs.writeFileSync(path.join(dataDir, 'settings.json'), `${JSON.stringify(settings, null, 2)}\n`);
}
