// The child side of a client process (bench/procs.mjs startClient): receives one job over IPC,
// prepares it (receipts made before the clock starts), says "ready", waits for "go", runs it and
// sends back the result. Exits when done, on error, or when the parent goes.
import { now } from './stats.mjs';

/** `prepare(job)` resolves with `run(deadline)`, which resolves with the result. */
export function serveJob(prepare) {
  process.on('disconnect', () => process.exit(0));
  process.once('message', async (job) => {
    try {
      const run = await prepare(job);
      process.send({ type: 'ready' });
      process.once('message', async (m) => {
        if (m?.type !== 'go') return;
        const result = await run(now() + job.timeLimitMs);
        process.send({ type: 'result', result }, () => process.exit(0));
      });
    } catch (err) {
      process.send({ type: 'error', message: String(err?.stack ?? err) }, () => process.exit(1));
    }
  });
}
