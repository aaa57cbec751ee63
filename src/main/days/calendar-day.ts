/**
 * Days as the restaurant counts them, in this PC's local time. A day is not always 24 hours
 * (daylight saving): each ends at the next local midnight. Pure: the time comes in as UTC ms.
 */
import type { DaySummary } from '../../shared';

const HOUR_MS = 60 * 60 * 1000;

/** Local midnight of the day `now` falls in. */
export function startOfDay(now: number): number {
  const d = new Date(now);
  d.setHours(0, 0, 0, 0);
  return d.getTime();
}

/** [start, end) of the local day `now` falls in. */
export function dayBounds(now: number): [number, number] {
  const start = startOfDay(now);
  return [start, startOfDay(start + 36 * HOUR_MS)];
}

/** The same weekday a week before the day that starts at `day`, as [start, end). */
export function sameDayLastWeek(day: number): [number, number] {
  return dayBounds(day - 7 * 24 * HOUR_MS + 12 * HOUR_MS);
}

/** Receipts of one day: per local hour since its start, and per station. */
export interface DayCounts {
  hours: number[];
  stations: Map<string, number>;
}

/** Today beside the same weekday last week, stations in name order. */
export function daySummary(day: number, today: DayCounts, lastWeek: DayCounts): DaySummary {
  const names = new Set([...today.stations.keys(), ...lastWeek.stations.keys()]);
  return {
    day,
    hours: today.hours,
    lastWeekHours: lastWeek.hours,
    stations: [...names].sort().map((station) => ({
      station,
      receipts: today.stations.get(station) ?? 0,
      lastWeek: lastWeek.stations.get(station) ?? 0,
    })),
  };
}
