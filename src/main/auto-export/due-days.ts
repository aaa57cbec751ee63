/**
 * Which business days the automatic export owes, from the clock alone: every day that has
 * ended (and its grace passed) since the export was turned on, within the catch-up bound, that
 * is not written yet. Pure: the same answer for the same arguments, whatever the clock did in
 * between (a PC that slept, a clock set back), so the timer only has to ask again now and then.
 */
import { type BusinessDayRule, businessDayBounds, businessDayOf } from '../days';

const DAY_MS = 24 * 60 * 60 * 1000;

/** "2026-12-07" plus `n` days (n may be negative). */
export function addDays(date: string, n: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d) + n * DAY_MS).toISOString().slice(0, 10);
}

export interface DuePlanInput {
  now: number;
  rule: BusinessDayRule;
  /** The first business day to write (the one before the day it was turned on). */
  since: string;
  isWritten: (day: string) => boolean;
  graceMs: number;
  /** Days back from the last finished one that are still written, at most. */
  maxDays: number;
}

export interface DuePlan {
  /** Days to write now, oldest first. */
  due: string[];
  /** The oldest day not written yet (due or not), and when it may be written. */
  next: { businessDay: string; at: number };
  /** Days on or after `since` left out because they are past the bound. */
  beyondBound: { from: string; to: string } | null;
}

export function dueDays(o: DuePlanInput): DuePlan {
  const today = businessDayOf(o.now, o.rule);
  const lastFinished = addDays(today, -1);
  const oldest = addDays(lastFinished, -(o.maxDays - 1));
  const first = o.since > oldest ? o.since : oldest;
  const due: string[] = [];
  let next: DuePlan['next'] | null = null;
  for (let day = first; day <= today; day = addDays(day, 1)) {
    if (o.isWritten(day)) continue;
    const at = businessDayBounds(day, o.rule)[1] + o.graceMs;
    next ??= { businessDay: day, at };
    if (o.now >= at) due.push(day);
  }
  return {
    due,
    next: next ?? { businessDay: today, at: businessDayBounds(today, o.rule)[1] + o.graceMs },
    beyondBound: o.since < oldest ? { from: o.since, to: addDays(oldest, -1) } : null,
  };
}
