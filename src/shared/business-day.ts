/**
 * When the restaurant's business day starts and in which time zone, as the manager sets it.
 * A night that goes on past midnight still counts to the evening it began: the day starts at
 * 04:00 unless said otherwise. The service computes the days (src/main/days); this file only
 * checks what the manager typed, so the Settings screen and a settings file say the same.
 */
import { z } from 'zod';

export const DEFAULT_DAY_START = '04:00';

/** "04:00", also "4:00": hours 0-23, minutes 00-59. */
const DAY_START = /^([01]?\d|2[0-3]):([0-5]\d)$/;

/** What is wrong with a day start as typed, or null when it is a time of day. */
export function dayStartProblem(text: string): string | null {
  if (DAY_START.test(text)) return null;
  return `"${text}" is not a time of day. Write when the business day starts as hours and minutes, such as 04:00.`;
}

/** Minutes after local midnight at which the business day starts; throws the sentence above. */
export function parseDayStart(text: string): number {
  const m = DAY_START.exec(text);
  if (m === null) throw new Error(dayStartProblem(text) ?? 'The day start is not a time of day.');
  return Number(m[1]) * 60 + Number(m[2]);
}

/**
 * What is wrong with a time zone name, or null when this PC's time zone database knows it
 * (Intl is the judge: the same one that computes the days). Empty means the PC's own zone.
 */
export function timeZoneProblem(zone: string): string | null {
  if (zone === '') return null;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return null;
  } catch {
    return `"${zone}" is not a time zone this PC knows. Write it as Region/City, such as Europe/Berlin, or leave it empty to use this PC's time zone.`;
  }
}

export const businessDaySchema = z.object({
  /** Local time of day at which one business day ends and the next begins. */
  dayStart: z
    .string()
    .trim()
    .refine((v) => dayStartProblem(v) === null, {
      error: (issue) => dayStartProblem(String(issue.input)) ?? 'Give a time of day.',
    })
    .default(DEFAULT_DAY_START),
  /** IANA name such as Europe/Berlin; empty: the time zone of the PC the service runs on. */
  timeZone: z
    .string()
    .trim()
    .refine((v) => timeZoneProblem(v) === null, {
      error: (issue) => timeZoneProblem(String(issue.input)) ?? 'Give a time zone.',
    })
    .default(''),
});

export type BusinessDaySettings = z.infer<typeof businessDaySchema>;
