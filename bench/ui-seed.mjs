// The seeded data for the UI benchmark: 100,000 receipts made once by bench/ui-seed-entry.mjs
// (through the real service) and kept in a cache folder keyed by what they depend on (count,
// generator, interpreter and schema versions), so later runs start in seconds. Each run works on
// a copy: the feed test adds receipts, and the cached month must stay exactly as seeded.
//   cache: $BENCH_UI_CACHE, else <tmp>/receipt-desk-bench-cache (never in git)
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { bundleForNode } from './node-bundle.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const bundle = path.join(root, 'out', 'bench', 'ui-seed.js');

export const cacheRoot = () =>
  process.env.BENCH_UI_CACHE || path.join(os.tmpdir(), 'receipt-desk-bench-cache');

/** Bundles the seeding entry with the service's sources, as scripts/build-service.mjs does. */
async function buildSeeder() {
  await bundleForNode(path.join(here, 'ui-seed-entry.mjs'), bundle);
}

/**
 * The seeded folder for `count` receipts, made now if the cache lacks it (about a minute for
 * 100,000 on 2 cores). Resolves { dir, cached, manifest }. `log` gets progress lines.
 */
export async function seededData({ count, log, limitMs = 600_000 }) {
  await buildSeeder();
  const child = spawn(
    process.execPath,
    [bundle, '--cache-root', cacheRoot(), '--count', String(count)],
    {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (s) => (stderr = (stderr + s).slice(-4000)));
  const timer = setTimeout(() => child.kill('SIGKILL'), limitMs);
  try {
    let ready = null;
    for await (const l of readline.createInterface({ input: child.stdout })) {
      let msg;
      try {
        msg = JSON.parse(l);
      } catch {
        continue;
      }
      if (msg.event === 'progress') log(`seeding: ${msg.n} of ${msg.count} (${msg.perS}/s)`);
      else if (msg.event === 'error') throw new Error(`seeding failed: ${msg.message}`);
      else if (msg.event === 'ready') ready = msg;
    }
    if (!ready) throw new Error(`seeding ended without a result\n${stderr}`);
    return ready;
  } finally {
    clearTimeout(timer);
    if (child.exitCode === null) child.kill('SIGKILL');
  }
}

const COPY_PREFIX = 'receipt-desk-ui-bench-';

/**
 * A throw-away copy of the seeded folder for one run (the feed adds receipts to it). Copies a
 * killed run left behind (183 MiB each) are removed once they are an hour old.
 */
export function workingCopy(dir) {
  for (const old of fs.readdirSync(os.tmpdir()).filter((f) => f.startsWith(COPY_PREFIX))) {
    const full = path.join(os.tmpdir(), old);
    if (Date.now() - fs.statSync(full).mtimeMs > 3_600_000)
      fs.rmSync(full, { recursive: true, force: true });
  }
  const copy = fs.mkdtempSync(path.join(os.tmpdir(), COPY_PREFIX));
  for (const f of fs.readdirSync(dir)) fs.copyFileSync(path.join(dir, f), path.join(copy, f));
  return copy;
}
