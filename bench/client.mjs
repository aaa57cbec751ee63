// A client child process: receives one job over IPC, makes its receipts, says "ready", waits for
// "go", runs the load pattern and sends back the result. Exits when done or when the parent goes.
import { oneShot, paced, streaming } from './load.mjs';
import { serveJob } from './child-job.mjs';

const PATTERNS = { oneShot, streaming, paced };

serveJob((job) => PATTERNS[job.pattern](job));
