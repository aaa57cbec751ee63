/** Display formats: local time for people, binary units for memory. */
import { currencyDigits } from '../shared/sales';
const time = new Intl.DateTimeFormat(undefined, {
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});
const day = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short' });

export function formatReceivedAt(utcMs: number, now = Date.now()): string {
  const at = new Date(utcMs);
  const sameDay = new Date(now).toDateString() === at.toDateString();
  return sameDay ? time.format(at) : `${day.format(at)} ${time.format(at)}`;
}

const clock = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });

/** A moment to the minute, as on a receipt: "12:04" today, "12 May 12:04" another day. */
export function formatClock(utcMs: number, now = Date.now()): string {
  const at = new Date(utcMs);
  const sameDay = new Date(now).toDateString() === at.toDateString();
  return sameDay ? clock.format(at) : `${day.format(at)} ${clock.format(at)}`;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KiB', 'MiB', 'GiB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}

export function formatMs(ms: number | null | undefined): string {
  return ms === null || ms === undefined ? '–' : `${ms < 10 ? ms.toFixed(1) : Math.round(ms)} ms`;
}

export function formatCount(n: number | null | undefined): string {
  return n === null || n === undefined ? '–' : n.toLocaleString();
}

/** How long ago a moment was, as people say it: "just now", "40 s ago", "2 min ago", "3 h ago". */
export function formatAgo(utcMs: number, now = Date.now()): string {
  const s = Math.max(0, Math.floor((now - utcMs) / 1000));
  if (s < 5) return 'just now';
  if (s < 60) return `${s} s ago`;
  const min = Math.floor(s / 60);
  if (min < 60) return `${min} min ago`;
  const h = Math.floor(min / 60);
  if (h < 24) return `${h} h ago`;
  const days = Math.floor(h / 24);
  return days === 1 ? '1 day ago' : `${days.toLocaleString()} days ago`;
}

const exact = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });

/** The date and time to the second, for when "2 min ago" is not enough. */
export function formatExact(utcMs: number): string {
  return exact.format(new Date(utcMs));
}

/**
 * Integer minor units as money: in the receipt's currency when it is known (yen has no
 * decimals), otherwise as a plain amount with two decimals.
 */
export function formatMoney(minor: number, currency: string | null): string {
  if (currency) {
    try {
      const f = new Intl.NumberFormat(undefined, { style: 'currency', currency });
      return f.format(minor / 10 ** currencyDigits(currency));
    } catch {
      // An unknown code: shown as a plain amount below.
    }
  }
  return (minor / 100).toLocaleString(undefined, {
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  });
}

/**
 * A report's amounts in its currency, and a dash where a figure has no amount (the average sale
 * of a day without sales).
 */
export function moneyOrDash(currency: string | null): (minor: number | null) => string {
  return (minor) => (minor === null ? '–' : formatMoney(minor, currency));
}
