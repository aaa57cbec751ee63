// CPU accounting over a window, from /proc: the whole machine, the server, the client process
// and this orchestrator; what is left is other work on the machine (teammates' tests, builds),
// which the numbers must be read against. Percent of one core (200% = both of 2 cores busy).
import fs from 'node:fs';

const TICK_MS = 10; // USER_HZ = 100 on Linux

function machineJiffies() {
  const cpu = fs
    .readFileSync('/proc/stat', 'utf8')
    .split('\n')[0]
    .trim()
    .split(/\s+/)
    .slice(1)
    .map(Number);
  const idle = cpu[3] + (cpu[4] ?? 0);
  const total = cpu.slice(0, 8).reduce((a, b) => a + b, 0);
  return { busy: total - idle };
}

function pidJiffies(pid) {
  try {
    const s = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = s.slice(s.lastIndexOf(')') + 2).split(' ');
    return Number(f[11]) + Number(f[12]); // utime + stime
  } catch {
    return null;
  }
}

export function cpuWindow(pids) {
  const t0 = performance.now();
  const m0 = machineJiffies();
  const p0 = Object.fromEntries(Object.entries(pids).map(([k, pid]) => [k, pidJiffies(pid)]));
  const self0 = process.cpuUsage();
  return () => {
    const ms = performance.now() - t0;
    const pct = (jiffies) =>
      jiffies === null ? null : Math.round(((jiffies * TICK_MS) / ms) * 100);
    const out = { machine: pct(machineJiffies().busy - m0.busy) };
    let ours = 0;
    for (const [k, pid] of Object.entries(pids)) {
      const j = pidJiffies(pid);
      out[k] = j === null || p0[k] === null ? null : pct(j - p0[k]);
      ours += out[k] ?? 0;
    }
    const self = process.cpuUsage(self0);
    out.orchestrator = Math.round(((self.user + self.system) / 1000 / ms) * 100);
    ours += out.orchestrator;
    out.other = out.machine === null ? null : Math.max(0, out.machine - ours);
    return out;
  };
}

/** Machine busy % (of one core) over the next `ms`. */
export async function machineBusy(ms = 1000) {
  const w = cpuWindow({});
  await new Promise((r) => setTimeout(r, ms));
  return w().machine;
}

/**
 * Waits (bounded by maxWaitMs) until other work on the machine uses less than `limitPct` of one
 * core over a second. Returns { busyPct, waitedMs, quiet }.
 */
export async function waitForQuiet({ limitPct = 25, maxWaitMs = 30_000 } = {}) {
  const t0 = performance.now();
  let busy = await machineBusy();
  while (busy >= limitPct && performance.now() - t0 < maxWaitMs) busy = await machineBusy();
  return { busyPct: busy, waitedMs: Math.round(performance.now() - t0), quiet: busy < limitPct };
}
