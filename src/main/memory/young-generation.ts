/**
 * The young generation (V8's nursery) of the threads that handle receipts (the pool's and the
 * writer's), in MiB. V8 grows it to 48 MiB (two 16 MiB semi-spaces and their large-object
 * space) under a burst and keeps it: with every thread, that was ~50 MiB of RSS still held 30 s
 * after 100,000 receipts. A receipt's objects die young, well inside 12 MiB; the load
 * benchmark's stream throughput did not move (BENCHMARKS.md).
 */
export const YOUNG_GENERATION_MB = 12;
