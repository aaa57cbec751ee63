/** Business days as the screens pick them: YYYY-MM-DD, by this screen's clock. */
const pad = (n: number) => String(n).padStart(2, '0');

/** Today's business day, the day starting at `dayStart` ("04:00"): 01:30 is still yesterday. */
export function businessToday(dayStart: string, now = Date.now()): string {
  const [h, m] = dayStart.split(':').map(Number);
  const d = new Date(now - (h * 60 + m) * 60_000);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** The business day `days` before `day` (by the calendar: 7 is the same weekday). */
export function daysBefore(day: string, days: number): string {
  const [y, mo, d] = day.split('-').map(Number);
  const t = new Date(Date.UTC(y, mo - 1, d - days));
  return `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`;
}
