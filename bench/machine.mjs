// What the numbers were measured on: cores, RAM, CPU, Node.
import { execFileSync } from 'node:child_process';
import os from 'node:os';

const run = (cmd, args) => {
  try {
    return execFileSync(cmd, args, { encoding: 'utf8', timeout: 5000 }).trim();
  } catch {
    return null;
  }
};

export function machine() {
  const mem = run('free', ['-h']);
  return {
    nproc: Number(run('nproc', [])) || os.availableParallelism(),
    memTotal: mem
      ? (/^Mem:\s+(\S+)/m.exec(mem)?.[1] ?? null)
      : `${Math.round(os.totalmem() / 2 ** 30)}Gi`,
    cpu: os.cpus()[0]?.model ?? null,
    node: process.version,
    platform: `${os.type()} ${os.release()}`,
    note: 'clients, sink and service all share these cores (one client process, one server at a time)',
  };
}

/** Which code was measured: HEAD and how many files under `dir` differ from it (others edit src/). */
export function codeVersion(dir = 'src') {
  const dirty = run('git', ['status', '--porcelain', '--', dir]);
  return {
    commit: run('git', ['rev-parse', '--short', 'HEAD']),
    srcFilesChanged: dirty === null ? null : dirty.split('\n').filter(Boolean).length,
  };
}
