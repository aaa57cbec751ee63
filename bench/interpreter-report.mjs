// The interpreter benchmark's table, for one run (bench/interpreter.mjs) or as the median of
// several (bench/medians.mjs).
import { median, round } from './stats.mjs';

const fmt = (x) => x.toLocaleString('en-US', { maximumFractionDigits: 1 });
const result = (p) => (p === null ? '—' : p ? 'pass' : '**miss**');

/** Whether `mbps` meets a row's targets (null when it has none). */
export function meets(row, mbps) {
  if (row.targetMBps === null) return null;
  return mbps >= row.targetMBps && (!row.targetUsPer2KiB || 2048 / mbps < row.targetUsPer2KiB);
}

/** Rows as bench/interpreter.mjs makes them; `spread` names what the min–max range is over. */
export function interpreterTable(rows, spread = 'rounds') {
  return [
    `| case | mode | MB/s, median (${spread} min–max) | µs / receipt (mean size) | µs / 2 KiB | target | result |`,
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...rows.map((r) => {
      const range = r.mbpsRuns ?? r.mbpsRounds;
      const target =
        r.targetMBps === null
          ? '(reported)'
          : `≥ ${r.targetMBps} MB/s${r.targetUsPer2KiB ? `, 2 KiB < ${r.targetUsPer2KiB} µs` : ''}`;
      return (
        `| ${r.case} | ${r.mode} | **${fmt(r.mbpsMedian)}** (${fmt(Math.min(...range))}–${fmt(Math.max(...range))}) | ` +
        `${fmt(r.usPerReceipt)} (${fmt(r.meanBytes)} B) | ${fmt(r.usPer2KiB)} | ${target} | ${result(r.pass)} |`
      );
    }),
  ].join('\n');
}

/** One row per case and mode: the median over runs of each run's median (quiet runs only). */
export function medianOfRuns(runs) {
  return runs[runs.length - 1].results.map((last) => {
    const all = runs
      .map((run) => run.results.find((r) => r.case === last.case && r.mode === last.mode))
      .filter(Boolean);
    // A run that never had a quiet round for this row says little about it, if others did.
    const quiet = all.filter((r) => !r.busy);
    const same = quiet.length ? quiet : all;
    const mbps = median(same.map((r) => r.mbpsMedian));
    return {
      ...last,
      mbpsMedian: round(mbps, 1),
      mbpsRuns: same.map((r) => r.mbpsMedian),
      mbpsRounds: undefined,
      usPerReceipt: round(median(same.map((r) => r.usPerReceipt)), 1),
      usPer2KiB: round(2048 / mbps, 1),
      pass: meets(last, mbps),
      busy: quiet.length === 0,
      runs: same.length,
    };
  });
}
