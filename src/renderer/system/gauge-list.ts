/**
 * The System screen's gauges: what each shows, the number its sparkline draws, and when it is a
 * warning (needs a look) or failing (receipts are being held back or turned away). The header's
 * compact gauges use the same states, so a colour means the same thing everywhere.
 */
import type { Metrics } from '../../shared/api';
import { formatBytes, formatCount, formatMs } from '../format';

export type GaugeState = 'ok' | 'warning' | 'failing';

export interface GaugeStatus {
  state: GaugeState;
  /** What the state means, in words (colour is never the only cue). */
  note: string;
}

export interface GaugeDef {
  id: string;
  label: string;
  /** The reading shown large, e.g. "3 / 50". */
  value(m: Metrics): string;
  /** The number the sparkline draws; null where the service has none yet. */
  point(m: Metrics): number | null;
  /** A point as words, for the sparkline's label. */
  say(point: number): string;
  /** The sparkline's scale reaches at least this (the gauge's capacity), so 3 of 50 looks small. */
  ceiling?(m: Metrics): number;
  /** Only gauges with a limit have a state; the rest are plain readings. */
  status?(m: Metrics): GaugeStatus;
}

/** Event-loop delay the design allows at full load (DESIGN.md): above it the app can stutter. */
export const LOOP_TARGET_MS = 20;
const LOOP_FAILING_MS = 200;
/** A receipt waiting or being read this long shows late; 5 s is the default task time limit. */
const SLOW_MS = 1_000;
const TOO_SLOW_MS = 5_000;

/** Free space below this on the data volume needs a look before the disk fills up. */
export const DISK_LOW_BYTES = 256 * 1024 * 1024;

const ok = (note = 'OK'): GaugeStatus => ({ state: 'ok', note });

function slowness(ms: number | null, slow: string, tooSlow: string): GaugeStatus {
  if (ms === null || ms < SLOW_MS) return ok();
  if (ms < TOO_SLOW_MS) return { state: 'warning', note: slow };
  return { state: 'failing', note: tooSlow };
}

export const GAUGES: readonly GaugeDef[] = [
  {
    id: 'per-minute',
    label: 'Receipts per minute',
    value: (m) => formatCount(m.receipts.perMinute),
    point: (m) => m.receipts.perMinute,
    say: (n) => formatCount(n),
  },
  {
    id: 'connections',
    label: 'Connections',
    value: (m) => `${formatCount(m.connections.open)} / ${formatCount(m.connections.max)}`,
    point: (m) => m.connections.open,
    say: (n) => formatCount(n),
    ceiling: (m) => m.connections.max,
    status: ({ connections: c }) => {
      // Full is not yet a fault: a newcomer takes the slot of an idle connection.
      if (c.refusedLastMinute > 0) return { state: 'failing', note: 'Tills turned away' };
      if (c.open >= c.max) return { state: 'warning', note: 'Full: idle ones make room' };
      if (c.open >= c.max * 0.8) return { state: 'warning', note: 'Near the limit' };
      return ok();
    },
  },
  {
    id: 'pool-busy',
    label: 'Pool threads busy',
    value: (m) => `${formatCount(m.pool.busy)} / ${formatCount(m.pool.threads)}`,
    point: (m) => m.pool.busy,
    say: (n) => formatCount(n),
    ceiling: (m) => m.pool.threads,
  },
  {
    id: 'pool-queue',
    label: 'Pool queue',
    value: (m) => `${formatCount(m.pool.queued)} / ${formatCount(m.pool.maxQueue)}`,
    point: (m) => m.pool.queued,
    say: (n) => formatCount(n),
    ceiling: (m) => m.pool.maxQueue,
    status: ({ pool: p }) => {
      if (p.paused) return { state: 'failing', note: 'Full: printer ports paused' };
      if (p.queued >= p.maxQueue * 0.75) return { state: 'warning', note: 'Nearly full' };
      return ok();
    },
  },
  {
    id: 'wait-p99',
    label: 'Task wait p99',
    value: (m) => formatMs(m.pool.waitMs.p99),
    point: (m) => m.pool.waitMs.p99,
    say: formatMs,
    status: (m) => slowness(m.pool.waitMs.p99, 'Receipts wait long', 'Receipts show late'),
  },
  {
    id: 'run-p99',
    label: 'Task run p99',
    value: (m) => formatMs(m.pool.runMs.p99),
    point: (m) => m.pool.runMs.p99,
    say: formatMs,
    status: (m) => slowness(m.pool.runMs.p99, 'Slow to read', 'Receipts may fail to read'),
  },
  {
    id: 'loop-p99',
    label: 'Event-loop delay p99',
    value: (m) => formatMs(m.eventLoop.delayP99Ms),
    point: (m) => m.eventLoop.delayP99Ms,
    say: formatMs,
    ceiling: () => LOOP_TARGET_MS,
    status: ({ eventLoop: { delayP99Ms: ms } }) => {
      if (ms === null || ms <= LOOP_TARGET_MS) return ok();
      if (ms <= LOOP_FAILING_MS) return { state: 'warning', note: `Above ${LOOP_TARGET_MS} ms` };
      return { state: 'failing', note: 'The service is lagging' };
    },
  },
  {
    id: 'memory',
    label: 'Memory (RSS)',
    value: (m) => formatBytes(m.memory.rssBytes),
    point: (m) => m.memory.rssBytes,
    say: formatBytes,
  },
  {
    id: 'os-threads',
    label: 'OS threads',
    value: (m) => formatCount(m.osThreads),
    point: (m) => m.osThreads,
    say: (n) => formatCount(n),
  },
  {
    id: 'db-size',
    label: 'Receipts file',
    value: (m) => formatBytes(m.db.fileBytes),
    point: (m) => m.db.fileBytes,
    say: formatBytes,
  },
  {
    id: 'disk-backlog',
    label: 'Waiting for the disk',
    value: (m) => formatBytes(m.db.backlogBytes),
    point: (m) => m.db.backlogBytes,
    say: formatBytes,
  },
  {
    id: 'being-read',
    label: 'Being read',
    value: (m) => formatCount(m.receipts.pendingInterpretation),
    point: (m) => m.receipts.pendingInterpretation,
    say: (n) => formatCount(n),
  },
  {
    id: 'disk',
    label: 'Disk free',
    value: ({ disk }) => {
      if (disk.state === 'full') return 'Full';
      return disk.freeBytes === null ? 'unknown' : formatBytes(disk.freeBytes);
    },
    point: (m) => m.disk.freeBytes,
    say: formatBytes,
    status: ({ disk }) => {
      if (disk.state === 'full') return { state: 'failing', note: 'Full: printers say "no paper"' };
      if (disk.freeBytes !== null && disk.freeBytes < DISK_LOW_BYTES) {
        return { state: 'warning', note: 'Nearly full' };
      }
      return ok();
    },
  },
  {
    id: 'refused-full',
    label: 'Refused, disk full',
    value: (m) => formatCount(m.disk.refusedWhileFull),
    point: (m) => m.disk.refusedWhileFull,
    say: (n) => formatCount(n),
    status: ({ disk }) => {
      if (disk.refusedWhileFull === 0) return ok();
      if (disk.state === 'full') return { state: 'failing', note: 'Receipts turned away' };
      return { state: 'warning', note: 'Tills should reprint' };
    },
  },
];

export function gauge(id: string): GaugeDef {
  const def = GAUGES.find((g) => g.id === id);
  if (!def) throw new Error(`No gauge ${id}`);
  return def;
}

/** The CSS colour of a state (styles.css: AA contrast on the page in light and dark). */
export const STATE_COLOUR: Record<GaugeState, string> = {
  ok: 'var(--accent)',
  warning: 'var(--warn)',
  failing: 'var(--bad)',
};
