// One load run against one server (the sink or the service): start it, warm it up, take the idle
// sample, run the client process, wait for the server to finish the work, let it settle, take the
// "after" sample, stop it. Returns raw measurements; summarise.mjs turns them into figures.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startClient, startService, startSink, stop } from './procs.mjs';
import { getJson, sampleOnce, startSampler } from './sampler.mjs';
import { cpuWindow } from './cpu.mjs';
import { dataDirWithBacklog, RELAY_ENV, startCloud } from './relay-backlog.mjs';
import { subscribe } from './sse.mjs';
import { now } from './stats.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** The client job for a scenario (markers start with runId, so runs never collide). */
export function jobFor(scenario, cfg, runId, port) {
  const common = {
    port,
    runId,
    seed: 1234,
    logoShare: cfg.logoShare,
    timeLimitMs: cfg.timeLimitS * 1000,
  };
  if (scenario === 'oneshot')
    return { ...common, pattern: 'oneShot', clients: cfg.n, perClient: cfg.m };
  if (scenario === 'stream')
    return { ...common, pattern: 'streaming', conns: cfg.conns, perConn: cfg.perConn };
  return { ...common, pattern: 'paced', rate: cfg.rate, durationS: cfg.duration, maxInFlight: 45 };
}

/** Expected receipts of a job, for the drain wait. */
const expectedCount = (job) =>
  job.pattern === 'oneShot'
    ? job.clients * job.perClient
    : job.pattern === 'streaming'
      ? job.conns * job.perConn
      : Math.round(job.rate * job.durationS);

const runClient = (job) => startClient(job);

/** Polls until done() or timeoutMs; returns ms waited, or null on timeout. Bounded. */
async function waitUntil(done, timeoutMs, stepMs = 100) {
  const t0 = now();
  while (now() - t0 < timeoutMs) {
    if (await done()) return now() - t0;
    await sleep(stepMs);
  }
  return null;
}

export async function runServicePhase(scenario, cfg, runId) {
  // With --relay-backlog=N the service starts on a data folder whose outbox holds N receipts
  // and relays them to the real Worker while the scenario runs (with --relay-off: the same
  // folder, the relay not set up, so the comparison is the relay's work and not the file's size).
  const cloud = cfg.relayBacklog > 0 && !cfg.relayOff ? await startCloud() : null;
  const dataDir =
    cfg.relayBacklog > 0
      ? await dataDirWithBacklog(cfg.relayBacklog)
      : fs.mkdtempSync(path.join(os.tmpdir(), 'receipt-desk-bench-'));
  const svc = await startService(
    dataDir,
    cloud
      ? { args: ['--relay-url', cloud.relayUrl, '--store-id', 'bench'], env: RELAY_ENV }
      : undefined,
  );
  const sse = subscribe(svc.httpPort);
  try {
    await Promise.race([sse.opened, sleep(5000)]);
    const target = { pid: svc.pid, httpPort: svc.httpPort };

    // Warm-up burst, then idle: the "before" values.
    const warm = await runClient({
      ...jobFor('oneshot', cfg, `${runId}w`, svc.printerPort),
      clients: cfg.warmup.clients,
      perClient: cfg.warmup.perClient,
    });
    const warmResult = await warm.go();
    const warmCount = warmResult.records.length;
    // Announced on the stream = stored and interpreted. Polling /api/stats instead would add
    // load: it scans the receipts table.
    await waitUntil(() => sse.seen(`${runId}w`) >= warmCount, 10_000);
    await sleep(Math.min(3000, cfg.settleS * 1000));
    const before = await sampleOnce(target);
    const statsBefore = await getJson(svc.httpPort, '/api/stats');
    // What the Worker holds (the desk's own backlog gauge is counted at most every 10 s).
    const stored = async () => (await cloud.query('SELECT count(*) AS n FROM receipts'))[0].n;
    const relayBefore = cloud ? { stored: await stored(), at: now() } : undefined;

    const job = jobFor(scenario, cfg, runId, svc.printerPort);
    const client = await runClient(job);
    const sampler = startSampler(target);
    const cpu = cpuWindow({ server: svc.pid, client: client.child.pid });
    const result = await client.go();
    const cpuDuringLoad = cpu();
    const loadEnded = now();

    // The work is done when every sent receipt is announced (or 30 s have passed).
    const sent = expectedCount(job);
    const drainMs = await waitUntil(() => sse.seen(runId) >= sent, 30_000, 50);
    const relayAfterLoad = cloud ? { stored: await stored(), at: now() } : undefined;
    const duringSamples = await sampler.stop();
    await sleep(cfg.settleS * 1000);
    const after = await sampleOnce(target);
    const statsAfter = await getJson(svc.httpPort, '/api/stats');
    return {
      target: 'service',
      job: { ...job, port: undefined },
      result,
      loadEndedAt: loadEnded,
      cpu: cpuDuringLoad,
      drainMs,
      before,
      during: duringSamples,
      after,
      statsBefore,
      statsAfter,
      sse: { arrivals: sse.arrivals, ...sse.state },
      warmup: { sent: warmCount },
      // The backlog when the scenario started and when its receipts were all announced.
      relay: cloud ? { before: relayBefore, afterLoad: relayAfterLoad } : undefined,
    };
  } finally {
    sse.close();
    const how = await stop(svc.child);
    if (!how.startsWith('exit 0'))
      process.stderr.write(`bench: the service ended with ${how}\n${svc.log.slice(-5).join('')}`);
    fs.rmSync(dataDir, { recursive: true, force: true });
    await cloud?.dispose();
  }
}

export async function runSinkPhase(scenario, cfg, runId) {
  const sink = await startSink();
  try {
    const target = { pid: sink.pid, httpPort: null };
    const warm = await runClient({
      ...jobFor('oneshot', cfg, `${runId}w`, sink.port),
      clients: cfg.warmup.clients,
      perClient: cfg.warmup.perClient,
    });
    await warm.go();
    await sleep(1000);
    const before = await sampleOnce(target);
    const statsBefore = await sink.stats();
    const job = jobFor(scenario, cfg, runId, sink.port);
    const client = await runClient(job);
    const sampler = startSampler(target);
    const cpu = cpuWindow({ server: sink.pid, client: client.child.pid });
    const result = await client.go();
    const cpuDuringLoad = cpu();
    const duringSamples = await sampler.stop();
    await sleep(Math.min(2000, cfg.settleS * 1000));
    const after = await sampleOnce(target);
    const statsAfter = await sink.stats();
    return {
      target: 'sink',
      job: { ...job, port: undefined },
      result,
      cpu: cpuDuringLoad,
      before,
      during: duringSamples,
      after,
      statsBefore,
      statsAfter,
    };
  } finally {
    await stop(sink.child, 2000);
  }
}
