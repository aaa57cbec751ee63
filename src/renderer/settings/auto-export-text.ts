/**
 * The automatic export's state in the manager's words: "Last written: Mon 7 Dec, 04:15 —
 * 2026-12-06 (PDF, CSV)". Times are shown in the restaurant's time zone, where its days end.
 */
import type { AutoExportStatus, AutoExportWritten } from '../../shared/auto-export';

function when(utcMs: number, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    ...(timeZone ? { timeZone } : {}),
  }).format(new Date(utcMs));
}

const formatNames = (formats: readonly string[]) => formats.map((f) => f.toUpperCase()).join(', ');

export function lastWrittenText(last: AutoExportWritten, timeZone: string): string {
  const none = last.receipts === 0 ? ', no receipts that day' : '';
  return `Last written: ${when(last.at, timeZone)} — ${last.businessDay} (${formatNames(last.formats)}${none})`;
}

export function nextText(next: NonNullable<AutoExportStatus['next']>, timeZone: string): string {
  return `Next: ${next.businessDay}, written from ${when(next.at, timeZone)}.`;
}

export function problemTitle(
  problem: NonNullable<AutoExportStatus['problem']>,
  tz: string,
): string {
  return `Not written (${when(problem.at, tz)})`;
}

export function waitingText(
  waiting: NonNullable<AutoExportStatus['waiting']>,
  timeZone: string,
): string {
  const n = waiting.receipts;
  return `${waiting.businessDay} waits for the sales figures of ${n} ${n === 1 ? 'receipt' : 'receipts'} to be read; it is written by ${when(waiting.until, timeZone)} at the latest.`;
}
