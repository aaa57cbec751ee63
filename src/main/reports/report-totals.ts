/**
 * The figures a daily report and a range report both carry, started at zero and finished the
 * same way, so the two reports cannot drift apart in what they count or how they order it.
 */
import type { DailyReport, ReportPaymentKey } from '../../shared';

/** The amounts and counts every report starts from, in the reports' field order. */
export function zeroCounts() {
  return {
    receiptCount: 0,
    saleCount: 0,
    refundCount: 0,
    voidCount: 0,
    kitchenTicketCount: 0,
    otherCount: 0,
    unparsedCount: 0,
    grossSales: 0,
    discounts: 0,
    refunds: 0,
    netSales: 0,
    tax: 0,
    tips: 0,
    serviceCharges: 0,
    total: 0,
    payments: {} as Partial<Record<ReportPaymentKey, number>>,
    averageSale: null as number | null,
    covers: 0,
  };
}

/** The merged lists and drawer counts every report starts from, after its per-hour table. */
export function zeroMerged() {
  return {
    items: [] as DailyReport['items'],
    stations: [] as DailyReport['stations'],
    servers: [] as DailyReport['servers'],
    drawerOpens: 0,
    noSaleDrawerOpens: 0,
    reprints: 0,
  };
}

type Finished = Pick<
  DailyReport,
  'saleCount' | 'netSales' | 'averageSale' | 'currency' | 'items' | 'stations' | 'servers'
>;

/**
 * The average sale, the currency most sales were in (unless one was set), and the merged items,
 * stations and servers in the reports' order.
 */
export function finishTotals<R extends Finished>(
  r: R,
  currencies: Map<string, number>,
  items: Iterable<R['items'][number]>,
  stations: Iterable<R['stations'][number]>,
  servers: Iterable<R['servers'][number]>,
): void {
  r.averageSale = r.saleCount > 0 ? Math.round(r.netSales / r.saleCount) : null;
  r.currency ??= [...currencies].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
  r.items = [...items].sort((a, b) => b.sales - a.sales || a.name.localeCompare(b.name));
  r.stations = [...stations].sort((a, b) => a.station.localeCompare(b.station));
  r.servers = [...servers].sort((a, b) => b.sales - a.sales);
}
