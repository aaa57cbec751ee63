/**
 * A store's business day summed by the desktop's own pure code: buildDailyReport
 * (src/main/reports/daily-report.ts) over the day's receipts, with the day's bounds and hours
 * from the store's time zone and day start (src/main/days), so the cloud's figures cannot drift
 * from the desk's daily report: same receipts in the same order (received time, then the
 * desk's own sequence), same sums, same reprint detection.
 *
 * The report names receipts by number; here they are numbered by their place in the day and
 * named back by their relay ids in the answer.
 */
import { type BusinessDayRule, businessDayBounds, businessDayHours } from '../../src/main/days';
// The reports module's door also exports the file writers (node:fs); the Worker takes the pure
// summing file alone.
import { buildDailyReport, type ReportInput } from '../../src/main/reports/daily-report';
import type { ReceiptFigures } from '../../src/shared/sales';
import {
  HEADLINE_FIGURES,
  type StoreDayHeadline,
  type StoreDayReport,
  type StoresDay,
} from './day-report-types';

interface StoreRow {
  id: string;
  restaurant_name: string;
  timezone: string;
  day_start: string;
  currency: string | null;
  last_batch_at: number;
}

interface ReceiptRow {
  store_id: string;
  id: string;
  station: string;
  received_at: number;
  drawer_kicks: number;
  figures: string | null;
}

/** What the report says of a receipt relayed without figures. */
const NO_FIGURES = 'The desk relayed it without sales figures.';

/** A date the days cannot lay out (not a date, or outside the years Intl can write). */
export class BadDay extends Error {}

/** A store the endpoint has no batch from. */
export class UnknownStore extends Error {}

const COLUMNS = 'r.store_id, r.id, r.station, r.received_at, r.drawer_kicks';
const ORDER = 'ORDER BY r.store_id, r.received_at, r.seq, r.id';

/** `GET /v1/stores/:store/days/:date`, optionally one station's receipts only. */
export async function storeDay(
  db: D1Database,
  storeId: string,
  date: string,
  station: string | null,
): Promise<StoreDayReport> {
  const store = await db
    .prepare('SELECT * FROM stores WHERE id = ?1')
    .bind(storeId)
    .first<StoreRow>();
  if (store === null) throw new UnknownStore(storeId);
  const day = dayOf(store, date);
  const rows = await db
    .prepare(
      `SELECT ${COLUMNS}, r.figures FROM receipts AS r
       WHERE r.store_id = ?1 AND r.received_at >= ?2 AND r.received_at < ?3
         AND (?4 IS NULL OR r.station = ?4) ${ORDER}`,
    )
    .bind(storeId, day.from, day.to, station)
    .all<ReceiptRow>();
  return summed(store, { ...day, station }, rows.results);
}

/**
 * `GET /v1/days/:date`: every store's day side by side, in two queries whatever the number of
 * stores. Only the headline figures are shown, so the items are left out of what D1 sends
 * (they are most of a receipt's figures, and they feed only the item list).
 */
export async function storesDay(db: D1Database, date: string): Promise<StoresDay> {
  const stores = (await db.prepare('SELECT * FROM stores ORDER BY id').all<StoreRow>()).results;
  const days = new Map(stores.map((s) => [s.id, dayOf(s, date)]));
  const ranges = JSON.stringify(
    stores.map((s) => [s.id, days.get(s.id)!.from, days.get(s.id)!.to]),
  );
  const rows =
    stores.length === 0
      ? []
      : (
          await db
            .prepare(
              `SELECT ${COLUMNS},
                 json_remove(json_set(r.figures, '$.items', json_array()), '$.lines') AS figures
               FROM json_each(?1) AS d JOIN receipts AS r
                 ON r.store_id = json_extract(d.value, '$[0]')
                 AND r.received_at >= json_extract(d.value, '$[1]')
                 AND r.received_at < json_extract(d.value, '$[2]')
               ${ORDER}`,
            )
            .bind(ranges)
            .all<ReceiptRow>()
        ).results;
  const byStore = new Map<string, ReceiptRow[]>();
  for (const r of rows) {
    const list = byStore.get(r.store_id) ?? [];
    if (list.length === 0) byStore.set(r.store_id, list);
    list.push(r);
  }
  return {
    date,
    stores: stores.map((s) => {
      const report = summed(s, { ...days.get(s.id)!, station: null }, byStore.get(s.id) ?? []);
      const headline: Record<string, unknown> = { storeId: s.id, lastBatchAt: s.last_batch_at };
      for (const k of HEADLINE_FIGURES) headline[k] = report[k];
      return headline as StoreDayHeadline;
    }),
  };
}

type DayLayout = Pick<ReportInput, 'businessDay' | 'from' | 'to' | 'hours'>;

/** The day's bounds and hours in the store's time zone, as the desk lays them out. */
function dayOf(store: StoreRow, date: string): DayLayout {
  const rule: BusinessDayRule = { timeZone: store.timezone, dayStart: store.day_start };
  try {
    const [from, to] = businessDayBounds(date, rule);
    return { businessDay: date, from, to, hours: businessDayHours(date, rule) };
  } catch (e) {
    throw new BadDay(e instanceof Error ? e.message : String(e));
  }
}

function summed(
  store: StoreRow,
  day: DayLayout & { station: string | null },
  rows: ReceiptRow[],
): StoreDayReport {
  const report = buildDailyReport({
    ...day,
    timezone: store.timezone,
    dayStart: store.day_start,
    restaurantName: store.restaurant_name,
    currency: store.currency,
    receipts: rows.map((r, i) => ({
      id: i,
      receivedAt: r.received_at,
      station: r.station,
      drawerKicks: r.drawer_kicks,
      figures: r.figures === null ? null : (JSON.parse(r.figures) as ReceiptFigures),
      unread: r.figures === null ? NO_FIGURES : null,
    })),
  });
  const idOf = (i: number) => rows[i].id;
  return {
    storeId: store.id,
    lastBatchAt: store.last_batch_at,
    ...report,
    reprintIds: report.reprintIds.map(idOf),
    unparsed: report.unparsed.map((u) => ({ ...u, id: idOf(u.id) })),
    zReport:
      report.zReport === null
        ? null
        : { receiptIds: report.zReport.receiptIds.map(idOf), lines: report.zReport.lines },
  };
}
