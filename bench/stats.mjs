// Small numeric helpers: percentiles, medians, rounding.

/** Nearest-rank percentile of numbers (p in 0..100); null for an empty list. */
export function percentile(values, p) {
  if (values.length === 0) return null;
  const sorted = Float64Array.from(values).sort();
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank];
}

export function median(values) {
  const v = values.filter((x) => typeof x === 'number' && Number.isFinite(x));
  if (v.length === 0) return null;
  const s = v.sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

export const round = (x, digits = 2) =>
  x === null || x === undefined || !Number.isFinite(x)
    ? null
    : Math.round(x * 10 ** digits) / 10 ** digits;

export const maxOf = (values) => {
  const v = values.filter((x) => typeof x === 'number');
  return v.length ? Math.max(...v) : null;
};
export const minOf = (values) => {
  const v = values.filter((x) => typeof x === 'number');
  return v.length ? Math.min(...v) : null;
};

/** High-resolution wall clock in ms, comparable across processes on one machine. */
export const now = () => performance.timeOrigin + performance.now();
