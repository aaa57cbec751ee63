/** A Metrics sample for renderer tests: an idle service, with whatever a test changes. */
import type { Metrics } from '../../shared/api';

export function testMetrics(at: number, change: (m: Metrics) => void = () => {}): Metrics {
  const m: Metrics = {
    at,
    connections: {
      open: 0,
      max: 50,
      refused: 0,
      refusedOverLimit: 0,
      refusedPerPeer: 0,
      evictedIdle: 0,
      closedIdle: 0,
      refusedLastMinute: 0,
      maxPerPeer: 8,
      peers: [],
      paused: false,
    },
    pool: {
      threads: 2,
      busy: 0,
      queued: 0,
      maxQueue: 8,
      paused: false,
      waitMs: { p50: null, p99: null },
      runMs: { p50: null, p99: null },
      timeouts: 0,
      saturations: 0,
    },
    eventLoop: { delayP99Ms: 1.2, utilization: 0.01 },
    memory: { rssBytes: 90 << 20, heapUsedBytes: 20 << 20, heapTotalBytes: 30 << 20 },
    osThreads: 14,
    db: {
      fileBytes: 4096,
      commits: 0,
      batchSize: { p50: null, p99: null },
      commitMs: { p50: null, p99: null },
      waiting: 0,
      backlogBytes: 0,
      saturations: 0,
    },
    receipts: { perMinute: 0, truncated: 0, failed: 0, pendingInterpretation: 0 },
    disk: { state: 'ok', freeBytes: 40 * 2 ** 30, refusedWhileFull: 0, emptyNotStored: 0 },
    relay: {
      state: 'disabled',
      backlog: 0,
      oldestAgeS: null,
      deliveredPerMin: 0,
      dead: 0,
      lastError: null,
    },
    passThrough: [],
  };
  change(m);
  return m;
}
