// Seeds a data dir with a month of restaurant receipts through the real service: DeskService
// (the writer thread, the interpreter pool, the full-text index) is started on the folder, and
// each receipt goes through the real framer and into the very sink the printer ports hand their
// receipts to, with the connection and time it would have had. Only the socket is left out, so
// that receipts can carry the past month's timestamps (capture stamps them with the clock) and
// 100,000 take about a minute. Bundled by bench/ui-seed.mjs into out/bench/ui-seed.js and run as
// its own process:
//   node out/bench/ui-seed.js --cache-root DIR --count N
// Prints JSON lines: {"event":"progress",...}, then {"event":"ready","dir":...,"cached":bool}.
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ReceiptFramer, createStatusReplier } from '../src/main/capture';
import { INTERPRETER_VERSION } from '../src/main/escpos';
import { DeskService } from '../src/main/service';
import { loadSettings, SETTINGS_FILE } from '../src/main/settings';
import { DB_FILE, MIGRATIONS } from '../src/main/store';
import { GENERATOR_VERSION, STATIONS, restaurantDays } from './ui-receipts.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
/** Receipts handed to the sink and not yet committed, and interpretations not yet done. */
const MAX_UNCOMMITTED = 512;
const MAX_UNINTERPRETED = 2048;
const say = (msg) => process.stdout.write(`${JSON.stringify(msg)}\n`);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** What the seeded data depends on: a change to any of these makes a new data dir. */
export function cacheKey(count) {
  const schema = MIGRATIONS.at(-1).version;
  return `ui-n${count}-g${GENERATOR_VERSION}-i${INTERPRETER_VERSION}-s${schema}`;
}

async function seed(dir, count) {
  fs.mkdirSync(dir, { recursive: true });
  // Three printers, as the restaurant has them; `npm run serve` on this folder opens the same.
  const listeners = STATIONS.map((station) => ({ host: '127.0.0.1', port: 0, station }));
  fs.writeFileSync(path.join(dir, SETTINGS_FILE), `${JSON.stringify({ listeners }, null, 2)}\n`);
  const settings = loadSettings(dir);
  const service = new DeskService({
    dataDir: dir,
    settings,
    workerDir: path.join(root, 'out', 'service'),
    log: (m) => process.stderr.write(`seed: ${m}\n`),
  });
  await service.start();
  // The object the printer ports are given (the ingest module's CaptureSink): private in
  // TypeScript, not at run time. Seeding writes months of receipts with their past times, which
  // no till could send.
  if (typeof service.ingest?.sink !== 'function')
    throw new Error('DeskService has no ingest.sink() any more: update bench/ui-seed-entry.mjs');
  const sink = service.ingest.sink();
  const replier = createStatusReplier(settings.identity);
  const ports = Object.fromEntries(
    (await service.getHealth()).listeners.map((l) => [l.station, l.port]),
  );
  const today = new Date();
  today.setHours(0, 0, 0, 0);
  let uncommitted = 0;
  let failed = null;
  let n = 0;
  let sample = null;
  const t0 = performance.now();
  let lastSaid = t0;
  for (const day of restaurantDays({ count, today: today.getTime() })) {
    for (const r of day) {
      while (
        uncommitted >= MAX_UNCOMMITTED ||
        // The pool's own count (private too): the contract's metrics would run their SQL
        // counts for every one of 100,000 receipts.
        service.pool.gauges().pendingReceipts >= MAX_UNINTERPRETED
      )
        await sleep(2);
      if (failed) throw failed;
      const listener = settings.listeners.find((l) => l.station === r.station);
      const id = sink.openConnection({
        peer: r.peer,
        peerPort: 40_000 + (n % 20_000),
        station: r.station,
        listenerPort: ports[r.station] ?? 9100,
        openedAt: r.at - 180,
      });
      const segments = [];
      const framer = new ReceiptFramer({
        maxReceiptBytes: settings.capture.maxReceiptBytes,
        replier,
        dialect: listener.dialect,
        onReply: () => {},
        onSegment: (s) => segments.push(s),
      });
      framer.push(r.bytes);
      framer.flush('fin');
      let left = segments.length;
      segments.forEach((segment, seq) => {
        uncommitted++;
        sink
          .storeSegment(segment, {
            connectionId: id,
            seq,
            station: r.station,
            peer: r.peer,
            startedAt: r.at - 40,
            receivedAt: r.at,
          })
          .then(
            () => {
              uncommitted--;
              if (--left === 0) sink.closeConnection(id, r.at + 3, r.bytes.length, 'fin');
            },
            (err) => (failed = err),
          );
      });
      n++;
      // A lookup a manager would make: an order from about ten days ago.
      if (!sample && r.code && n >= count * 0.66 && r.station === 'Front') sample = r.code;
      if (performance.now() - lastSaid > 5000) {
        lastSaid = performance.now();
        say({ event: 'progress', n, count, perS: Math.round(n / ((lastSaid - t0) / 1000)) });
      }
    }
  }
  while (uncommitted > 0 && !failed) await sleep(5);
  if (failed) throw failed;
  await service.pool.idle();
  await service.store.writer.barrier();
  await service.stop();
  return { seconds: (performance.now() - t0) / 1000, sampleCode: sample };
}

/** Counts what the file holds, so a half-made folder is never taken for a seeded one. */
function verify(dir, count) {
  const db = new Database(path.join(dir, DB_FILE), { readonly: true });
  try {
    const one = (sql) => db.prepare(sql).get();
    const receipts = one('SELECT count(*) AS n FROM receipts WHERE empty = 0').n;
    const interpreted = one("SELECT count(*) AS n FROM receipts WHERE status = 'ok'").n;
    const indexed = one('SELECT count(*) AS n FROM receipts_fts_docsize').n;
    const range = one('SELECT min(received_at) AS from_, max(received_at) AS to_ FROM receipts');
    const stations = db
      .prepare('SELECT station, count(*) AS n FROM receipts GROUP BY station ORDER BY station')
      .all();
    const bytes = fs.statSync(path.join(dir, DB_FILE)).size;
    if (receipts !== count || interpreted !== count || indexed !== count)
      throw new Error(
        `seeding left ${receipts} receipts, ${interpreted} interpreted, ${indexed} indexed; expected ${count} of each`,
      );
    return { receipts, stations, from: range.from_, to: range.to_, fileBytes: bytes };
  } finally {
    db.close();
  }
}

async function main() {
  const { values } = parseArgs({
    options: { 'cache-root': { type: 'string' }, count: { type: 'string', default: '100000' } },
  });
  const count = Number(values.count);
  if (!Number.isInteger(count) || count < 100) throw new Error('--count must be at least 100');
  const key = cacheKey(count);
  const dir = path.join(path.resolve(values['cache-root']), key);
  const manifestFile = path.join(dir, 'manifest.json');
  if (fs.existsSync(manifestFile)) {
    say({
      event: 'ready',
      dir,
      cached: true,
      manifest: JSON.parse(fs.readFileSync(manifestFile, 'utf8')),
    });
    return;
  }
  const partial = `${dir}.partial-${process.pid}`;
  fs.rmSync(partial, { recursive: true, force: true });
  try {
    const run = await seed(partial, count);
    const manifest = {
      key,
      count,
      generatorVersion: GENERATOR_VERSION,
      interpreterVersion: INTERPRETER_VERSION,
      schemaVersion: MIGRATIONS.at(-1).version,
      seededAt: new Date().toISOString(),
      seedSeconds: Math.round(run.seconds),
      searchSamples: { word: 'tiramisu', code: run.sampleCode },
      ...verify(partial, count),
    };
    fs.writeFileSync(path.join(partial, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    fs.rmSync(dir, { recursive: true, force: true });
    fs.renameSync(partial, dir);
    say({ event: 'ready', dir, cached: false, manifest });
  } catch (err) {
    fs.rmSync(partial, { recursive: true, force: true });
    throw err;
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    say({ event: 'error', message: String(err?.stack ?? err) });
    process.exit(1);
  },
);
