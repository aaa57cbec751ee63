// Samples a server once a second: the service's /api/metrics (osThreads, RSS, event-loop delay,
// pool) when it has an HTTP port, and /proc/<pid>/status (Threads, VmRSS) for any process, so
// the sink is measured the same way. Bounded: stops on stop() or after maxSamples.
import fs from 'node:fs';
import { now } from './stats.mjs';

export function procStatus(pid) {
  try {
    const s = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const threads = /^Threads:\s+(\d+)/m.exec(s);
    const rss = /^VmRSS:\s+(\d+) kB/m.exec(s);
    return {
      threads: threads ? Number(threads[1]) : null,
      rssBytes: rss ? Number(rss[1]) * 1024 : null,
    };
  } catch {
    return { threads: null, rssBytes: null };
  }
}

export async function getJson(httpPort, path, timeoutMs = 5000) {
  const res = await fetch(`http://127.0.0.1:${httpPort}${path}`, {
    signal: AbortSignal.timeout(timeoutMs),
  });
  if (!res.ok) throw new Error(`GET ${path}: HTTP ${res.status}`);
  return res.json();
}

/** One sample: what the service says about itself, and what /proc says. */
export async function sampleOnce({ pid, httpPort }) {
  const at = now();
  const proc = procStatus(pid);
  let m = null;
  let error = null;
  if (httpPort) {
    try {
      m = await getJson(httpPort, '/api/metrics');
    } catch (err) {
      error = err.message;
    }
  }
  return {
    at,
    metricsAt: m?.at ?? null,
    procThreads: proc.threads,
    procRssBytes: proc.rssBytes,
    osThreads: m?.osThreads ?? null,
    rssBytes: m?.memory?.rssBytes ?? null,
    heapUsedBytes: m?.memory?.heapUsedBytes ?? null,
    delayP99Ms: m?.eventLoop?.delayP99Ms ?? null,
    elu: m?.eventLoop?.utilization ?? null,
    poolBusy: m?.pool?.busy ?? null,
    poolQueued: m?.pool?.queued ?? null,
    poolPaused: m?.pool?.paused ?? null,
    pending: m?.receipts?.pendingInterpretation ?? null,
    openConnections: m?.connections?.open ?? null,
    refusedOverLimit: m?.connections?.refusedOverLimit ?? null,
    error,
  };
}

/**
 * Polls every intervalMs. The service refreshes its metrics once a second, so polling twice as
 * often sees every one of its samples; summarise() keeps each (metricsAt) once.
 */
export function startSampler(target, { intervalMs = 500, maxSamples = 1200 } = {}) {
  const samples = [];
  let timer = null;
  let stopped = false;
  const tick = async () => {
    if (stopped || samples.length >= maxSamples) return;
    samples.push(await sampleOnce(target));
    if (!stopped) timer = setTimeout(tick, intervalMs);
  };
  timer = setTimeout(tick, 0);
  return {
    samples,
    /** Takes one last sample (the end of the run), then stops. */
    async stop() {
      stopped = true;
      clearTimeout(timer);
      samples.push(await sampleOnce(target));
      return samples;
    },
  };
}
