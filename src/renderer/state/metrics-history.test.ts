/** The sparklines' memory: ten minutes of samples, never more, in time order. */
import { describe, expect, it } from 'vitest';
import { create } from 'zustand';
import type { Metrics } from '../../shared/api';
import {
  HISTORY_MAX,
  HISTORY_MS,
  appendSample,
  recordMetricsHistory,
  seriesOf,
  useMetricsHistory,
} from './metrics-history';
import { testMetrics } from './test-metrics';

const T0 = Date.UTC(2026, 4, 12, 18, 0, 0);
const seconds = (from: number, count: number) =>
  Array.from({ length: count }, (_, i) => testMetrics(T0 + (from + i) * 1000));
const fill = (samples: Metrics[]) =>
  samples.reduce<readonly Metrics[]>((h, m) => appendSample(h, m), []);

describe('metrics history', () => {
  it('keeps the last ten minutes of one-second samples, oldest first', () => {
    const h = fill(seconds(0, 15 * 60));
    expect(h.at(-1)!.at - h[0].at).toBe(HISTORY_MS);
    expect(h).toHaveLength(HISTORY_MS / 1000 + 1);
    expect(h.every((m, i) => i === 0 || m.at > h[i - 1].at)).toBe(true);
  });

  it('stays bounded by count even when samples come faster than once a second', () => {
    let h: readonly Metrics[] = [];
    for (let i = 0; i < HISTORY_MAX * 3; i++) h = appendSample(h, testMetrics(T0 + i * 100));
    expect(h).toHaveLength(HISTORY_MAX);
    expect(h.at(-1)!.at).toBe(T0 + (HISTORY_MAX * 3 - 1) * 100);
  });

  it('replaces a sample repeated at the same time and starts again when time goes back', () => {
    const busy = testMetrics(T0 + 2000, (m) => (m.connections.open = 7));
    const h = appendSample(fill(seconds(0, 3)), busy);
    expect(h).toHaveLength(3);
    expect(h.at(-1)!.connections.open).toBe(7);
    const restarted = appendSample(h, testMetrics(T0 - 60_000));
    expect(restarted.map((m) => m.at)).toEqual([T0 - 60_000]);
  });

  it('gives chart columns in seconds, with gaps where a gauge has no value yet', () => {
    const h = fill([testMetrics(T0), testMetrics(T0 + 1000, (m) => (m.pool.waitMs.p99 = 3.5))]);
    expect(seriesOf(h, (m) => m.pool.waitMs.p99)).toEqual([
      [T0 / 1000, T0 / 1000 + 1],
      [null, 3.5],
    ]);
  });

  it('records each new sample the window receives, once, from the moment it connects', () => {
    const desk = create<{ metrics: Metrics | null; other: number }>()(() => ({
      metrics: testMetrics(T0),
      other: 0,
    }));
    useMetricsHistory.setState({ samples: [] });
    const stop = recordMetricsHistory(desk);
    desk.setState({ metrics: testMetrics(T0 + 1000) });
    desk.setState({ other: 1 }); // another part of the store changing is not a sample
    stop();
    desk.setState({ metrics: testMetrics(T0 + 2000) });
    expect(useMetricsHistory.getState().samples.map((m) => m.at)).toEqual([T0, T0 + 1000]);
  });
});
