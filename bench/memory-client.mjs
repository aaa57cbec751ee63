// Client process of the memory benchmark (bench/memory.mjs), speaking serveJob's ready/go
// protocol. Two patterns: `burst` opens `conns` connections at once and writes `mib` MiB of
// printable receipt lines on each (no cut, so each is one receipt past maxReceiptBytes, stored
// truncated when the connection ends); `streaming` is the load benchmark's persistent-connection
// pattern (ordinary receipts back to back). 127.0.0.1 only; bounded by the job's time limit.
import net from 'node:net';
import { serveJob } from './child-job.mjs';
import { streaming, tillAddress } from './load.mjs';
import { now } from './stats.mjs';

/** `mib` MiB of 48-column text lines (ESC @ first), the same bytes for every connection. */
function bigReceipt(mib, marker) {
  const line = Buffer.from(`${'1 x Espresso'.padEnd(40)}    2.40\n`, 'latin1');
  const out = Buffer.allocUnsafe(mib * 1024 * 1024);
  const head = Buffer.from(`\x1b@BENCH ${marker}\n`, 'latin1');
  head.copy(out, 0);
  for (let at = head.length; at < out.length; at += line.length) line.copy(out, at);
  return out;
}

function sendBig(port, bytes, deadline, from) {
  return new Promise((resolve) => {
    let failed = false;
    const socket = net.connect({ host: '127.0.0.1', port, localAddress: from });
    const timer = setTimeout(
      () => {
        failed = true;
        socket.destroy();
      },
      Math.max(1000, deadline - now()),
    );
    socket.on('connect', () => socket.end(bytes));
    socket.on('data', () => {});
    socket.on('error', () => (failed = true));
    socket.on('close', (hadError) => {
      clearTimeout(timer);
      resolve(!failed && !hadError);
    });
  });
}

async function burst({ port, conns, mib, runId }) {
  const bytes = bigReceipt(mib, `${runId}-big`);
  return async (deadline) => {
    const started = now();
    const ok = await Promise.all(
      Array.from({ length: conns }, (_, i) => sendBig(port, bytes, deadline, tillAddress(i))),
    );
    return { started, finished: now(), sent: conns, closedCleanly: ok.filter(Boolean).length };
  };
}

serveJob((job) => (job.pattern === 'burst' ? burst(job) : streaming(job)));
