// The three load patterns, run inside a client child process (bench/client.mjs). Receipts are
// made before the clock starts so the client spends its CPU on sockets, not on generating bytes.
// Every loop is bounded by a count and by `deadline` (ms, same clock as now()), given at start.
import net from 'node:net';
import { receiptMaker } from './receipts.mjs';
import { now } from './stats.mjs';

const HOST = '127.0.0.1';

/**
 * Each simulated till prints from an address of its own, as a restaurant's tills do (all of
 * 127.0.0.0/8 is this machine): from one address, more than capture.maxConnectionsPerPeer (8)
 * connections with receipts in progress would be refused as one device hogging the slots.
 */
export function tillAddress(n) {
  return `127.0.0.${10 + (n % 240)}`;
}
/** One connection that neither closes nor fails within this long counts as failed. */
const CONNECTION_TIMEOUT_MS = 20_000;

/** Makes `count` receipts with markers `${prefix}-${n}`. */
export function makeReceipts({ prefix, count, seed, logoShare }) {
  const maker = receiptMaker({ seed, logoShare });
  const out = [];
  for (let n = 0; n < count; n++) {
    const marker = `${prefix}-${n}`;
    out.push({ marker, ...maker.next(marker) });
  }
  return out;
}

/**
 * One receipt on one connection: connect, write, end(), wait for the server to close.
 * Resolves { tEnd, tClose, ok } — ok: closed cleanly (the service's durable ack).
 */
export function sendOne(port, bytes, from = HOST) {
  return new Promise((resolve) => {
    let tEnd = null;
    let failed = false;
    const socket = net.connect({ host: HOST, port, noDelay: true, localAddress: from });
    const timer = setTimeout(() => {
      failed = true;
      socket.destroy();
    }, CONNECTION_TIMEOUT_MS);
    socket.on('connect', () => {
      socket.write(bytes);
      socket.end();
      tEnd = now();
    });
    socket.on('data', () => {}); // status replies, if any
    socket.on('error', () => (failed = true));
    socket.on('close', (hadError) => {
      clearTimeout(timer);
      resolve({ tEnd, tClose: now(), ok: !failed && !hadError && tEnd !== null });
    });
  });
}

/** Scenario 1: `clients` concurrent clients, each sending its receipts one per connection. */
export async function oneShot({ port, clients, perClient, runId, seed, logoShare }) {
  const sets = Array.from({ length: clients }, (_, c) =>
    makeReceipts({ prefix: `${runId}-c${c}`, count: perClient, seed: seed + c, logoShare }),
  );
  return async (deadline) => {
    const records = [];
    const started = now();
    await Promise.all(
      sets.map(async (receipts, c) => {
        for (const r of receipts) {
          if (now() > deadline) break;
          const res = await sendOne(port, r.bytes, tillAddress(c));
          records.push({ marker: r.marker, bytes: r.bytes.length, logo: r.logo, ...res });
        }
      }),
    );
    return { started, finished: now(), records };
  };
}

/** Scenario 2: `conns` persistent connections, each streaming its receipts back to back. */
export async function streaming({ port, conns, perConn, runId, seed, logoShare }) {
  const sets = Array.from({ length: conns }, (_, c) =>
    makeReceipts({ prefix: `${runId}-s${c}`, count: perConn, seed: seed + 100 + c, logoShare }),
  );
  const streamOne = (receipts, deadline, from) =>
    new Promise((resolve) => {
      let written = 0;
      let bytes = 0;
      let failed = false;
      let tEnd = null;
      const socket = net.connect({ host: HOST, port, noDelay: true, localAddress: from });
      const timer = setTimeout(
        () => {
          failed = true;
          socket.destroy();
        },
        Math.max(1000, deadline - now()) + 15_000,
      ); // a grace period to drain and commit
      const pump = () => {
        while (written < receipts.length && !socket.destroyed) {
          if (now() > deadline) break;
          const b = receipts[written++].bytes;
          bytes += b.length;
          if (!socket.write(b)) {
            socket.once('drain', pump);
            return;
          }
        }
        socket.end();
        tEnd = now();
      };
      socket.on('connect', pump);
      socket.on('data', () => {});
      socket.on('error', () => (failed = true));
      socket.on('close', (hadError) => {
        clearTimeout(timer);
        resolve({ written, bytes, tEnd, tClose: now(), ok: !failed && !hadError && tEnd !== null });
      });
    });
  return async (deadline) => {
    const started = now();
    const connections = await Promise.all(
      sets.map((r, i) => streamOne(r, deadline, tillAddress(i))),
    );
    return { started, finished: now(), connections };
  };
}

/**
 * Scenario 3: open-loop pacing at `rate` receipts/s for `durationS`, one receipt per connection.
 * A send starts at its scheduled time whatever happened to earlier ones; at most `maxInFlight`
 * are open at once (below the service's connection limit), and starts held back by that cap are
 * counted (their latency from the schedule shows the wait).
 */
export async function paced({ port, rate, durationS, maxInFlight, runId, seed, logoShare }) {
  const count = Math.round(rate * durationS);
  const receipts = makeReceipts({ prefix: `${runId}-p`, count, seed: seed + 200, logoShare });
  return (deadline) =>
    new Promise((resolve) => {
      const records = [];
      const started = now();
      const t0 = started + 20;
      const interval = 1000 / rate;
      let next = 0;
      let inFlight = 0;
      let heldBack = 0;
      let lastHeld = -1;
      let done = 0;
      const finish = () =>
        resolve({ started, finished: now(), records, heldBack, scheduled: count });
      const tick = () => {
        const t = now();
        if (t > deadline) {
          clearInterval(timer);
          if (inFlight === 0) finish();
          return;
        }
        while (next < count && t0 + next * interval <= t) {
          if (inFlight >= maxInFlight) {
            if (lastHeld !== next) heldBack++;
            lastHeld = next;
            break;
          }
          const r = receipts[next];
          const tSched = t0 + next * interval;
          next++;
          inFlight++;
          sendOne(port, r.bytes, tillAddress(next)).then((res) => {
            inFlight--;
            done++;
            records.push({ marker: r.marker, bytes: r.bytes.length, logo: r.logo, tSched, ...res });
            if (done === count || (now() > deadline && inFlight === 0)) {
              clearInterval(timer);
              finish();
            }
          });
        }
        if (next >= count) clearInterval(timer);
      };
      const timer = setInterval(tick, 1);
    });
}
