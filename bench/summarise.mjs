// Raw phase measurements -> figures: throughput, latency percentiles, loss, process gauges.
import { maxOf, minOf, percentile, round } from './stats.mjs';

const MiB = 1024 * 1024;
const mib = (bytes) => (bytes === null ? null : round(bytes / MiB, 1));

/** Per-receipt records (one-shot and paced) -> counts and latencies. */
function fromRecords(phase) {
  const { records, started, finished } = phase.result;
  const ok = records.filter((r) => r.ok);
  const durable = ok.map((r) => r.tClose - r.tEnd);
  const out = {
    clients: phase.job.clients ?? null,
    sent: records.length,
    acked: ok.length,
    failed: records.length - ok.length,
    bytesSent: records.reduce((n, r) => n + r.bytes, 0),
    logos: records.filter((r) => r.logo).length,
    seconds: round((finished - started) / 1000, 3),
    throughput: round(ok.length / ((finished - started) / 1000), 1),
    durableP50Ms: round(percentile(durable, 50)),
    durableP99Ms: round(percentile(durable, 99)),
    durableMaxMs: round(maxOf(durable)),
  };
  if (records[0]?.tSched !== undefined) {
    const fromSchedule = ok.map((r) => r.tClose - r.tSched);
    out.fromScheduleP99Ms = round(percentile(fromSchedule, 99));
    out.heldBack = phase.result.heldBack;
    out.scheduled = phase.result.scheduled;
    out.achievedRate = round(records.length / ((finished - started) / 1000), 1);
  }
  if (phase.sse) {
    const lat = [];
    let missing = 0;
    for (const r of ok) {
      const t = phase.sse.arrivals.get(r.marker);
      if (t === undefined) missing++;
      else lat.push(t - r.tEnd);
    }
    out.sseP50Ms = round(percentile(lat, 50));
    out.sseP99Ms = round(percentile(lat, 99));
    out.sseMissing = missing;
  }
  return out;
}

/** Persistent connections -> counts and throughput (a receipt is durable when its connection closes). */
function fromConnections(phase) {
  const { connections, started, finished } = phase.result;
  const ok = connections.filter((c) => c.ok);
  const written = connections.reduce((n, c) => n + c.written, 0);
  const acked = ok.reduce((n, c) => n + c.written, 0);
  const out = {
    connections: connections.length,
    sent: written,
    acked,
    failed: written - acked,
    bytesSent: connections.reduce((n, c) => n + c.bytes, 0),
    seconds: round((finished - started) / 1000, 3),
    throughput: round(acked / ((finished - started) / 1000), 1),
    mibPerS: round(
      connections.reduce((n, c) => n + c.bytes, 0) / MiB / ((finished - started) / 1000),
      1,
    ),
    closeAfterEndMaxMs: round(maxOf(ok.map((c) => c.tClose - c.tEnd))),
  };
  if (phase.sse) {
    let seen = 0;
    for (const m of phase.sse.arrivals.keys()) if (m.startsWith(`${phase.job.runId}-`)) seen++;
    out.sseSeen = seen;
  }
  return out;
}

/** What was stored (service: /api/stats delta) or received (sink: connections, bytes). */
function loss(phase, figures) {
  if (phase.target === 'service') {
    const stored = phase.statsAfter.receiptsTotal - phase.statsBefore.receiptsTotal;
    return {
      stored,
      lost: Math.max(0, figures.sent - stored),
      ackedNotStored: Math.max(0, figures.acked - stored),
      failedTotal: phase.statsAfter.failedTotal - phase.statsBefore.failedTotal,
      truncated: phase.statsAfter.truncatedTotal - phase.statsBefore.truncatedTotal,
      drainMs: phase.drainMs === null ? 'timeout (30 s)' : round(phase.drainMs, 0),
    };
  }
  const conns = phase.statsAfter.connections - phase.statsBefore.connections;
  const bytes = phase.statsAfter.bytes - phase.statsBefore.bytes;
  const perConnection = phase.job.pattern !== 'streaming';
  return {
    received: perConnection ? conns : null,
    bytesReceived: bytes,
    lost: perConnection
      ? Math.max(0, figures.sent - conns)
      : bytes < figures.bytesSent
        ? 'bytes short'
        : 0,
  };
}

/** Before/during/after of threads, RSS, event-loop delay. Service: its own gauges; sink: /proc. */
function gauges(phase) {
  const svc = phase.target === 'service';
  const threads = (s) => (svc ? s.osThreads : s.procThreads);
  const rss = (s) => (svc ? s.rssBytes : s.procRssBytes);
  const seen = new Set();
  const unique = phase.during.filter((s) => {
    if (!svc) return true;
    if (s.metricsAt === null || seen.has(s.metricsAt)) return false;
    seen.add(s.metricsAt);
    return true;
  });
  const during = unique.length ? unique : phase.during;
  const out = {
    samples: during.length,
    threadsBefore: threads(phase.before),
    threadsMin: minOf(during.map(threads)),
    threadsMax: maxOf(during.map(threads)),
    threadsAfter: threads(phase.after),
    procThreadsMax: maxOf(phase.during.map((s) => s.procThreads)),
    rssBeforeMiB: mib(rss(phase.before)),
    rssMaxMiB: mib(maxOf(during.map(rss))),
    rssAfterMiB: mib(rss(phase.after)),
  };
  out.rssAfterVsBeforePct = round(
    ((rss(phase.after) - rss(phase.before)) / rss(phase.before)) * 100,
    1,
  );
  if (svc) {
    out.heapUsedBeforeMiB = mib(phase.before.heapUsedBytes);
    out.heapUsedAfterMiB = mib(phase.after.heapUsedBytes);
    out.delayP99BeforeMs = phase.before.delayP99Ms;
    out.delayP99MaxMs = maxOf(during.map((s) => s.delayP99Ms));
    out.eluMax = maxOf(during.map((s) => s.elu));
    out.poolPausedSamples = during.filter((s) => s.poolPaused).length;
    out.pendingMax = maxOf(during.map((s) => s.pending));
    out.openConnectionsMax = maxOf(during.map((s) => s.openConnections));
    out.refusedOverLimit = phase.after.refusedOverLimit;
  }
  return out;
}

export function summarise(phase) {
  const figures = phase.job.pattern === 'streaming' ? fromConnections(phase) : fromRecords(phase);
  const cpu = Object.fromEntries(
    Object.entries(phase.cpu ?? {}).map(([k, v]) => [`cpuPct_${k}`, v]),
  );
  return { target: phase.target, ...figures, ...loss(phase, figures), ...gauges(phase), ...cpu };
}
