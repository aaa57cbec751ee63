/**
 * How long the relay waits before sending a failed batch again: exponential backoff with full
 * jitter (sleep = random(0, min(cap, base·2^attempt))), so desks that lost the endpoint at the
 * same moment do not come back in step, and the endpoint's Retry-After as a floor.
 */

export const BACKOFF_BASE_MS = 1_000;
export const BACKOFF_CAP_MS = 5 * 60_000;
/**
 * The longest Retry-After honoured. Long enough for an endpoint's maintenance or rate-limit
 * window; short enough that a wrong value (a misconfigured proxy, or this PC's clock far behind
 * the server's for the date form) delays the relay by a quarter of an hour at most, not a day.
 */
export const RETRY_AFTER_MAX_MS = 15 * 60_000;

export interface BackoffOptions {
  baseMs?: number;
  capMs?: number;
  /** Uniform in [0, 1), as Math.random; tests pass their own. */
  random?: () => number;
}

/**
 * The full-jitter delay before retry number `attempt` (0 after the first failure): uniform in
 * [0, min(cap, base·2^attempt)], whole milliseconds.
 */
export function backoffDelay(attempt: number, o: BackoffOptions = {}): number {
  const base = o.baseMs ?? BACKOFF_BASE_MS;
  const cap = o.capMs ?? BACKOFF_CAP_MS;
  const random = o.random ?? Math.random;
  const n = Number.isFinite(attempt) && attempt > 0 ? Math.floor(attempt) : 0;
  // 2^n overflows to Infinity past n = 1023, and min() then gives the cap: no special case needed
  // beyond keeping n a whole number.
  const ceiling = Math.min(cap, base * 2 ** n);
  const r = Math.min(Math.max(random(), 0), 1);
  return Math.round(r * ceiling);
}

/**
 * The delay before the next attempt: the jittered backoff, but never less than what the endpoint
 * asked for with Retry-After.
 *
 * Why the larger of the two, and not Retry-After alone: Retry-After is the endpoint's floor ("not
 * before"), and honouring it is the point. But a proxy that answers every request with 503 and
 * "Retry-After: 1" would, if obeyed alone, have the desk retry every second for as long as the
 * outage lasts; taking the larger keeps the backoff's growth. When Retry-After is the larger,
 * desks sent the same value come back together; that is a restaurant group's few desks at once,
 * which the endpoint asked for.
 */
export function nextDelay(
  attempt: number,
  retryAfterMs: number | null,
  o: BackoffOptions = {},
): number {
  return Math.max(backoffDelay(attempt, o), retryAfterMs ?? 0);
}

/**
 * Retry-After (RFC 9110 §10.2.3) in milliseconds from `nowMs`: either delay-seconds ("120") or
 * an HTTP-date (IMF-fixdate, or the obsolete RFC 850 and asctime forms recipients must accept).
 * A date in the past gives 0; a value above `maxMs` gives `maxMs`; anything else gives null.
 * Pass the response's own Date header as `nowMs` when it has one: then the date form does not
 * depend on this PC's clock agreeing with the server's.
 */
export function parseRetryAfter(
  header: string | null | undefined,
  nowMs: number,
  maxMs: number = RETRY_AFTER_MAX_MS,
): number | null {
  if (header == null) return null;
  const value = header.trim();
  if (value === '' || value.length > 64) return null;
  let ms: number;
  if (/^\d+$/.test(value)) {
    ms = Number(value) * 1000;
  } else {
    const at = parseHttpDate(value);
    if (at === null) return null;
    ms = at - nowMs;
  }
  return Math.min(Math.max(ms, 0), maxMs);
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const IMF_FIXDATE = /^[A-Za-z]{3}, (\d{2}) ([A-Za-z]{3}) (\d{4}) (\d{2}):(\d{2}):(\d{2}) GMT$/;
const RFC850_DATE = /^[A-Za-z]{6,9}, (\d{2})-([A-Za-z]{3})-(\d{2}) (\d{2}):(\d{2}):(\d{2}) GMT$/;
const ASCTIME_DATE = /^[A-Za-z]{3} ([A-Za-z]{3}) ([ \d]\d) (\d{2}):(\d{2}):(\d{2}) (\d{4})$/;

/**
 * An HTTP-date as epoch milliseconds, or null. Written out rather than left to Date.parse, which
 * reads the asctime form (no zone) as local time and accepts many forms HTTP does not.
 */
export function parseHttpDate(value: string, nowMs: number = Date.now()): number | null {
  let m = IMF_FIXDATE.exec(value);
  if (m) return utc(Number(m[3]), m[2], m[1], m[4], m[5], m[6]);
  m = RFC850_DATE.exec(value);
  if (m) {
    // RFC 9110 §5.6.7: a two-digit year that would be more than 50 years in the future is the
    // most recent past year with those two digits.
    const thisYear = new Date(nowMs).getUTCFullYear();
    let year = Math.floor(thisYear / 100) * 100 + Number(m[3]);
    if (year > thisYear + 50) year -= 100;
    return utc(year, m[2], m[1], m[4], m[5], m[6]);
  }
  m = ASCTIME_DATE.exec(value);
  if (m) return utc(Number(m[6]), m[1], m[2].trim(), m[3], m[4], m[5]);
  return null;
}

function utc(
  year: number,
  month: string,
  day: string,
  hh: string,
  mm: string,
  ss: string,
): number | null {
  const mon = MONTHS.indexOf(month.toLowerCase());
  const d = Number(day);
  const [h, mi, s] = [Number(hh), Number(mm), Number(ss)];
  // Seconds up to 60: a leap second is a valid HTTP-date.
  if (mon < 0 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) return null;
  const at = Date.UTC(year, mon, d, h, mi, s);
  // 31 Feb rolls over into March in Date.UTC: refuse a day the month does not have.
  if (new Date(at).getUTCDate() !== d && s !== 60) return null;
  return at;
}
