// Child processes of the benchmark: the service, the sink and the clients. Every child is
// registered and killed on exit, error or signal; nothing outlives the run.
import { fork, spawn } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { withMallocEnv } from '../scripts/malloc-env.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const children = new Set();

function track(child) {
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

export function killAll() {
  for (const c of children) {
    try {
      c.kill('SIGKILL');
    } catch {
      // already gone
    }
  }
}
process.once('exit', killAll);
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.once(sig, () => {
    killAll();
    process.exit(130);
  });
}

/** Waits for the first stdout line that parses as JSON with event ready/error. */
function readyLine(child, what, timeoutMs = 20_000) {
  return new Promise((resolve, reject) => {
    const rl = readline.createInterface({ input: child.stdout });
    const timer = setTimeout(
      () => reject(new Error(`${what} did not start within ${timeoutMs} ms`)),
      timeoutMs,
    );
    const fail = (code) => {
      clearTimeout(timer);
      reject(new Error(`${what} exited (${code}) before it was ready`));
    };
    child.once('exit', fail);
    rl.on('line', (l) => {
      let msg;
      try {
        msg = JSON.parse(l);
      } catch {
        return;
      }
      clearTimeout(timer);
      child.off('exit', fail);
      rl.close();
      child.stdout.resume(); // keep draining
      if (msg.event === 'ready') resolve(msg);
      else reject(new Error(`${what}: ${l}`));
    });
  });
}

/** The real service on free ports; stderr kept (last lines) for the report. */
/** `extra`: more command-line flags and environment (the relay's, for a backlog run). */
export async function startService(dataDir, extra = { args: [], env: {} }) {
  const child = track(
    spawn(
      process.execPath,
      [
        // e.g. BENCH_SERVICE_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" to profile the service.
        ...(process.env.BENCH_SERVICE_NODE_ARGS ?? '').split(' ').filter(Boolean),
        path.join(root, 'out/service/serve.js'),
        '--data-dir',
        dataDir,
        '--printer-port',
        '0',
        '--http-port',
        '0',
        ...extra.args,
      ],
      // The allocator settings `npm run serve` gives the service (scripts/malloc-env.mjs).
      { stdio: ['ignore', 'pipe', 'pipe'], cwd: root, env: { ...withMallocEnv(), ...extra.env } },
    ),
  );
  const log = [];
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (s) => {
    log.push(s);
    if (log.length > 200) log.shift();
  });
  const ready = await readyLine(child, 'the service');
  return { child, pid: child.pid, printerPort: ready.printerPort, httpPort: ready.httpPort, log };
}

export async function startSink() {
  const child = track(
    fork(path.join(here, 'sink.mjs'), [], { stdio: ['ignore', 'pipe', 'inherit', 'ipc'] }),
  );
  const ready = await readyLine(child, 'the sink');
  const stats = () =>
    new Promise((resolve) => {
      child.once('message', resolve);
      child.send({ type: 'stats' });
    });
  return { child, pid: child.pid, port: ready.port, stats };
}

/** SIGTERM, then SIGKILL after graceMs. Resolves with how it ended. */
export function stop(child, graceMs = 10_000) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve('already');
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      resolve('killed');
    }, graceMs);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      resolve(signal ? `signal ${signal}` : `exit ${code}`);
    });
    child.kill('SIGTERM');
  });
}

/**
 * A client process running one job (bench/client.mjs, or another script that speaks the same
 * ready / go / result messages): resolves { child, go(): Promise<result> } once its receipts are
 * made, so the caller starts the clock (and the metrics window) at go().
 */
export function startClient(job, script = 'client.mjs') {
  const child = track(
    fork(path.join(here, script), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] }),
  );
  const next = () =>
    new Promise((resolve, reject) => {
      const onExit = (code) => reject(new Error(`${script} exited (${code}) early`));
      child.once('exit', onExit);
      child.once('message', (m) => {
        child.off('exit', onExit);
        if (m.type === 'error') reject(new Error(`${script}: ${m.message}`));
        else resolve(m);
      });
    });
  const ready = next();
  child.send(job);
  return ready.then(() => ({
    child,
    go() {
      const result = next().then((m) => m.result);
      child.send({ type: 'go' });
      return result;
    },
  }));
}

/**
 * The interpreter micro-benchmark in a process of its own (a fresh heap and JIT, nothing else on
 * its thread), output straight to ours. Resolves with its exit code; killed after limitMs.
 */
export function runInterpreterBench(args, limitMs) {
  return runBenchScript('interpreter.mjs', args, limitMs);
}

/** The sales figures benchmark (bench/sales.mjs) in a process of its own, as the interpreter's. */
export function runSalesBench(args, limitMs) {
  return runBenchScript('sales.mjs', args, limitMs);
}

/** The memory benchmark (bench/memory.mjs) in a process of its own, as the interpreter's. */
export function runMemoryBench(args, limitMs) {
  return runBenchScript('memory.mjs', args, limitMs);
}

/** The relay benchmark (bench/relay.mjs) in a process of its own, as the interpreter's. */
export function runRelayBench(args, limitMs) {
  return runBenchScript('relay.mjs', args, limitMs);
}

/** The UI benchmark (bench/ui.mjs) in a process of its own, as the interpreter's. */
export function runUiBench(args, limitMs) {
  return runBenchScript('ui.mjs', args, limitMs);
}

function runBenchScript(file, args, limitMs) {
  const child = track(
    spawn(process.execPath, [path.join(here, file), ...args], {
      stdio: ['ignore', 'inherit', 'inherit'],
      cwd: root,
    }),
  );
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`took longer than ${limitMs / 1000} s`));
    }, limitMs);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      resolve(signal ? `signal ${signal}` : code);
    });
  });
}
