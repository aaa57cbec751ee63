// The UI benchmark (issue 4's performance targets), part of `npm run bench` and runnable alone:
//   npm run bench -- --only=ui        or        node bench/ui.mjs [--quick] [options below]
// With 100,000 restaurant receipts stored (bench/ui-seed.mjs, cached after the first time):
// first paint of the Live screen, search results after the last keystroke, and the Live screen
// under a feed of 1,000 receipts a second, in Debian's Chromium driven by playwright-core and
// timed with the Performance API in the page (bench/ui-probe.js). Writes
// bench/results/<date>-ui.json and prints a markdown table; `node bench/medians.mjs` pools runs.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { buildService } from '../scripts/build-service.mjs';
import { cpuWindow, waitForQuiet } from './cpu.mjs';
import { codeVersion, machine } from './machine.mjs';
import { killAll, startService, stop } from './procs.mjs';
import { writeJson } from './report.mjs';
import { launchBrowser } from './ui-browser.mjs';
import { feedRuns } from './ui-feed.mjs';
import { firstPaintRuns } from './ui-first-paint.mjs';
import { uiChecks, uiTable } from './ui-report.mjs';
import { searchRuns } from './ui-search.mjs';
import { seededData, workingCopy } from './ui-seed.mjs';

const FULL = { firstPaintRuns: 7, searchRuns: 5, feedRuns: 3, feedSeconds: 10 };
const QUICK = { firstPaintRuns: 2, searchRuns: 2, feedRuns: 1, feedSeconds: 3 };

function config(argv) {
  const { values } = parseArgs({
    args: argv,
    options: {
      quick: { type: 'boolean', default: false },
      stamp: { type: 'string' },
      count: { type: 'string' },
      'first-paint-runs': { type: 'string' },
      'search-runs': { type: 'string' },
      'feed-runs': { type: 'string' },
      'feed-rate': { type: 'string' },
      'feed-seconds': { type: 'string' },
      'feed-conns': { type: 'string' },
    },
  });
  const base = values.quick ? QUICK : FULL;
  const int = (flag, fallback, min, max) => {
    const raw = values[flag];
    const v = raw === undefined ? fallback : Number(raw);
    if (!Number.isInteger(v) || v < min || v > max)
      throw new Error(`--${flag} must be a whole number from ${min} to ${max}, not "${raw}"`);
    return v;
  };
  return {
    quick: values.quick,
    stamp: values.stamp ?? new Date().toISOString().replace(/:/g, '-').replace(/\..*$/, ''),
    count: int('count', 100_000, 100, 1_000_000),
    firstPaintRuns: int('first-paint-runs', base.firstPaintRuns, 1, 50),
    searchRuns: int('search-runs', base.searchRuns, 1, 50),
    feedRuns: int('feed-runs', base.feedRuns, 0, 20),
    feedRate: int('feed-rate', 1000, 1, 5000),
    feedSeconds: int('feed-seconds', base.feedSeconds, 1, 60),
    // Two connections per station: several tills, as in the issue's "from several connections".
    feedConns: int('feed-conns', 6, 1, 45),
  };
}

/** Waits (up to 15 s) for other work on the machine to calm down; says so when it does not. */
async function quietFirst(what, log) {
  const q = await waitForQuiet({ maxWaitMs: 15_000 });
  if (!q.quiet) log(`(machine busy: ${q.busyPct}% of one core used by other work before ${what})`);
  return q.busyPct;
}

async function main() {
  const cfg = config(process.argv.slice(2));
  const started = new Date();
  const log = (s) => process.stdout.write(`${s}\n`);
  log(`## UI (issue 4)${cfg.quick ? ' (--quick)' : ''}\n`);
  await buildService({ quiet: true }); // a freshness check after `npm run bench`'s build
  const t0 = Date.now();
  const seeded = await seededData({ count: cfg.count, log });
  const m = seeded.manifest;
  log(
    `Data: ${m.receipts.toLocaleString('en-US')} receipts (${m.stations.map((s) => `${s.station} ${s.n}`).join(', ')}), ` +
      `${new Date(m.from).toISOString().slice(0, 10)} to ${new Date(m.to).toISOString().slice(0, 10)}, ` +
      `${Math.round(m.fileBytes / 2 ** 20)} MiB; ${seeded.cached ? 'from the cache' : `seeded in ${Math.round((Date.now() - t0) / 1000)} s`} (${seeded.dir}).\n`,
  );
  const dataDir = workingCopy(seeded.dir);
  const browser = await launchBrowser();
  const busy = {};
  const cpu = {};
  let svc = null;
  try {
    busy.firstPaint = await quietFirst('first paint', log);
    let w = cpuWindow({});
    const firstPaint = await firstPaintRuns({ browser, dataDir, runs: cfg.firstPaintRuns, log });
    cpu.firstPaint = w().machine;

    svc = await startService(dataDir);
    busy.search = await quietFirst('search', log);
    w = cpuWindow({});
    const texts = [m.searchSamples.word, m.searchSamples.code];
    const search = await searchRuns({
      browser,
      httpPort: svc.httpPort,
      servicePid: svc.pid,
      texts,
      runs: cfg.searchRuns,
      log,
    });
    cpu.search = w().machine;

    busy.feed = await quietFirst('feed', log);
    const runId = `r${started.getTime().toString(36)}`;
    const feed = await feedRuns({
      browser,
      svc,
      runs: cfg.feedRuns,
      rate: cfg.feedRate,
      durationS: cfg.feedSeconds,
      conns: cfg.feedConns,
      runId,
      log,
    });

    const result = { firstPaint, search, feed };
    const checks = uiChecks(result);
    const file = writeJson(cfg.stamp, 'ui', {
      scenario: 'ui',
      date: started.toISOString(),
      quick: cfg.quick,
      config: cfg,
      machine: machine(),
      code: codeVersion(),
      browser: `${browser.version()} (${process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'}), viewport 1280×800`,
      data: { ...m, cached: seeded.cached },
      machineBusyBeforePct: busy,
      machineCpuDuringPct: cpu,
      checks,
      ...result,
    });
    log(
      `\n${uiTable('UI', checks)}\n\n(${Math.round((Date.now() - started.getTime()) / 1000)} s; ${file})\n`,
    );
  } finally {
    if (svc) await stop(svc.child);
    await browser.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().then(
    () => process.exit(0),
    (err) => {
      process.stderr.write(`bench/ui: ${err.stack ?? err}\n`);
      killAll();
      process.exit(1);
    },
  );
}
