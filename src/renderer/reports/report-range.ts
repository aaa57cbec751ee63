/**
 * The ranges the Reports screen offers, as first and last business day (YYYY-MM-DD, both
 * included): a week from Monday to Sunday, a calendar month, or the days picked.
 */
import { daysBefore } from '../business-day';

export type Period = 'day' | 'week' | 'month' | 'custom';

export interface DayRange {
  from: string;
  to: string;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The Monday-to-Sunday week holding `day`. */
export function weekOf(day: string): DayRange {
  const [y, m, d] = day.split('-').map(Number);
  const sinceMonday = (new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7;
  const from = daysBefore(day, sinceMonday);
  return { from, to: daysBefore(from, -6) };
}

/** The calendar month holding `day`. */
export function monthOf(day: string): DayRange {
  const [y, m] = day.split('-').map(Number);
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { from: `${y}-${pad(m)}-01`, to: `${y}-${pad(m)}-${pad(last)}` };
}

/** The week or month before (`step` -1) or after (+1) the one holding `day`. */
export function shiftRange(period: 'week' | 'month', day: string, step: number): DayRange {
  if (period === 'week') return weekOf(daysBefore(weekOf(day).from, -7 * step));
  const [y, m] = day.split('-').map(Number);
  const t = new Date(Date.UTC(y, m - 1 + step, 1));
  return monthOf(`${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-01`);
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "Mon 16 Nov – Sun 22 Nov 2026"; one day: "Mon 16 Nov 2026". */
export function describeRange({ from, to }: DayRange): string {
  const f = (day: string, year: boolean) => {
    const [y, m, d] = day.split('-').map(Number);
    const weekday = WEEKDAYS[new Date(Date.UTC(y, m - 1, d)).getUTCDay()];
    return `${weekday} ${d} ${MONTHS[m - 1]}${year ? ` ${y}` : ''}`;
  };
  return from === to ? f(from, true) : `${f(from, false)} – ${f(to, true)}`;
}
