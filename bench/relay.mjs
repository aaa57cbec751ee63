// The relay benchmark (`npm run bench -- --only=relay`), in a process of its own: how fast the
// cloud relay drains a backlog into the real Worker (Miniflare, local D1, cloud/), on this
// machine, 127.0.0.1 only.
//   The service (built once at the start, run as `npm run serve` runs it, a fresh data dir)
//   relays to an address where nothing listens, so a backlog builds while `--receipts` (20,000)
//   2 KiB receipts are printed on 8 connections
//   and their figures are read; then the relay address is set to the Worker and the drain is
//   timed from its first stored receipt to its last: receipts per second (target >= 2,000),
//   median of `--runs` (3). Default batch: 25 receipts or 256 KiB.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { codeVersion, machine } from './machine.mjs';
import {
  api,
  backlogReady,
  deadRelayUrl,
  printReceipts,
  startCloud,
  startRelayingService,
} from './relay-backlog.mjs';
import { writeJson } from './report.mjs';
import { buildService } from '../scripts/build-service.mjs';

const { values } = parseArgs({
  options: {
    stamp: { type: 'string' },
    quick: { type: 'boolean', default: false },
    receipts: { type: 'string' },
    runs: { type: 'string' },
    batch: { type: 'string' },
  },
});
const N = Number(values.receipts ?? (values.quick ? 5_000 : 20_000));
const RUNS = Number(values.runs ?? (values.quick ? 1 : 3));
/** Receipts per request (the setting's default is 25). */
const BATCH = Number(values.batch ?? 25);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

async function oneRun(cloud, run) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rd-bench-relay-'));
  const serve = await startRelayingService(dataDir, await deadRelayUrl());
  try {
    await printReceipts(serve.printerPort, N);
    // Every receipt stored and queued, with its figures read (the relay sends them with).
    await backlogReady(serve.httpPort, N, dataDir);
    const view = await api(serve.httpPort, '/api/settings');
    const settings = view.value?.settings ?? view.settings;
    const before = (await cloud.query('SELECT count(*) AS n FROM receipts'))[0].n;
    const saved = await api(serve.httpPort, '/api/settings', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Receipt-Desk': '1' },
      body: JSON.stringify([
        {
          ...settings,
          cloudRelay: { ...settings.cloudRelay, url: cloud.relayUrl, batchReceipts: BATCH },
        },
      ]),
    });
    if (saved.error) throw new Error(saved.error.message);
    let first = null;
    let last = null;
    let count = before;
    const limit = Date.now() + 600_000;
    while (count < before + N && Date.now() < limit) {
      const n = (await cloud.query('SELECT count(*) AS n FROM receipts'))[0].n;
      const t = performance.now();
      if (n > count) {
        first ??= t;
        last = t;
        count = n;
      }
      await sleep(100);
    }
    const stored = count - before;
    const perSecond =
      first !== null && last > first ? ((stored - BATCH) * 1000) / (last - first) : 0;
    process.stdout.write(
      `relay run ${run}: ${stored} receipts stored, ${Math.round(perSecond)} receipts/s\n`,
    );
    return { stored, perSecond };
  } finally {
    serve.child.kill('SIGTERM');
    await new Promise((r) => serve.child.once('exit', r));
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

// Built once, before the clock: every run uses the same build (`npm run bench` has built it
// already; alone, this builds it when stale).
await buildService({ quiet: true });
const runs = [];
for (let run = 1; run <= RUNS; run++) {
  const cloud = await startCloud();
  try {
    runs.push(await oneRun(cloud, run));
  } finally {
    await cloud.dispose();
  }
}
const perSecond = median(runs.map((r) => r.perSecond));
process.stdout.write(
  `\nrelay drain to the local Worker, ${BATCH} receipts a request: ${Math.round(perSecond)} receipts/s median of ${RUNS} (target >= 2,000) ${perSecond >= 2000 ? 'pass' : 'MISS'}\n`,
);
writeJson(
  values.stamp ?? new Date().toISOString().replace(/:/g, '-').replace(/\..*$/, ''),
  'relay',
  { machine: machine(), code: codeVersion(), receipts: N, batch: BATCH, runs, perSecond },
);
