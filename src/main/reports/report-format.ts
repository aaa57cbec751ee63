/**
 * Amounts and times as reports write them: minor units as a decimal number in the currency's
 * own digits (yen has none), times in the restaurant's time zone.
 */

const places = new Map<string, number>();

/** Digits after the decimal point for a currency (2 when it is not known). */
export function currencyPlaces(currency: string | null): number {
  if (!currency) return 2;
  let n = places.get(currency);
  if (n === undefined) {
    try {
      n =
        new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions()
          .maximumFractionDigits ?? 2;
    } catch {
      n = 2;
    }
    places.set(currency, n);
  }
  return n;
}

/** 1250 -> "12.50"; -1250 -> "-12.50"; 1280 yen -> "1280". */
export function minorToDecimal(minor: number, currency: string | null): string {
  const p = currencyPlaces(currency);
  if (p === 0) return String(minor);
  const sign = minor < 0 ? '-' : '';
  const a = Math.abs(minor);
  return `${sign}${Math.floor(a / 10 ** p)}.${String(a % 10 ** p).padStart(p, '0')}`;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** "2026-03-14 19:42:05" in the zone. */
export function zonedDateTime(utcMs: number, timeZone: string): string {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, f);
  }
  const p = Object.fromEntries(f.formatToParts(new Date(utcMs)).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}`;
}
