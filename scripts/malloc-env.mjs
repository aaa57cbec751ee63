// How the headless service asks glibc's allocator to give memory back. By default glibc keeps
// every thread's freed memory in per-thread arenas and returns only the top of each heap, and it
// raises its mmap threshold to the size of the largest buffer freed (up to 32 MiB), so after a
// burst of 16 MiB receipts the freed buffers stayed resident (1.9 GB a minute later, see
// BENCHMARKS.md). Two arenas for the process, and every allocation of 16 KiB or more in a
// mapping of its own (unmapped when freed), keep RSS near what is in use. Read by glibc when the
// process starts, so they must be in the environment of the process that runs the service; a
// value already set wins. Other C libraries ignore them.
export const MALLOC_ENV = { MALLOC_ARENA_MAX: '2', MALLOC_MMAP_THRESHOLD_: '16384' };

/** The environment with the allocator settings added (where not already set). */
export function withMallocEnv(env = process.env) {
  return { ...MALLOC_ENV, ...env };
}

/** True when this process started without them (on Linux, where glibc reads them). */
export function lacksMallocEnv(env = process.env) {
  return process.platform === 'linux' && Object.keys(MALLOC_ENV).some((k) => env[k] === undefined);
}
