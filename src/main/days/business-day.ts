/**
 * The restaurant's business day: from the day start (04:00 unless set otherwise) on one date to
 * the day start on the next, in the restaurant's time zone. A receipt printed at 00:30 belongs
 * to the evening before. Daylight saving makes some days 23 or 25 hours long (23.5 or 24.5 on
 * Lord Howe Island); the bounds come from the zone's real clock, so they come out right.
 *
 * Pure: every answer depends only on the arguments. The work done for a day (its bounds, its
 * hours) is kept per rule, so a report asking for thousands of receipts of the same few days
 * pays for Intl once per day, not once per receipt.
 */
import { parseDayStart } from '../../shared';
import { ZoneClock } from './zone-clock';

export interface BusinessDayRule {
  /** Local "HH:MM" at which a business day starts, e.g. "04:00". */
  dayStart: string;
  /** IANA time zone, e.g. "Europe/Berlin" (not empty: the service fills in the PC's own). */
  timeZone: string;
}

/** One local clock hour of a business day, as the hourly report counts it. */
export interface BusinessHour {
  /** Local wall-clock hour, 0-23. */
  hour: number;
  /** UTC ms, inclusive. */
  start: number;
  /** UTC ms, exclusive: the next hour's start. */
  end: number;
}

const MINUTE_MS = 60 * 1000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

interface DayEntry {
  /** "YYYY-MM-DD". */
  day: string;
  start: number;
  end: number;
  /** The zone's offset at the start: a good guess for receipts near this day. */
  offset: number;
  /** Computed when first asked for. */
  hours: BusinessHour[] | undefined;
}

/** Everything worked out for one rule: its zone's clock and the days asked about so far. */
class BusinessCalendar {
  /** Days keyed by their number since 1970-01-01; at most 4,096 (a few MB with their hours). */
  private readonly days = new Map<number, DayEntry>();
  private readonly starts = new Map<number, number>();
  private last: DayEntry | undefined;

  constructor(
    private readonly clock: ZoneClock,
    private readonly dayStartMs: number,
  ) {}

  dayOf(utcMs: number): DayEntry {
    const last = this.last;
    if (last !== undefined && utcMs >= last.start && utcMs < last.end) return last;
    // The date of (local time - day start), with the offset near the last day found as the
    // first guess; the bounds then decide, since a day start that falls in a repeated hour
    // (fall-back) or a skipped one (spring-forward) moves the edge from the simple reading.
    const offset = last !== undefined ? last.offset : this.clock.offsetAt(utcMs);
    let n = Math.floor((utcMs + offset - this.dayStartMs) / DAY_MS);
    for (let step = 0; step < 8; step++) {
      const entry = this.entry(n);
      if (utcMs < entry.start) n--;
      else if (utcMs >= entry.end) n++;
      else return (this.last = entry);
    }
    throw new Error(`No business day in ${this.clock.timeZone} holds the time ${utcMs}.`);
  }

  entry(n: number): DayEntry {
    let entry = this.days.get(n);
    if (entry === undefined) {
      if (this.days.size >= 4096) this.forget();
      const start = this.start(n);
      entry = {
        day: new Date(n * DAY_MS).toISOString().slice(0, 10),
        start,
        end: this.start(n + 1),
        offset: this.clock.offsetAt(start),
        hours: undefined,
      };
      this.days.set(n, entry);
    }
    return entry;
  }

  hoursOf(entry: DayEntry): BusinessHour[] {
    entry.hours ??= localHours(this.clock, entry.start, entry.end);
    return entry.hours;
  }

  /** The instant day `n` starts; shared with the end of day n - 1 so the days always meet. */
  private start(n: number): number {
    let start = this.starts.get(n);
    if (start === undefined) {
      start = this.clock.instantOf(n * DAY_MS + this.dayStartMs);
      this.starts.set(n, start);
    }
    return start;
  }

  /** A bound on memory for a service that runs for years; forgetting only costs time. */
  private forget(): void {
    this.days.clear();
    this.starts.clear();
    this.last = undefined;
  }
}

/**
 * The clock hours from `start` to `end`, each cut where the local hour changes or the clocks
 * change: a repeated hour comes twice, a skipped one not at all.
 */
function localHours(clock: ZoneClock, start: number, end: number): BusinessHour[] {
  const hours: BusinessHour[] = [];
  let t = start;
  while (t < end) {
    const offset = clock.offsetAt(t);
    const wall = t + offset;
    const nextWallHour = (Math.floor(wall / HOUR_MS) + 1) * HOUR_MS;
    let next = Math.min(nextWallHour - offset, end);
    if (clock.offsetAt(next - 1) !== offset) next = clock.nextChange(t, next - 1);
    hours.push({
      hour: Math.floor((wall - Math.floor(wall / DAY_MS) * DAY_MS) / HOUR_MS),
      start: t,
      end: next,
    });
    t = next;
  }
  return hours;
}

const calendars = new Map<string, BusinessCalendar>();

function calendarOf(rule: BusinessDayRule): BusinessCalendar {
  const key = `${rule.timeZone}\n${rule.dayStart}`;
  let calendar = calendars.get(key);
  if (calendar === undefined) {
    const dayStartMs = parseDayStart(rule.dayStart) * MINUTE_MS;
    let clock: ZoneClock;
    try {
      clock = new ZoneClock(rule.timeZone);
    } catch {
      throw new RangeError(
        `"${rule.timeZone}" is not a time zone this PC knows. Write it as Region/City, such as Europe/Berlin.`,
      );
    }
    // A handful of rules in a real service; a test trying many must not grow without end.
    if (calendars.size >= 64) calendars.clear();
    calendar = new BusinessCalendar(clock, dayStartMs);
    calendars.set(key, calendar);
  }
  return calendar;
}

/** The day number (since 1970-01-01) of a "YYYY-MM-DD"; throws a sentence when it is none. */
function dayNumber(day: string): number {
  const m = ISO_DATE.exec(day);
  const ms = m === null ? Number.NaN : Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  // Date.UTC rolls 2026-02-30 over to March: a date that does not read back is not one.
  if (m === null || Number(m[1]) < 1000 || new Date(ms).toISOString().slice(0, 10) !== day) {
    throw new RangeError(`"${day}" is not a date. Write a business day as 2026-03-29.`);
  }
  return ms / DAY_MS;
}

let systemZone: string | null = null;

/**
 * The time zone this PC is set to, for the service to use when the settings name none. Node's
 * ICU reads the zone once when the process starts, so it is asked once: a DateTimeFormat made
 * for each receipt cost the relay 7% of its main thread.
 */
export function systemTimeZone(): string {
  systemZone ??= new Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  return systemZone;
}

/** "YYYY-MM-DD" of the business day a receipt received at `receivedAtMs` (UTC ms) belongs to. */
export function businessDayOf(receivedAtMs: number, rule: BusinessDayRule): string {
  return calendarOf(rule).dayOf(receivedAtMs).day;
}

/** [start, end) of a business day in UTC ms; the end is the next day's start. */
export function businessDayBounds(day: string, rule: BusinessDayRule): [number, number] {
  const entry = calendarOf(rule).entry(dayNumber(day));
  return [entry.start, entry.end];
}

/** The local clock hour (0-23) at which a receipt was received, for the hourly figures. */
export function businessHourOf(receivedAtMs: number, rule: BusinessDayRule): number {
  return hourSlot(receivedAtMs, rule).hour;
}

/**
 * Which of its business day's hours (an index into businessDayHours) a receipt falls in. Unlike
 * the hour number, it tells the two 02:00 hours of a fall-back night apart.
 */
export function businessHourIndex(receivedAtMs: number, rule: BusinessDayRule): number {
  return hourSlot(receivedAtMs, rule).index;
}

/**
 * The local clock hours of a business day in order: 24 on most days, 23 or 25 when the clocks
 * change (a repeated hour comes twice, each with its own start and end). A day start that is
 * not on the hour cuts its hour in two: 06:30 gives 06:30-07:00 first and 06:00-06:30 last.
 */
export function businessDayHours(day: string, rule: BusinessDayRule): BusinessHour[] {
  const calendar = calendarOf(rule);
  return calendar.hoursOf(calendar.entry(dayNumber(day))).map((h) => ({ ...h }));
}

function hourSlot(receivedAtMs: number, rule: BusinessDayRule): { hour: number; index: number } {
  const calendar = calendarOf(rule);
  const hours = calendar.hoursOf(calendar.dayOf(receivedAtMs));
  // The last hour starting at or before the receipt; the day holds it, so one does.
  let lo = 0;
  let hi = hours.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (hours[mid].start <= receivedAtMs) lo = mid;
    else hi = mid - 1;
  }
  return { hour: hours[lo].hour, index: lo };
}
