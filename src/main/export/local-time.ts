/** Dates and times in the PC's own time zone, written the same way in every locale. */
const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** `2026-11-22` */
export function localDate(utcMs: number): string {
  const d = new Date(utcMs);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** `130507`: hours, minutes, seconds, for file names that sort by time. */
export function localClock(utcMs: number): string {
  const d = new Date(utcMs);
  return `${pad(d.getHours())}${pad(d.getMinutes())}${pad(d.getSeconds())}`;
}

/** `2026-11-22 13:05:07`: what a spreadsheet reads as a date and time. */
export function localDateTime(utcMs: number): string {
  const d = new Date(utcMs);
  return `${localDate(utcMs)} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}
