// `npm run bench`: first the interpreter alone on one thread (bench/interpreter.mjs, a child
// process), then the load generator, then the memory after bursts (bench/memory.mjs), then the
// UI (bench/ui.mjs, a child process). For each load
// scenario, runs the same client load against a
// bare TCP sink (the physical ceiling) and against the real service, one after the other, each
// in its own child process, then writes bench/results/<date>-<scenario>.json and prints a table.
import { HELP, parseConfig } from './config.mjs';
import { waitForQuiet } from './cpu.mjs';
import { codeVersion, machine } from './machine.mjs';
import { runServicePhase, runSinkPhase } from './phase.mjs';
import {
  killAll,
  runInterpreterBench,
  runMemoryBench,
  runRelayBench,
  runSalesBench,
  runUiBench,
} from './procs.mjs';
import { markdownTable, writeJson } from './report.mjs';
import { summarise } from './summarise.mjs';
import { checks } from './targets.mjs';

/** Whole-phase limit: the client's own limit plus start, warm-up, drain and settle. */
const phaseLimitMs = (cfg) => (cfg.timeLimitS + 90 + (cfg.relayBacklog > 0 ? 600 : 0)) * 1000;

function withTimeout(promise, ms, what) {
  let timer;
  const limit = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, limit]).finally(() => clearTimeout(timer));
}

/** What goes in the JSON: figures plus the raw gauge samples, not the per-receipt records. */
function forJson(phase, figures) {
  return {
    figures,
    before: phase.before,
    after: phase.after,
    during: phase.during,
    statsBefore: phase.statsBefore,
    statsAfter: phase.statsAfter,
    sse: phase.sse ? { ...phase.sse, arrivals: undefined } : undefined,
    relay: phase.relay,
  };
}

async function main() {
  const cfg = parseConfig();
  if (cfg.help) {
    process.stdout.write(`${HELP}\n`);
    return;
  }
  const started = new Date();
  const stamp = started.toISOString().replace(/:/g, '-').replace(/\..*$/, '');
  const runId = `r${started.getTime().toString(36)}`;
  const box = machine();
  const code = codeVersion();
  process.stdout.write(
    `# Receipt Desk load benchmark ${started.toISOString()}${cfg.quick ? ' (--quick)' : ''}\n\n` +
      `Machine: ${box.nproc} cores (${box.cpu}), ${box.memTotal} RAM, Node ${box.node}. ` +
      `Clients run in a separate process but share the ${box.nproc} cores with the server under test. ` +
      `Code: ${code.commit}${code.srcFilesChanged ? ` + ${code.srcFilesChanged} uncommitted src/ files` : ''}.\n\n`,
  );
  let failures = 0;
  if (cfg.phases.includes('interpreter')) {
    const args = [`--stamp=${stamp}`, ...(cfg.quick ? ['--quick'] : [])];
    const ended = await runInterpreterBench(args, 120_000).catch((err) => err.message);
    if (ended !== 0) {
      failures++;
      process.stdout.write(`interpreter: FAILED — ${ended}\n\n`);
    }
  }
  if (cfg.phases.includes('sales')) {
    const args = [`--stamp=${stamp}`, ...(cfg.quick ? ['--quick'] : [])];
    // Seeding and reading a month of 150,000 receipts for the range report takes a minute or two.
    const ended = await runSalesBench(args, 600_000).catch((err) => err.message);
    if (ended !== 0) {
      failures++;
      process.stdout.write(`sales: FAILED — ${ended}\n\n`);
    }
  }
  for (const scenario of cfg.phases.includes('load') ? cfg.scenarios : []) {
    const t0 = Date.now();
    try {
      // Teammates' tests and builds share these 2 cores: start each scenario on a quiet machine
      // if one comes within 30 s, and say so when it does not.
      const quiet = await waitForQuiet();
      if (!quiet.quiet)
        process.stdout.write(
          `(machine busy: ${quiet.busyPct}% of one core used by other work before ${scenario})\n\n`,
        );
      const sinkPhase = await withTimeout(
        runSinkPhase(scenario, cfg, `${runId}k`),
        phaseLimitMs(cfg),
        `${scenario} (sink)`,
      );
      const servicePhase = await withTimeout(
        runServicePhase(scenario, cfg, `${runId}v`),
        phaseLimitMs(cfg),
        `${scenario} (service)`,
      );
      const figures = { sink: summarise(sinkPhase), service: summarise(servicePhase) };
      const list = checks(scenario, figures);
      const file = writeJson(stamp, scenario, {
        scenario,
        date: started.toISOString(),
        quick: cfg.quick,
        config: cfg,
        machine: box,
        code,
        machineBusyBeforePct: quiet.busyPct,
        checks: list,
        sink: forJson(sinkPhase, figures.sink),
        service: forJson(servicePhase, figures.service),
      });
      const relay = servicePhase.relay
        ? `the relay stored ${servicePhase.relay.afterLoad.stored - servicePhase.relay.before.stored} receipts in the Worker during the scenario (${((servicePhase.relay.afterLoad.at - servicePhase.relay.before.at) / 1000).toFixed(1)} s); `
        : '';
      process.stdout.write(
        `${markdownTable(scenario, list)}\n\n(${relay}${((Date.now() - t0) / 1000).toFixed(0)} s; ${file})\n\n`,
      );
    } catch (err) {
      failures++;
      killAll();
      process.stdout.write(`${scenario}: FAILED — ${err.message}\n\n`);
    }
  }
  if (cfg.phases.includes('memory')) {
    // 50 receipts of 20 MiB at once, then 3 rounds of 100,000: about 7 minutes.
    const args = [`--stamp=${stamp}`, ...(cfg.quick ? ['--quick'] : [])];
    const ended = await runMemoryBench(args, 1_200_000).catch((err) => err.message);
    if (ended !== 0) {
      failures++;
      process.stdout.write(`memory: FAILED — ${ended}\n\n`);
    }
  }
  if (cfg.phases.includes('ui')) {
    // Seeding 100,000 receipts the first time takes a few minutes on a busy machine; then cached.
    const args = [`--stamp=${stamp}`, ...(cfg.quick ? ['--quick'] : [])];
    const ended = await runUiBench(args, 900_000).catch((err) => err.message);
    if (ended !== 0) {
      failures++;
      process.stdout.write(`ui: FAILED — ${ended}\n\n`);
    }
  }
  if (cfg.phases.includes('relay')) {
    const args = [`--stamp=${stamp}`, ...(cfg.quick ? ['--quick'] : [])];
    const ended = await runRelayBench(args, 1_800_000).catch((err) => err.message);
    if (ended !== 0) {
      failures++;
      process.stdout.write(`relay: FAILED — ${ended}\n\n`);
    }
  }
  process.stdout.write(`Total ${((Date.now() - started.getTime()) / 1000).toFixed(0)} s.\n`);
  process.exit(failures ? 1 : 0); // nothing may linger (a timed-out phase leaves timers behind)
}

main().catch((err) => {
  process.stderr.write(`bench: ${err.stack ?? err}\n`);
  killAll();
  process.exit(1);
});
