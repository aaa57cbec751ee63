/**
 * The last ten minutes of gauge samples, for the System screen's sparklines. Recorded from the
 * moment the window connects (whatever screen is shown), so opening System already shows the
 * recent past; bounded by age and by count, so a window left open for days stays small.
 */
import { create } from 'zustand';
import type { Metrics } from '../../shared/api';

export const HISTORY_MS = 10 * 60 * 1000;
/** The service samples once a second; the count bound holds even if it sampled faster. */
export const HISTORY_MAX = 900;

export interface MetricsHistoryState {
  /** Oldest first. */
  samples: readonly Metrics[];
  add(sample: Metrics): void;
}

/**
 * The samples with `sample` appended, without those older than `windowMs` before it. A sample
 * at the same time as the last replaces it (the first answer and the stream can overlap); a
 * sample from before the last means the clock went back or the service restarted: the history
 * starts again rather than drawing time backwards.
 */
export function appendSample(
  samples: readonly Metrics[],
  sample: Metrics,
  windowMs = HISTORY_MS,
  max = HISTORY_MAX,
): readonly Metrics[] {
  const last = samples.at(-1);
  if (last && sample.at < last.at) return [sample];
  const kept = last && sample.at === last.at ? samples.slice(0, -1) : samples;
  const since = sample.at - windowMs;
  let first = Math.max(0, kept.length + 1 - max);
  while (first < kept.length && kept[first].at < since) first++;
  return [...kept.slice(first), sample];
}

export const useMetricsHistory = create<MetricsHistoryState>()((set) => ({
  samples: [],
  add: (sample) => set((s) => ({ samples: appendSample(s.samples, sample) })),
}));

/** Columns for a chart: times in seconds (uPlot's unit) and one value per sample. */
export function seriesOf(
  samples: readonly Metrics[],
  pick: (m: Metrics) => number | null,
): [number[], (number | null)[]] {
  return [samples.map((m) => m.at / 1000), samples.map(pick)];
}

type MetricsSource = {
  subscribe(listener: (state: { metrics: Metrics | null }) => void): () => void;
  getState(): { metrics: Metrics | null };
};

/** Records every new sample the desk store receives; returns the unsubscribe. */
export function recordMetricsHistory(
  desk: MetricsSource,
  history: { getState(): MetricsHistoryState } = useMetricsHistory,
): () => void {
  let seen = desk.getState().metrics;
  if (seen) history.getState().add(seen);
  return desk.subscribe((state) => {
    if (!state.metrics || state.metrics === seen) return;
    seen = state.metrics;
    history.getState().add(seen);
  });
}
