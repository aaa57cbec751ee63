// Where a process's resident memory is, from /proc/PID/smaps: glibc's main arena ([heap]), the
// per-thread malloc arenas (64 MiB-aligned reservations of 65,536 kB), the other anonymous
// mappings (V8's heaps of every thread, and buffers malloc placed in mmap of their own), thread
// stacks, and files (code, shared libraries, SQLite's memory map if used). MiB, rounded.
import fs from 'node:fs';

const MiB = 1024 * 1024;

export function rssBreakdown(pid) {
  let text;
  try {
    text = fs.readFileSync(`/proc/${pid}/smaps`, 'utf8');
  } catch {
    return null;
  }
  const regions = [];
  let cur = null;
  for (const line of text.split('\n')) {
    const head = /^([0-9a-f]+)-([0-9a-f]+) (\S+) \S+ \S+ \S+\s*(.*)$/.exec(line);
    if (head) {
      cur = { start: BigInt(`0x${head[1]}`), name: head[4], rss: 0 };
      regions.push(cur);
    } else if (cur && line.startsWith('Rss:')) cur.rss = Number(/(\d+)/.exec(line)[1]) * 1024;
  }
  // glibc reserves each thread arena as 64 MiB aligned to 64 MiB (HEAP_MAX_SIZE), then splits it
  // into a used part and a PROT_NONE rest: anonymous mappings inside such a block are arenas.
  const block = 64n * 1024n * 1024n;
  const arenaBases = new Set(
    regions.filter((r) => !r.name && r.start % block === 0n).map((r) => r.start),
  );
  const out = { heap: 0, threadArenas: 0, otherAnon: 0, stacks: 0, files: 0, total: 0 };
  for (const r of regions) {
    let kind;
    if (r.name === '[heap]') kind = 'heap';
    else if (r.name.startsWith('[stack')) kind = 'stacks';
    else if (r.name.startsWith('[')) kind = 'files';
    else if (r.name) kind = 'files';
    else kind = arenaBases.has(r.start - (r.start % block)) ? 'threadArenas' : 'otherAnon';
    out[kind] += r.rss;
    out.total += r.rss;
  }
  for (const k of Object.keys(out)) out[k] = Math.round(out[k] / MiB);
  return out;
}

export function rssMiB(pid) {
  try {
    const s = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    return Math.round(Number(/^VmRSS:\s+(\d+) kB/m.exec(s)[1]) / 1024);
  } catch {
    return null;
  }
}

/** Peak RSS of the process so far (VmHWM), MiB. */
export function peakRssMiB(pid) {
  try {
    const s = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    return Math.round(Number(/^VmHWM:\s+(\d+) kB/m.exec(s)[1]) / 1024);
  } catch {
    return null;
  }
}
