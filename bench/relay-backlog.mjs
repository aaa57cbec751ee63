// The relay's side of the benchmarks: the real Worker (cloud/, Miniflare with a local D1) and a
// data folder whose outbox holds a backlog, for bench/relay.mjs (the drain on its own) and for
// the load scenarios run while a backlog drains (`npm run bench -- --relay-backlog=100000`).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import Database from 'better-sqlite3';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { textReceipt } from './interpreter-receipts.mjs';
import { bundleForNode } from './node-bundle.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const RELAY_TOKEN = 'bench-relay-token-0123456789';
export const RELAY_SECRET = 'bench-relay-secret-0123456789abcdef0123';
/** How the service is given the relay's token and secret (kept off its command line). */
export const RELAY_ENV = {
  RECEIPT_DESK_RELAY_TOKEN: RELAY_TOKEN,
  RECEIPT_DESK_RELAY_SECRET: RELAY_SECRET,
};
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** The Worker, running: the harness (TypeScript) bundled beside cloud/, so its packages resolve. */
export async function startCloud() {
  const out = path.join(root, 'cloud', '.bench', 'harness.mjs');
  await bundleForNode(path.join(root, 'cloud', 'test', 'harness.ts'), out);
  const harness = await import(pathToFileURL(out).href);
  return harness.startCloud({
    relayToken: RELAY_TOKEN,
    hmacSecret: RELAY_SECRET,
    readToken: 'bench-read-token-0123456789',
  });
}

/** A 127.0.0.1 port nobody listens on: the relay's address while the backlog builds. */
export async function deadRelayUrl() {
  const s = net.createServer();
  await new Promise((r) => s.listen(0, '127.0.0.1', r));
  const port = s.address().port;
  await new Promise((r) => s.close(r));
  return `http://127.0.0.1:${port}/v1/receipts`;
}

/**
 * The built service (`out/service/serve.js`, as `npm run serve` runs it) on `dataDir`, relaying
 * to `relayUrl` as store "bench". Not `scripts/serve.mjs`: it rebuilds from the working tree
 * whenever a source is newer, so edits made while a bench runs would end up in its later runs.
 */
export function startRelayingService(dataDir, relayUrl) {
  const child = spawn(
    process.execPath,
    [
      path.join(root, 'out', 'service', 'serve.js'),
      ...['--data-dir', dataDir, '--printer-port', '0', '--http-port', '0'],
      ...['--relay-url', relayUrl, '--store-id', 'bench'],
    ],
    {
      cwd: root,
      stdio: ['ignore', 'pipe', 'ignore'],
      env: { ...process.env, MALLOC_ARENA_MAX: '2', MALLOC_MMAP_THRESHOLD_: '16384', ...RELAY_ENV },
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

/** Prints `n` of the interpreter bench's 2 KiB receipts back to back on `conns` connections. */
export async function printReceipts(port, n, conns = 8) {
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

export async function api(port, p, init) {
  const res = await fetch(`http://127.0.0.1:${port}${p}`, init);
  return res.json();
}

/**
 * Waits until `n` receipts are stored and queued for the relay, read, with their figures. The
 * figures catch-up has no gauge, so the file is asked (read-only) how many printed receipts have
 * no figures yet: a fixed wait of 5 s left two thirds of a 100,000 backlog unread, and every
 * load run on the folder then read them during its scenario.
 */
export async function backlogReady(httpPort, n, dataDir) {
  for (;;) {
    const m = await api(httpPort, '/api/metrics');
    const s = await api(httpPort, '/api/stats');
    if (s.receiptsTotal >= n && m.relay.backlog >= n && m.receipts.pendingInterpretation === 0)
      break;
    await sleep(250);
  }
  const db = new Database(path.join(dataDir, 'receipts.sqlite'), { readonly: true });
  try {
    const unread = db.prepare(
      `SELECT count(*) AS n FROM receipts r WHERE r.empty = 0
         AND NOT EXISTS (SELECT 1 FROM receipt_figures f WHERE f.receipt_id = r.id)`,
    );
    // A receipt that cannot be read keeps no figures: stop once the count stays put for 5 s.
    let last = Infinity;
    let sameSince = performance.now();
    for (;;) {
      const left = unread.get().n;
      if (left === 0) break;
      if (left < last) {
        last = left;
        sameSince = performance.now();
      } else if (performance.now() - sameSince > 5_000) {
        process.stderr.write(`relay backlog: ${left} receipts kept no figures\n`);
        break;
      }
      await sleep(500);
    }
  } finally {
    db.close();
  }
}

/** Folders built once per bench process, by backlog size: each run starts on a copy. */
const built = new Map();

/**
 * A data folder whose outbox holds `n` receipts for the cloud relay (built against a dead
 * address, then the service stopped), for a load run to start on with the relay pointed at
 * `relayUrl`. The first call for a size builds it (about a minute for 100,000); later calls copy
 * that folder, so every scenario of a run starts on the same file. Returns the folder; the caller
 * removes it.
 */
export async function dataDirWithBacklog(n) {
  if (!built.has(n)) built.set(n, buildBacklog(n));
  const template = await built.get(n);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rd-bench-backlog-'));
  fs.cpSync(template, dataDir, { recursive: true });
  // On disk before the service starts: left to the kernel, the copy's ~1 GiB was written back
  // during the scenario, and the receipts' own flushes waited up to a second behind it.
  for (const name of fs.readdirSync(dataDir)) {
    const fd = fs.openSync(path.join(dataDir, name), 'r');
    fs.fsyncSync(fd);
    fs.closeSync(fd);
  }
  return dataDir;
}

async function buildBacklog(n) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rd-bench-backlog-template-'));
  process.once('exit', () => fs.rmSync(dataDir, { recursive: true, force: true }));
  const svc = await startRelayingService(dataDir, await deadRelayUrl());
  try {
    await printReceipts(svc.printerPort, n);
    await backlogReady(svc.httpPort, n, dataDir);
  } finally {
    svc.child.kill('SIGTERM');
    await new Promise((r) => svc.child.once('exit', r));
  }
  return dataDir;
}
