// A client child process: receives one job over IPC, makes its receipts, says "ready", waits for
// "go", runs the load pattern and sends back the result. Exits when done or when the parent goes.
import { oneShot, paced, streaming } from './load.mjs';
import { now } from './stats.mjs';

const PATTERNS = { oneShot, streaming, paced };

process.on('disconnect', () => process.exit(0));
process.once('message', async (job) => {
  try {
    const run = await PATTERNS[job.pattern](job);
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
