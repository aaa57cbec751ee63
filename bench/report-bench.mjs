// The report benchmarks through the real store (bench/report-bench-entry.ts), bundled from the
// working tree into out/bench/report-bench.js and run in a process of its own, so the sales
// bench's own timings are not disturbed by a service's threads. Resolves the figures it prints.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleForNode } from './node-bundle.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export async function runReportBench({ quick = false } = {}) {
  const file = path.join(root, 'out', 'bench', 'report-bench.js');
  await bundleForNode(path.join(root, 'bench', 'report-bench-entry.ts'), file);
  const child = spawn(process.execPath, [file, root, ...(quick ? ['--quick'] : [])], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (s) => (out += s));
  const code = await new Promise((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`report bench exited with ${code}`);
  return JSON.parse(out.trim().split('\n').at(-1));
}
