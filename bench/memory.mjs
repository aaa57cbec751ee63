// The memory benchmark (`npm run bench -- --only=memory`), run by bench/run.mjs in a process of
// its own. Two scenarios, each against the real service (out/service/serve.js on a fresh data
// dir, started as bench/procs.mjs starts it), 127.0.0.1 only, every child killed at the end:
//   A  `--big-conns` (50) connections each write `--big-mib` (20) MiB at once, past the 16 MiB
//      receipt limit: peak RSS, and RSS every 5 s up to 60 s after the last one is stored.
//   B  `--rounds` (3) rounds of `--round-receipts` (100,000) ordinary receipts on 8 persistent
//      connections: RSS 30 s after each round against idle.
// RSS is /proc/PID/status (VmRSS; VmHWM for the peak), with /proc/PID/smaps split into glibc's
// main arena, the threads' malloc arenas, other anonymous memory (V8 heaps) and files.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { cpuWindow, waitForQuiet } from './cpu.mjs';
import { codeVersion, machine } from './machine.mjs';
import { peakRssMiB, rssBreakdown, rssMiB } from './memory-smaps.mjs';
import { killAll, startClient, startService, stop } from './procs.mjs';
import { writeJson } from './report.mjs';
import { getJson } from './sampler.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const { values } = parseArgs({
  options: {
    stamp: { type: 'string' },
    quick: { type: 'boolean', default: false },
    scenario: { type: 'string', default: 'A,B' },
    'big-conns': { type: 'string' },
    'big-mib': { type: 'string' },
    'after-s': { type: 'string' },
    rounds: { type: 'string' },
    'round-receipts': { type: 'string' },
    'settle-s': { type: 'string' },
  },
});
const num = (v, d) => (v === undefined ? d : Number(v));
const cfg = {
  bigConns: num(values['big-conns'], values.quick ? 8 : 50),
  bigMiB: num(values['big-mib'], 20),
  afterS: num(values['after-s'], values.quick ? 15 : 60),
  rounds: num(values.rounds, values.quick ? 2 : 3),
  roundReceipts: num(values['round-receipts'], values.quick ? 20_000 : 100_000),
  settleS: num(values['settle-s'], values.quick ? 10 : 30),
  scenarios: values.scenario.split(','),
};

/** Polls until done() or timeoutMs; returns ms waited, or null on timeout. */
async function waitUntil(done, timeoutMs, stepMs = 500) {
  const t0 = performance.now();
  while (performance.now() - t0 < timeoutMs) {
    if (await done().catch(() => false)) return Math.round(performance.now() - t0);
    await sleep(stepMs);
  }
  return null;
}

async function withService(run) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'receipt-desk-bench-mem-'));
  const svc = await startService(dataDir);
  try {
    return await run(svc);
  } finally {
    const how = await stop(svc.child, 30_000);
    if (!how.startsWith('exit 0'))
      process.stderr.write(`memory: the service ended with ${how}\n${svc.log.slice(-5).join('')}`);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/** RSS now, the breakdown, and what the service says of its main thread's heap. */
async function snapshot(svc) {
  const m = await getJson(svc.httpPort, '/api/metrics').catch(() => null);
  return {
    rssMiB: rssMiB(svc.pid),
    breakdown: rssBreakdown(svc.pid),
    mainHeapUsedMiB: m ? Math.round(m.memory.heapUsedBytes / 2 ** 20) : null,
    mainHeapTotalMiB: m ? Math.round(m.memory.heapTotalBytes / 2 ** 20) : null,
  };
}

async function scenarioA() {
  return withService(async (svc) => {
    await sleep(5000);
    const idle = await snapshot(svc);
    const client = await startClient(
      {
        pattern: 'burst',
        port: svc.printerPort,
        conns: cfg.bigConns,
        mib: cfg.bigMiB,
        runId: 'mem',
        timeLimitMs: 120_000,
      },
      'memory-client.mjs',
    );
    const cpu = cpuWindow({ server: svc.pid, client: client.child.pid });
    const series = [];
    let peak = 0;
    const t0 = performance.now();
    const poll = setInterval(() => {
      const rss = rssMiB(svc.pid);
      peak = Math.max(peak, rss ?? 0);
      series.push({ s: Math.round((performance.now() - t0) / 100) / 10, rssMiB: rss });
    }, 500);
    const result = await client.go();
    // Taken while the client process still exists (its CPU would count as other work after).
    const cpuSend = cpu();
    const stored = await waitUntil(async () => {
      const s = await getJson(svc.httpPort, '/api/stats');
      const m = await getJson(svc.httpPort, '/api/metrics');
      return s.truncatedTotal >= cfg.bigConns && m.receipts.pendingInterpretation === 0;
    }, 120_000);
    const burstS = Math.round((performance.now() - t0) / 100) / 10;
    const atBurstEnd = await snapshot(svc);
    const after = [];
    const t1 = performance.now();
    for (let s = 5; s <= cfg.afterS; s += 5) {
      await sleep(Math.max(0, t1 + s * 1000 - performance.now()));
      after.push({ s, rssMiB: rssMiB(svc.pid) });
    }
    clearInterval(poll);
    const end = await snapshot(svc);
    const stats = await getJson(svc.httpPort, '/api/stats');
    return {
      config: { conns: cfg.bigConns, mib: cfg.bigMiB, afterS: cfg.afterS },
      client: result,
      storedTruncated: stats.truncatedTotal,
      receiptsTotal: stats.receiptsTotal,
      burstToStoredS: burstS,
      storedWaitMs: stored,
      idle,
      peakRssMiB: Math.max(peak, peakRssMiB(svc.pid) ?? 0),
      atBurstEnd,
      after,
      end,
      series,
      cpu: cpuSend,
    };
  });
}

async function scenarioB() {
  return withService(async (svc) => {
    await sleep(5000);
    const idle = await snapshot(svc);
    const rounds = [];
    let expected = 0;
    for (let round = 1; round <= cfg.rounds; round++) {
      const conns = 8;
      const client = await startClient({
        pattern: 'streaming',
        port: svc.printerPort,
        conns,
        perConn: Math.ceil(cfg.roundReceipts / conns),
        runId: `memb${round}`,
        seed: 4321 + round,
        logoShare: 0.05,
        timeLimitMs: 180_000,
      });
      const cpu = cpuWindow({ server: svc.pid, client: client.child.pid });
      const t0 = performance.now();
      const res = await client.go();
      const cpuRound = cpu();
      expected += res.connections.reduce((n, c) => n + c.written, 0);
      const drained = await waitUntil(async () => {
        const s = await getJson(svc.httpPort, '/api/stats');
        const m = await getJson(svc.httpPort, '/api/metrics');
        return s.receiptsTotal >= expected && m.receipts.pendingInterpretation === 0;
      }, 120_000);
      const roundS = Math.round((performance.now() - t0) / 100) / 10;
      const peak = peakRssMiB(svc.pid);
      await sleep(cfg.settleS * 1000);
      const settled = await snapshot(svc);
      const stats = await getJson(svc.httpPort, '/api/stats');
      rounds.push({
        round,
        receiptsTotal: stats.receiptsTotal,
        expected,
        drainedWaitMs: drained,
        roundS,
        peakSoFarMiB: peak,
        settled,
        cpu: cpuRound,
      });
      process.stdout.write(
        `  round ${round}: ${stats.receiptsTotal} stored in ${roundS} s; RSS ${settled.rssMiB} MiB ${cfg.settleS} s later\n`,
      );
    }
    return {
      config: { rounds: cfg.rounds, receipts: cfg.roundReceipts, settleS: cfg.settleS },
      idle,
      rounds,
    };
  });
}

function report(out) {
  const lines = ['| memory | target | measured | result |', '| --- | --- | --- | --- |'];
  const pass = (p) => (p ? 'pass' : '**miss**');
  if (out.A) {
    const a = out.A;
    const at60 = a.after.at(-1)?.rssMiB;
    lines.push(`| A: idle RSS | (reported) | ${a.idle.rssMiB} MiB | — |`);
    lines.push(
      `| A: ${a.config.conns} × ${a.config.mib} MiB at once: stored truncated | all | ${a.storedTruncated} of ${a.config.conns} | ${pass(a.storedTruncated >= a.config.conns)} |`,
    );
    lines.push(`| A: peak RSS | (reported) | ${a.peakRssMiB} MiB | — |`);
    lines.push(
      `| A: RSS ${a.config.afterS} s after the last was stored | < 400 MiB | ${at60} MiB | ${pass(at60 < 400)} |`,
    );
    lines.push(
      `| A: breakdown at ${a.config.afterS} s (main arena / thread arenas / other anon / files) | (reported) | ${a.end.breakdown.heap} / ${a.end.breakdown.threadArenas} / ${a.end.breakdown.otherAnon} / ${a.end.breakdown.files} MiB | — |`,
    );
  }
  if (out.B) {
    const b = out.B;
    lines.push(`| B: idle RSS | (reported) | ${b.idle.rssMiB} MiB | — |`);
    for (const r of b.rounds) {
      const ok = r.settled.rssMiB <= b.idle.rssMiB * 1.5;
      lines.push(
        `| B: round ${r.round} (${r.expected} receipts): RSS ${b.config.settleS} s after | ≤ 1.5 × idle (${Math.round(b.idle.rssMiB * 1.5)} MiB) | ${r.settled.rssMiB} MiB (peak so far ${r.peakSoFarMiB}) | ${pass(ok)} |`,
      );
    }
    const first = b.rounds[0]?.settled.rssMiB;
    const last = b.rounds.at(-1)?.settled.rssMiB;
    lines.push(
      `| B: growth, last round − first round | not growing (≤ 10%) | ${last - first} MiB | ${pass(last - first <= first * 0.1)} |`,
    );
  }
  return lines.join('\n');
}

async function main() {
  const stamp = values.stamp ?? new Date().toISOString().replace(/:/g, '-').replace(/\..*$/, '');
  const quiet = await waitForQuiet();
  process.stdout.write(
    `## Memory (${cfg.scenarios.join(', ')})${values.quick ? ' --quick' : ''}; other work before: ${quiet.busyPct}% of one core\n\n`,
  );
  const out = {
    date: new Date().toISOString(),
    machine: machine(),
    code: codeVersion(),
    cfg,
    otherBeforePct: quiet.busyPct,
  };
  if (cfg.scenarios.includes('A')) out.A = await scenarioA();
  if (cfg.scenarios.includes('B')) out.B = await scenarioB();
  const file = writeJson(stamp, 'memory', out);
  process.stdout.write(`${report(out)}\n\n(${file})\n\n`);
}

main().then(
  () => process.exit(0),
  (err) => {
    process.stderr.write(`memory bench: ${err.stack ?? err}\n`);
    killAll();
    process.exit(1);
  },
);
