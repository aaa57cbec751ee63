// The relay benchmark (`npm run bench -- --only=relay`), in a process of its own: how fast the
// cloud relay drains a backlog into the real Worker (Miniflare, local D1, cloud/), on this
// machine, 127.0.0.1 only.
//   The service (`npm run serve`, a fresh data dir) relays to an address where nothing listens,
//   so a backlog builds while `--receipts` (20,000) 2 KiB receipts are printed on 8 connections
//   and their figures are read; then the relay address is set to the Worker and the drain is
//   timed from its first stored receipt to its last: receipts per second (target >= 2,000),
//   median of `--runs` (3). Default batch: 25 receipts or 256 KiB.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { textReceipt } from './interpreter-receipts.mjs';
import { codeVersion, machine } from './machine.mjs';
import { bundleForNode } from './node-bundle.mjs';
import { writeJson } from './report.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
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
const TOKEN = 'bench-relay-token-0123456789';
const SECRET = 'bench-relay-secret-0123456789abcdef0123';
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

/** The Worker harness (TypeScript) bundled beside cloud/, so its packages come from there. */
async function cloudHarness() {
  const out = path.join(root, 'cloud', '.bench', 'harness.mjs');
  await bundleForNode(path.join(root, 'cloud', 'test', 'harness.ts'), out);
  return import(pathToFileURL(out).href);
}

function startServe(dataDir, relayUrl) {
  const child = spawn(
    process.execPath,
    [
      path.join(root, 'scripts', 'serve.mjs'),
      ...['--data-dir', dataDir, '--printer-port', '0', '--http-port', '0'],
      ...['--relay-url', relayUrl, '--store-id', 'bench'],
    ],
    {
      cwd: root,
      stdio: ['ignore', 'pipe', 'ignore'],
      env: {
        ...process.env,
        MALLOC_ARENA_MAX: '2',
        MALLOC_MMAP_THRESHOLD_: '16384',
        RECEIPT_DESK_RELAY_TOKEN: TOKEN,
        RECEIPT_DESK_RELAY_SECRET: SECRET,
      },
    },
  );
  return new Promise((resolve, reject) => {
    const lines = readline.createInterface({ input: child.stdout });
    lines.once('line', (line) => {
      const msg = JSON.parse(line);
      if (msg.event !== 'ready') reject(new Error(msg.message));
      else resolve({ child, printerPort: msg.printerPort, httpPort: msg.httpPort });
    });
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}`)));
  });
}

/** Prints `n` receipts back to back on `conns` persistent connections. */
async function print(port, n, conns) {
  const receipts = Array.from({ length: 32 }, (_, i) => Buffer.from(textReceipt('esc-pos', i)));
  let next = 0;
  await Promise.all(
    Array.from(
      { length: conns },
      () =>
        new Promise((resolve, reject) => {
          const socket = net.connect({ host: '127.0.0.1', port });
          socket.on('data', () => {});
          socket.on('error', reject);
          socket.on('close', resolve);
          const pump = () => {
            while (next < n) {
              const bytes = receipts[next++ % receipts.length];
              if (!socket.write(bytes)) return socket.once('drain', pump);
            }
            socket.end();
          };
          socket.on('connect', pump);
        }),
    ),
  );
}

async function api(port, p, init) {
  const res = await fetch(`http://127.0.0.1:${port}${p}`, init);
  return res.json();
}

async function oneRun(cloud, run) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rd-bench-relay-'));
  const dead = net.createServer();
  await new Promise((r) => dead.listen(0, '127.0.0.1', r));
  const deadPort = dead.address().port;
  await new Promise((r) => dead.close(r));
  const serve = await startServe(dataDir, `http://127.0.0.1:${deadPort}/v1/receipts`);
  try {
    await print(serve.printerPort, N, 8);
    // Every receipt stored and queued, with its figures read (the relay sends them with).
    for (;;) {
      const m = await api(serve.httpPort, '/api/metrics');
      const s = await api(serve.httpPort, '/api/stats');
      if (s.receiptsTotal >= N && m.relay.backlog >= N && m.receipts.pendingInterpretation === 0)
        break;
      await sleep(250);
    }
    await sleep(5_000); // the figures catch-up (no gauge of its own yet)
    const view = await api(serve.httpPort, '/api/settings');
    const settings = view.value?.settings ?? view.settings;
    const before = (await cloud.query('SELECT count(*) AS n FROM receipts'))[0].n;
    const saved = await api(serve.httpPort, '/api/settings', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Receipt-Desk': '1' },
      body: JSON.stringify([
        { ...settings, cloudRelay: { ...settings.cloudRelay, url: cloud.relayUrl } },
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

const harness = await cloudHarness();
const runs = [];
for (let run = 1; run <= RUNS; run++) {
  const cloud = await harness.startCloud({
    relayToken: TOKEN,
    hmacSecret: SECRET,
    readToken: 'bench-read-token-0123456789',
  });
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
