/**
 * The wall clock of one IANA time zone, read from Intl (the PC's own time zone database, no date
 * library): how far the zone's clock is ahead of UTC at an instant, and which instant a wall-clock
 * time names. "Wall" times here are the local date and time written as if they were UTC ms, so
 * Date.UTC arithmetic on them is plain calendar arithmetic.
 */

const SECOND_MS = 1000;
const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Instants Intl writes with a four-digit year in the proleptic Gregorian calendar (years
 * 1000-9999, a day inside each end for the zone's offset). Outside it the parsed fields would
 * be wrong, so it is refused rather than guessed.
 */
const FIRST_MS = Date.UTC(1000, 0, 2);
const LAST_MS = Date.UTC(9999, 11, 30);

export class ZoneClock {
  private readonly format: Intl.DateTimeFormat;
  /** The last second asked and its offset: the hour walk and the bounds ask the same ones. */
  private lastSecond = Number.NaN;
  private lastOffset = 0;
  /** A UTC hour known to have one offset throughout, and that offset. */
  private steadyHour = Number.NaN;
  private steadyOffset = 0;

  /** Throws a RangeError when Intl does not know the zone. */
  constructor(readonly timeZone: string) {
    this.format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      calendar: 'gregory',
      numberingSystem: 'latn',
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
  }

  /** Milliseconds the zone's clock is ahead of UTC at `utcMs` (negative west of Greenwich). */
  offsetAt(utcMs: number): number {
    if (!(utcMs >= FIRST_MS && utcMs < LAST_MS)) {
      throw new RangeError(`The time ${utcMs} is outside the years 1000 to 9999.`);
    }
    // Offsets change on whole seconds (even the old local-mean-time ones), and Intl shows none
    // of the milliseconds, so the offset is that of the second.
    const hour = Math.floor(utcMs / HOUR_MS);
    if (hour === this.steadyHour) return this.steadyOffset;
    const second = Math.floor(utcMs / SECOND_MS);
    if (second === this.lastSecond) return this.lastOffset;
    const offset = this.offsetOfSecond(second);
    this.lastSecond = second;
    this.lastOffset = offset;
    // A report writes the time of every receipt, an Intl call each (40 µs: 0.2 s for a day of
    // 5,000). Zones change at most once in two days (see instantOf), so an hour whose first and
    // last seconds share an offset has it throughout, and its other instants need no call.
    const first = hour * (HOUR_MS / SECOND_MS);
    if (
      this.offsetOfSecond(first) === offset &&
      this.offsetOfSecond(first + HOUR_MS / SECOND_MS - 1) === offset
    ) {
      this.steadyHour = hour;
      this.steadyOffset = offset;
    }
    return offset;
  }

  private offsetOfSecond(second: number): number {
    return this.wallOfSecond(second) - second * SECOND_MS;
  }

  /** The wall-clock time at `utcMs`, as if it were UTC ms. */
  wallAt(utcMs: number): number {
    return utcMs + this.offsetAt(utcMs);
  }

  /**
   * The instant the wall clock reads `wallMs`. Twice (the hour repeated when clocks go back):
   * the first. Never (the hour skipped when they go forward): the first instant after the gap,
   * the moment the clocks jump.
   */
  instantOf(wallMs: number): number {
    // Every instant that reads wallMs lies within 14 hours of it, so a day either side is
    // before and after any change near it (zones change at most once in two days).
    const before = this.offsetAt(wallMs - DAY_MS);
    const after = this.offsetAt(wallMs + DAY_MS);
    const early = wallMs - Math.max(before, after);
    const late = wallMs - Math.min(before, after);
    if (this.wallAt(early) === wallMs) return early;
    if (this.wallAt(late) === wallMs) return late;
    // Two changes within two days (none in the time zone database from 1970 to 2037): take
    // the later reading rather than search.
    if (this.offsetAt(early) === this.offsetAt(late)) return late;
    return this.nextChange(early, late);
  }

  /**
   * The first instant after `from` with a different offset, given that `to` has one: the
   * moment the clocks change. Changes fall on whole seconds, so the search is over seconds.
   */
  nextChange(from: number, to: number): number {
    const offset = this.offsetAt(from);
    let lo = Math.floor(from / SECOND_MS);
    let hi = Math.floor(to / SECOND_MS);
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      if (this.offsetAt(mid * SECOND_MS) === offset) lo = mid;
      else hi = mid;
    }
    return hi * SECOND_MS;
  }

  /** Intl's "MM/DD/YYYY, HH:MM:SS" read as the six numbers in it, whatever separates them. */
  private wallOfSecond(second: number): number {
    const text = this.format.format(second * SECOND_MS);
    const n = [0, 0, 0, 0, 0, 0];
    let field = -1;
    let inNumber = false;
    for (let i = 0; i < text.length; i++) {
      const digit = text.charCodeAt(i) - 48;
      if (digit >= 0 && digit <= 9) {
        if (!inNumber) {
          field++;
          inNumber = true;
        }
        if (field < 6) n[field] = n[field] * 10 + digit;
      } else {
        inNumber = false;
      }
    }
    if (field !== 5) throw new Error(`Intl wrote the time as "${text}", which cannot be read.`);
    const [month, day, year, hour, minute, sec] = n;
    // Some engines wrote midnight as 24 under hour12: false; h23 should not, but be sure.
    return Date.UTC(year, month - 1, day, hour % 24, minute, sec);
  }
}

const clocks = new Map<string, ZoneClock>();

/** "2026-03-14 19:42:05": the wall-clock date and time in the zone at `utcMs`. */
export function wallDateTime(utcMs: number, timeZone: string): string {
  let clock = clocks.get(timeZone);
  if (!clock) {
    clock = new ZoneClock(timeZone);
    clocks.set(timeZone, clock);
  }
  return new Date(clock.wallAt(utcMs)).toISOString().slice(0, 19).replace('T', ' ');
}
