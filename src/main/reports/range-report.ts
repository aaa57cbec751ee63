/**
 * Several business days' reports summed into one, by the daily report's own definitions: every
 * amount and count is the sum of the days' (so the range agrees with its days to the cent),
 * payments, items, stations and servers merged by key, and a row per day for the table.
 */
import type { DailyReport, RangeDay, RangeReport, ReportPaymentKey } from '../../shared';
import { finishTotals, zeroCounts, zeroMerged } from './report-totals';

export interface RangeMeta {
  firstDay: string;
  lastDay: string;
  timezone: string;
  dayStart: string;
  restaurantName: string;
  station: string | null;
  currency: string | null;
}

const SUMMED = [
  'receiptCount',
  'saleCount',
  'refundCount',
  'voidCount',
  'kitchenTicketCount',
  'otherCount',
  'unparsedCount',
  'grossSales',
  'discounts',
  'refunds',
  'netSales',
  'tax',
  'tips',
  'serviceCharges',
  'total',
  'covers',
  'drawerOpens',
  'noSaleDrawerOpens',
  'reprints',
] as const;

/** One day's row of the per-day table. */
export function rangeDay(d: DailyReport): RangeDay {
  return {
    businessDay: d.businessDay,
    receiptCount: d.receiptCount,
    saleCount: d.saleCount,
    netSales: d.netSales,
    tax: d.tax,
    tips: d.tips,
    total: d.total,
    payments: d.payments,
  };
}

/** The days (oldest first) summed over the range. */
export function sumRange(meta: RangeMeta, days: DailyReport[]): RangeReport {
  const r: RangeReport = {
    ...meta,
    from: days[0]?.from ?? 0,
    to: days.at(-1)?.to ?? 0,
    ...zeroCounts(),
    ...zeroMerged(),
    unparsed: [],
    days: days.map(rangeDay),
  };
  const items = new Map<string, RangeReport['items'][number]>();
  const stations = new Map<string, RangeReport['stations'][number]>();
  const servers = new Map<string, RangeReport['servers'][number]>();
  const currencies = new Map<string, number>();
  for (const d of days) {
    for (const key of SUMMED) r[key] += d[key];
    for (const [m, v] of Object.entries(d.payments)) {
      const k = m as ReportPaymentKey;
      r.payments[k] = (r.payments[k] ?? 0) + (v ?? 0);
    }
    for (const i of d.items)
      add(items, i.name, { ...i }, (a) => {
        a.quantity += i.quantity;
        a.sales += i.sales;
      });
    for (const s of d.stations)
      add(stations, s.station, { ...s }, (a) => {
        a.receipts += s.receipts;
        a.sales += s.sales;
      });
    for (const s of d.servers)
      add(servers, s.name, { ...s }, (a) => {
        a.sales += s.sales;
        a.tips += s.tips;
      });
    for (const u of d.unparsed) r.unparsed.push(u);
    if (d.currency) currencies.set(d.currency, (currencies.get(d.currency) ?? 0) + d.saleCount);
  }
  finishTotals(r, currencies, items.values(), stations.values(), servers.values());
  return r;
}

/** Adds `fresh` under `key`, or merges into the one there. */
function add<T>(map: Map<string, T>, key: string, fresh: T, merge: (a: T) => void): void {
  const there = map.get(key);
  if (there) merge(there);
  else map.set(key, fresh);
}
