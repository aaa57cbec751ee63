/**
 * A business day's receipts summed into the daily report. Pure: the receipts (with their
 * figures), the day's hours and the restaurant's settings come in, the report goes out, so the
 * same sums serve the JSON, the CSV, the spreadsheet and the PDF.
 *
 * The sums follow the definitions: total = sale totals (tax, tips, service included) −
 * refund totals; payments add up to total exactly; net sales = total − tax − tips − service;
 * gross sales = net sales + discounts + refunds net of their tax.
 */
import {
  type DailyReport,
  emptyPosDay,
  PAYMENT_METHOD_NAMES,
  type PosDayFigures,
  type ReceiptFigures,
  type ReportPaymentKey,
  type ZReportLine,
} from '../../shared';
import { finishTotals, zeroCounts, zeroMerged } from './report-totals';

export interface ReportReceipt {
  id: number;
  receivedAt: number;
  station: string;
  drawerKicks: number;
  /** Null while not read yet, or when the receipt could not be read. */
  figures: ReceiptFigures | null;
  /** Why there are no figures, when there are none. */
  unread?: string | null;
}

export interface ReportInput {
  businessDay: string;
  timezone: string;
  dayStart: string;
  restaurantName: string;
  station: string | null;
  currency: string | null;
  from: number;
  to: number;
  /** The day's local hours, in order (23, 24 or 25 of them). */
  hours: { hour: number; start: number; end: number }[];
  /** The day's receipts, oldest first. */
  receipts: ReportReceipt[];
}

export function buildDailyReport(input: ReportInput): DailyReport {
  const r: DailyReport = {
    businessDay: input.businessDay,
    timezone: input.timezone,
    dayStart: input.dayStart,
    restaurantName: input.restaurantName,
    station: input.station,
    from: input.from,
    to: input.to,
    currency: input.currency,
    ...zeroCounts(),
    hourly: input.hours.map((h) => ({ hour: h.hour, from: h.start, receipts: 0, sales: 0 })),
    ...zeroMerged(),
    reprintIds: [],
    unparsed: [],
    zReport: null,
  };
  const items = new Map<string, { name: string; quantity: number; sales: number }>();
  const stations = new Map<string, { station: string; receipts: number; sales: number }>();
  const servers = new Map<string, { name: string; sales: number; tips: number }>();
  const printed = new Set<string>();
  const currencies = new Map<string, number>();
  let refundTax = 0;
  /** Each till's last Z report: together they should say what the receipts say. */
  const zByStation = new Map<string, { id: number; day: PosDayFigures }>();

  for (const receipt of input.receipts) {
    const f = receipt.figures;
    r.receiptCount++;
    r.drawerOpens += receipt.drawerKicks;
    const station = stations.get(receipt.station) ?? {
      station: receipt.station,
      receipts: 0,
      sales: 0,
    };
    stations.set(receipt.station, station);
    station.receipts++;
    const hour = hourOf(input.hours, receipt.receivedAt);
    if (hour >= 0) r.hourly[hour].receipts++;
    if (!f) {
      r.unparsedCount++;
      r.unparsed.push({
        ...where(receipt),
        reason: receipt.unread ?? 'Its sales figures have not been read yet.',
      });
      continue;
    }
    if (f.currency) currencies.set(f.currency, (currencies.get(f.currency) ?? 0) + 1);
    if (f.kind === 'sale' || f.kind === 'refund') {
      if (f.total === null) {
        r.unparsedCount++;
        r.unparsed.push({ ...where(receipt), reason: f.problems[0] ?? 'No total was found.' });
        continue;
      }
      // The same order with the same total printed again is a copy, not a second sale.
      if (f.header.order !== null) {
        const key = `${receipt.station}|${f.kind}|${f.header.order}|${f.total}`;
        if (printed.has(key)) {
          r.reprints++;
          r.reprintIds.push(receipt.id);
          continue;
        }
        printed.add(key);
      }
    }
    const sign = f.kind === 'refund' ? -1 : 1;
    const tax = f.taxes.reduce((n, t) => n + t.amount, 0);
    switch (f.kind) {
      case 'sale':
      case 'refund': {
        const collected = f.total! + (f.kind === 'sale' ? (f.tip ?? 0) : 0);
        if (f.kind === 'sale') {
          r.saleCount++;
          r.tips += f.tip ?? 0;
          r.serviceCharges += f.serviceCharge ?? 0;
          r.discounts += f.discounts;
          r.covers += f.header.covers ?? 0;
        } else {
          r.refundCount++;
          r.refunds += f.total!;
          refundTax += tax;
        }
        r.total += sign * collected;
        r.tax += sign * tax;
        addPayments(r.payments, f, collected, sign);
        const net = sign * (collected - tax - (f.kind === 'sale' ? (f.tip ?? 0) : 0));
        station.sales += net;
        if (hour >= 0) r.hourly[hour].sales += net;
        for (const i of f.items) {
          const item = items.get(i.name) ?? { name: i.name, quantity: 0, sales: 0 };
          items.set(i.name, item);
          item.quantity += sign * i.quantity;
          item.sales += sign * (i.amount ?? 0);
        }
        if (f.header.server) {
          const s = servers.get(f.header.server) ?? { name: f.header.server, sales: 0, tips: 0 };
          servers.set(f.header.server, s);
          s.sales += net;
          if (f.kind === 'sale') s.tips += f.tip ?? 0;
        }
        break;
      }
      case 'void':
        r.voidCount++;
        break;
      case 'kitchen':
        r.kitchenTicketCount++;
        break;
      case 'no-sale':
        r.otherCount++;
        r.noSaleDrawerOpens += receipt.drawerKicks;
        break;
      case 'z-report':
        r.otherCount++;
        if (f.posDay) zByStation.set(receipt.station, { id: receipt.id, day: f.posDay });
        break;
      default:
        r.otherCount++;
    }
  }
  r.netSales = r.total - r.tax - r.tips - r.serviceCharges;
  r.grossSales = r.netSales + r.discounts + (r.refunds - refundTax);
  finishTotals(r, currencies, items.values(), stations.values(), servers.values());
  if (zByStation.size > 0) {
    const zs = [...zByStation.values()];
    r.zReport = {
      receiptIds: zs.map((z) => z.id),
      lines: zLines(sumDays(zs.map((z) => z.day)), r),
    };
  }
  return r;
}

/**
 * A receipt's payments into the day's, cash net of the change given; whatever its payment lines
 * do not account for (none printed, or they do not add up) goes under "unknown", so the day's
 * payments always add up to its total.
 */
function addPayments(
  payments: DailyReport['payments'],
  f: ReceiptFigures,
  collected: number,
  sign: number,
): void {
  let accounted = 0;
  let change = f.change ?? 0;
  for (const p of f.payments) {
    let amount = p.amount;
    if (p.method === 'cash' && change > 0) {
      const back = Math.min(change, amount);
      amount -= back;
      change -= back;
    }
    payments[p.method] = (payments[p.method] ?? 0) + sign * amount;
    accounted += amount;
  }
  const rest = collected - accounted;
  if (rest !== 0) payments.unknown = (payments.unknown ?? 0) + sign * rest;
}

/** Which of the day's hours an instant falls in (-1: outside the day). */
function hourOf(hours: ReportInput['hours'], at: number): number {
  for (let k = 0; k < hours.length; k++) if (at >= hours[k].start && at < hours[k].end) return k;
  return -1;
}

function where(receipt: ReportReceipt) {
  return { id: receipt.id, receivedAt: receipt.receivedAt, station: receipt.station };
}

/** Several tills' Z figures as one: each figure summed where any till printed it. */
function sumDays(days: PosDayFigures[]): PosDayFigures {
  const add = (a: number | null, b: number | null) => (a === null ? b : b === null ? a : a + b);
  const out = emptyPosDay();
  for (const d of days) {
    out.total = add(out.total, d.total);
    out.netSales = add(out.netSales, d.netSales);
    out.tax = add(out.tax, d.tax);
    out.tips = add(out.tips, d.tips);
    out.refunds = add(out.refunds, d.refunds);
    out.discounts = add(out.discounts, d.discounts);
    out.receipts = add(out.receipts, d.receipts);
    for (const [m, v] of Object.entries(d.payments)) {
      const k = m as keyof PosDayFigures['payments'];
      out.payments[k] = (out.payments[k] ?? 0) + (v ?? 0);
    }
  }
  return out;
}

/** The POS's Z report beside the computed day, figure by figure (those the POS printed). */
function zLines(pos: PosDayFigures, day: DailyReport): ZReportLine[] {
  const lines: ZReportLine[] = [];
  const add = (figure: string, printed: number | null, computed: number) => {
    if (printed !== null) {
      lines.push({ figure, pos: printed, computed, difference: computed - printed });
    }
  };
  add('Total collected', pos.total, day.total);
  add('Net sales', pos.netSales, day.netSales);
  add('Tax', pos.tax, day.tax);
  add('Tips', pos.tips, day.tips);
  add('Refunds', pos.refunds, day.refunds);
  add('Discounts', pos.discounts, day.discounts);
  for (const [method, amount] of Object.entries(pos.payments)) {
    const name = PAYMENT_METHOD_NAMES[method as ReportPaymentKey] ?? method;
    add(`Payments: ${name.toLowerCase()}`, amount, day.payments[method as ReportPaymentKey] ?? 0);
  }
  add('Receipts', pos.receipts, day.saleCount + day.refundCount);
  return lines;
}
