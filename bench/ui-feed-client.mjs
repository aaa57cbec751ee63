// The tills of the feed test, in a child process of their own: `conns` persistent connections
// spread over the station ports, together sending `rate` receipts a second for `durationS`
// seconds, evenly paced (receipt i is due at t0 + i / rate), each receipt ended by its cut as a
// till streaming to a printer does. Receipts are made before the clock starts. Protocol (IPC):
// job -> {type:'ready'}; {type:'go'} -> {type:'result', result}.
import net from 'node:net';
import { serveJob } from './child-job.mjs';
import { tillAddress } from './load.mjs';
import { now } from './stats.mjs';
import { feedReceiptMaker } from './ui-receipts.mjs';

/** Writes are checked this often; receipts that fell due since then go out together. */
const TICK_MS = 1;

async function prepare(job) {
  const count = Math.round(job.rate * job.durationS);
  const make = feedReceiptMaker(job.seed);
  const receipts = Array.from({ length: count }, (_, i) => make(`${job.runId}-${i}`));
  return (deadline) =>
    new Promise((resolve) => {
      const written = new Array(count).fill(null);
      const closed = [];
      const sockets = Array.from({ length: job.conns }, (_, c) => {
        const { port } = job.ports[c % job.ports.length];
        const s = net.connect({
          host: '127.0.0.1',
          port,
          noDelay: true,
          localAddress: tillAddress(c),
        });
        let ok = true;
        s.on('error', () => (ok = false));
        s.on('data', () => {}); // status replies, if any
        closed.push(new Promise((r) => s.on('close', (hadError) => r(!hadError && ok))));
        return s;
      });
      const t0 = now() + 50;
      const interval = 1000 / job.rate;
      let next = 0;
      const timer = setInterval(() => {
        const t = now();
        while (next < count && t0 + next * interval <= t && t < deadline) {
          sockets[next % sockets.length].write(receipts[next]);
          written[next] = now();
          next++;
        }
        if (next >= count || t >= deadline) {
          clearInterval(timer);
          const ended = now();
          for (const s of sockets) s.end();
          Promise.all(closed).then((oks) =>
            resolve({
              t0,
              ended,
              closed: now(),
              written,
              connectionsOk: oks.filter(Boolean).length,
            }),
          );
        }
      }, TICK_MS);
    });
}

serveJob(prepare);
