/**
 * The daily report of a business day from the store: the day's bounds and hours in the
 * restaurant's time zone, its receipts with their figures, summed by buildDailyReport.
 */
import type { DailyReport, ReportDay, Settings } from '../../shared';
import { businessDayBounds, businessDayHours, systemTimeZone } from '../days';
import type { ReportQueries } from '../store';
import { buildDailyReport } from './daily-report';

export interface DailyReportsOptions {
  queries: () => ReportQueries;
  business: () => Settings['business'];
}

export class DailyReports {
  constructor(private readonly o: DailyReportsOptions) {}

  daily({ date, station }: ReportDay): DailyReport {
    const b = this.o.business();
    const rule = { dayStart: b.dayStart, timeZone: b.timeZone || systemTimeZone() };
    const [from, to] = businessDayBounds(date, rule);
    const rows = this.o.queries().receiptsWithFigures(from, to, station ?? null);
    return buildDailyReport({
      businessDay: date,
      timezone: rule.timeZone,
      dayStart: rule.dayStart,
      restaurantName: b.restaurantName,
      station: station ?? null,
      currency: b.currency || null,
      from,
      to,
      hours: businessDayHours(date, rule),
      receipts: rows.map((r) => ({
        ...r,
        // Not read yet, or unreadable: no figures, listed as unparsed with the reason.
        figures: r.figures,
        unread:
          r.status === 'pending'
            ? 'Not read yet.'
            : r.status === 'failed'
              ? 'This receipt could not be read.'
              : null,
      })),
    });
  }
}
