/** The states behind the System screen's colours: when a gauge needs a look, when it is failing. */
import { describe, expect, it } from 'vitest';
import type { Metrics } from '../../shared/api';
import { formatAgo } from '../format';
import { testMetrics } from '../state/test-metrics';
import { GAUGES, gauge } from './gauge-list';

const stateOf = (id: string, change: Parameters<typeof testMetrics>[1]) =>
  gauge(id).status!(testMetrics(0, change)).state;

describe('gauge states', () => {
  it('an idle service is all OK, and every gauge has a reading and a point', () => {
    const idle = testMetrics(0, (m) => {
      m.pool.waitMs.p99 = 0.4;
      m.pool.runMs.p99 = 1.1;
    });
    for (const g of GAUGES) {
      expect(g.status?.(idle).state ?? 'ok', g.label).toBe('ok');
      expect(g.value(idle), g.label).not.toBe('–');
      expect(g.point(idle), g.label).not.toBeNull();
    }
  });

  it('connections: near or at the limit is a warning, tills turned away failing', () => {
    expect(stateOf('connections', (m) => (m.connections.open = 39))).toBe('ok');
    expect(stateOf('connections', (m) => (m.connections.open = 40))).toBe('warning');
    // Full, a newcomer still gets the slot of an idle connection.
    expect(stateOf('connections', (m) => (m.connections.open = 50))).toBe('warning');
    expect(stateOf('connections', (m) => (m.connections.refusedLastMinute = 1))).toBe('failing');
  });

  it('pool queue: nearly full is a warning, saturated (ports paused) failing', () => {
    expect(stateOf('pool-queue', (m) => (m.pool.queued = 5))).toBe('ok');
    expect(stateOf('pool-queue', (m) => (m.pool.queued = 6))).toBe('warning');
    expect(
      stateOf('pool-queue', (m) => {
        m.pool.queued = 8;
        m.pool.paused = true;
      }),
    ).toBe('failing');
    expect(gauge('pool-queue').status!(testMetrics(0, (m) => (m.pool.paused = true))).note).toBe(
      'Full: printer ports paused',
    );
  });

  it('event-loop delay above the 20 ms target is a warning, far above it failing', () => {
    expect(stateOf('loop-p99', (m) => (m.eventLoop.delayP99Ms = 20))).toBe('ok');
    expect(stateOf('loop-p99', (m) => (m.eventLoop.delayP99Ms = 21))).toBe('warning');
    expect(stateOf('loop-p99', (m) => (m.eventLoop.delayP99Ms = 450))).toBe('failing');
    expect(stateOf('loop-p99', (m) => (m.eventLoop.delayP99Ms = null))).toBe('ok');
  });

  it('disk: little space left is a warning, full (printers say "no paper") failing', () => {
    expect(stateOf('disk', (m) => (m.disk.freeBytes = 300 * 2 ** 20))).toBe('ok');
    expect(stateOf('disk', (m) => (m.disk.freeBytes = 200 * 2 ** 20))).toBe('warning');
    const full = testMetrics(0, (m) => {
      m.disk.state = 'full';
      m.disk.freeBytes = 0;
    });
    expect(gauge('disk').status!(full)).toEqual({
      state: 'failing',
      note: 'Full: printers say "no paper"',
    });
    expect(gauge('disk').value(full)).toBe('Full');
    expect(gauge('disk').value(testMetrics(0, (m) => (m.disk.freeBytes = 3 * 2 ** 30)))).toBe(
      '3.0 GiB',
    );
  });

  it('receipts refused while full: failing during the outage, a warning after it', () => {
    expect(stateOf('refused-full', () => {})).toBe('ok');
    const during = (m: Metrics) => {
      m.disk.state = 'full';
      m.disk.refusedWhileFull = 2;
    };
    expect(stateOf('refused-full', during)).toBe('failing');
    expect(stateOf('refused-full', (m) => (m.disk.refusedWhileFull = 2))).toBe('warning');
  });

  it('receipts waiting or being read for seconds are a warning, then failing', () => {
    expect(stateOf('wait-p99', (m) => (m.pool.waitMs.p99 = 1_500))).toBe('warning');
    expect(stateOf('run-p99', (m) => (m.pool.runMs.p99 = 6_000))).toBe('failing');
  });
});

describe('formatAgo', () => {
  const now = Date.UTC(2026, 4, 12, 18, 0, 0);
  it.each([
    [now - 2_000, 'just now'],
    [now + 3_000, 'just now'], // a clock a little ahead is not "in the future"
    [now - 40_000, '40 s ago'],
    [now - 2 * 60_000 - 59_000, '2 min ago'],
    [now - 3 * 3_600_000, '3 h ago'],
    [now - 30 * 3_600_000, '1 day ago'],
    [now - 9 * 86_400_000, '9 days ago'],
  ])('%i reads as %s', (at, said) => expect(formatAgo(at, now)).toBe(said));
});
