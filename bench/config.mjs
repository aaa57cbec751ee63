// Command line and environment -> one plain config object. Flags win over env, env over defaults.
//   --quick                  short smoke run (seconds, not minutes)
//   --only=interpreter|sales|load|memory|ui|relay  only that benchmark (BENCH_ONLY)
//   --scenarios=oneshot,stream,paced
//   --relay-backlog=N  each service run starts with N receipts for the cloud relay and drains
//                      them into the real Worker (cloud/, Miniflare) while the scenario runs
//   --relay-off        with --relay-backlog: the same backlog, the relay not set up (the baseline)
//   --n=32 --m=100           scenario 1: concurrent clients, receipts per client   (BENCH_N, BENCH_M)
//   --conns=8 --per-conn=2000  scenario 2: persistent connections, receipts each   (BENCH_CONNS, BENCH_PER_CONN)
//   --rate=200 --duration=15 scenario 3: receipts/s and seconds                     (BENCH_RATE, BENCH_DURATION)
//   --logo-share=0.05        share of receipts with a 30-60 KiB raster logo        (BENCH_LOGO_SHARE)
//   --settle=5               seconds to wait after a run before the "after" sample (BENCH_SETTLE)
//   --time-limit=60          hard limit per load run, seconds                      (BENCH_TIME_LIMIT)
import { parseArgs } from 'node:util';

const FULL = { n: 32, m: 100, conns: 8, perConn: 2000, rate: 200, duration: 15, settle: 5 };
const QUICK = { n: 8, m: 20, conns: 8, perConn: 100, rate: 100, duration: 3, settle: 2 };
export const SCENARIOS = ['oneshot', 'stream', 'paced'];
/**
 * The phases of `npm run bench`: the interpreter alone (bench/interpreter.mjs), the load, the
 * memory after bursts (bench/memory.mjs), then the UI in a browser with 100,000 receipts stored
 * (bench/ui.mjs).
 */
export const PHASES = ['interpreter', 'sales', 'load', 'memory', 'ui', 'relay'];

export function parseConfig(argv = process.argv.slice(2), env = process.env) {
  const { values } = parseArgs({
    args: argv,
    options: {
      quick: { type: 'boolean', default: false },
      only: { type: 'string' },
      scenarios: { type: 'string' },
      n: { type: 'string' },
      m: { type: 'string' },
      conns: { type: 'string' },
      'per-conn': { type: 'string' },
      rate: { type: 'string' },
      duration: { type: 'string' },
      'logo-share': { type: 'string' },
      settle: { type: 'string' },
      'time-limit': { type: 'string' },
      'relay-backlog': { type: 'string' },
      'relay-off': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  const base = values.quick ? QUICK : FULL;
  const num = (flag, envName, fallback, { min = 0, max = Infinity } = {}) => {
    const raw = values[flag] ?? env[envName];
    if (raw === undefined || raw === '') return fallback;
    const v = Number(raw);
    if (!Number.isFinite(v) || v < min || v > max)
      throw new Error(`--${flag} must be a number in [${min}, ${max}], not "${raw}"`);
    return v;
  };
  const scenarios = (values.scenarios ?? env.BENCH_SCENARIOS ?? SCENARIOS.join(','))
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const s of scenarios)
    if (!SCENARIOS.includes(s))
      throw new Error(`unknown scenario "${s}" (known: ${SCENARIOS.join(', ')})`);
  const only = values.only ?? (env.BENCH_ONLY || undefined);
  if (only !== undefined && !PHASES.includes(only))
    throw new Error(`--only must be one of ${PHASES.join(', ')}, not "${only}"`);
  return {
    help: values.help,
    quick: values.quick,
    phases: only ? [only] : PHASES,
    scenarios,
    n: num('n', 'BENCH_N', base.n, { min: 1, max: 45 }), // the service allows 50 connections
    m: num('m', 'BENCH_M', base.m, { min: 1, max: 10_000 }),
    conns: num('conns', 'BENCH_CONNS', base.conns, { min: 1, max: 45 }),
    perConn: num('per-conn', 'BENCH_PER_CONN', base.perConn, { min: 1, max: 100_000 }),
    rate: num('rate', 'BENCH_RATE', base.rate, { min: 1, max: 5000 }),
    duration: num('duration', 'BENCH_DURATION', base.duration, { min: 1, max: 50 }),
    logoShare: num('logo-share', 'BENCH_LOGO_SHARE', 0.05, { min: 0, max: 1 }),
    settleS: num('settle', 'BENCH_SETTLE', base.settle, { min: 0, max: 30 }),
    timeLimitS: num('time-limit', 'BENCH_TIME_LIMIT', 60, { min: 5, max: 120 }),
    warmup: values.quick ? { clients: 4, perClient: 10 } : { clients: 8, perClient: 25 },
    /** Receipts the cloud relay drains into the real Worker while each service run goes on. */
    relayBacklog: num('relay-backlog', 'BENCH_RELAY_BACKLOG', 0, { min: 0, max: 1_000_000 }),
    /** The backlog is there but the relay is not set up: the same receipts file, nothing sent. */
    relayOff: values['relay-off'],
  };
}

export const HELP = `Usage: npm run bench [-- --quick] [--only=interpreter|sales|load|memory|ui|relay] [--scenarios=oneshot,stream,paced]
       [--n=32 --m=100] [--conns=8 --per-conn=2000] [--rate=200 --duration=15] [--logo-share=0.05]
       [--settle=5] [--relay-backlog=100000 [--relay-off]]
Env: BENCH_N, BENCH_M, BENCH_CONNS, BENCH_PER_CONN, BENCH_RATE, BENCH_DURATION, BENCH_SCENARIOS,
BENCH_ONLY, BENCH_RELAY_BACKLOG.
--relay-backlog=N starts each service run with N receipts queued for the cloud relay, drained
into the real Worker (cloud/, Miniflare) while the scenario runs; compare with --relay-off, the same
receipts file and backlog with the relay not set up (a fresh folder holds no receipts at all). The
folder is built once per run (about a minute for 100,000) and each scenario starts on a copy.
First times the interpreter alone on one thread (bench/interpreter.mjs, about 30 s; runnable alone
with its own --cases, --rounds, --round-ms), then runs each scenario against a bare TCP sink and
against the service (127.0.0.1 only), then the UI in Chromium with 100,000 receipts stored
(bench/ui.mjs, about 3 minutes, plus about 2 minutes the first time to seed the receipts; runnable
alone with its own --first-paint-runs, --search-runs, --feed-runs, --feed-rate, --feed-seconds).
The memory benchmark (bench/memory.mjs, about 7 minutes; alone with its own --scenario=A,B,
--big-conns, --big-mib, --after-s, --rounds, --round-receipts, --settle-s) sends 50 receipts of
20 MiB at once, then rounds of 100,000 ordinary receipts, and follows the service's RSS.
Writes bench/results/<date>-<scenario>.json (and <date>-interpreter.json, <date>-ui.json) and
prints markdown tables.`;
