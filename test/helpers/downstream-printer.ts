/**
 * Fault fixture: the real printer Receipt Desk passes jobs through to, as a TCP server on
 * 127.0.0.1. By default it behaves like an Epson printer on port 9100: it reads everything,
 * answers each DLE EOT n (1-4) it reads with its status byte for n (also inside other data, as
 * Epson's printers do), and closes its side when the host closes its own. Options break it on
 * purpose: it drops the connection after part of a job, never reads, never answers status, or
 * never closes.
 */
import net from 'node:net';
import { once } from 'node:events';

/** Replies to DLE EOT 1, 2, 3, 4 of a printer that is online, cover closed, paper in. */
export const READY = [0x12, 0x12, 0x12, 0x12];
/** Paper out: offline, stopped by a paper end, roll end and near-end sensors see no paper. */
export const PAPER_OUT = [0x1a, 0x32, 0x12, 0x7e];
/** Cover open: offline, cover open (offline cause bit 2), paper present. */
export const COVER_OPEN = [0x1a, 0x16, 0x12, 0x12];

export interface DownstreamPrinterOptions {
  /** Listen on this port (to bring a printer back on the port a test saw refused). */
  port?: number;
  /** Reads this many bytes of a connection, then breaks it: with a reset, or with a FIN. */
  dropAfter?: { bytes: number; how: 'reset' | 'hang-up' };
  /** Takes connections but never reads them: the host's writes back up (TCP backpressure). */
  neverReads?: boolean;
  /** Reads this many bytes of a connection, then stops reading (and answering) for good. */
  stopReadingAfter?: number;
  /** Reads everything but never answers a status request. */
  silent?: boolean;
  /** Keeps its side open after the host's FIN instead of closing too. */
  staysOpen?: boolean;
  /** Replies to DLE EOT 1-4 (default READY); setStatus changes them. */
  status?: number[];
}

export interface DownstreamPrinter {
  port: number;
  /**
   * Closes its side once the host closed or reset its own. Not a printer that stops reading
   * (it never sees the FIN or reset) or stays open: only stop() closes those.
   */
  closesWithHost: boolean;
  /** The bytes each connection delivered, in connection order, complete once it closed. */
  readonly received: Buffer[];
  /** Connections accepted so far. */
  readonly accepted: number;
  /** Connections still open on the printer's side. */
  readonly open: number;
  /** DLE EOT requests answered. */
  readonly statusAnswered: number;
  setStatus(replies: number[]): void;
  /** Resolves once every connection accepted so far is closed on the printer's side. */
  allClosed(): Promise<void>;
  /** The most connections it had open at once. */
  readonly mostOpen: number;
  /** Resolves once `count` connections have been accepted in all. */
  waitForConnections(count: number): Promise<void>;
  /** Resolves once one connection has delivered at least `bytes` bytes. */
  hasRead(bytes: number): Promise<void>;
  stop(): Promise<void>;
}

export async function startDownstreamPrinter(
  options: DownstreamPrinterOptions = {},
): Promise<DownstreamPrinter> {
  let status = [...(options.status ?? READY)];
  const received: Buffer[] = [];
  const sockets = new Set<net.Socket>();
  const closedWaiters: (() => void)[] = [];
  const connectWaiters: { count: number; done: () => void }[] = [];
  let mostOpen = 0;
  const readWaiters: { bytes: number; done: () => void }[] = [];
  let mostRead = 0;
  let accepted = 0;
  let statusAnswered = 0;

  const server = net.createServer(
    { allowHalfOpen: true, pauseOnConnect: options.neverReads === true },
    (socket) => {
      const index = accepted++;
      sockets.add(socket);
      mostOpen = Math.max(mostOpen, sockets.size);
      for (const w of connectWaiters.filter((w) => w.count <= accepted)) {
        connectWaiters.splice(connectWaiters.indexOf(w), 1);
        w.done();
      }
      const chunks: Buffer[] = [];
      let length = 0;
      let carry = Buffer.alloc(0);
      socket.on('error', () => {});
      socket.once('close', () => {
        sockets.delete(socket);
        received[index] = Buffer.concat(chunks);
        if (sockets.size === 0) for (const done of closedWaiters.splice(0)) done();
      });
      if (options.neverReads) return; // paused on connect: the kernel's buffers fill, then stall
      /** Keeps what it read and answers the status requests in it. */
      const take = (chunk: Buffer): void => {
        chunks.push(chunk);
        length += chunk.length;
        mostRead = Math.max(mostRead, length);
        for (const w of readWaiters.filter((w) => w.bytes <= mostRead)) {
          readWaiters.splice(readWaiters.indexOf(w), 1);
          w.done();
        }
        if (options.silent) return;
        // A DLE EOT n may straddle two reads: scan from the last two bytes of the previous one. A
        // request ending there was already answered and cannot start in two bytes, so none is
        // answered twice.
        const scan = carry.length > 0 ? Buffer.concat([carry, chunk]) : chunk;
        carry = Buffer.from(scan.subarray(Math.max(0, scan.length - 2)));
        const answers: number[] = [];
        for (let i = 0; i + 2 < scan.length; i++) {
          const n = scan[i + 2];
          if (scan[i] === 0x10 && scan[i + 1] === 0x04 && n >= 1 && n <= 4)
            answers.push(status[n - 1]);
        }
        if (answers.length > 0) {
          statusAnswered += answers.length;
          socket.write(Buffer.from(answers));
        }
      };
      const limit = options.dropAfter?.bytes ?? options.stopReadingAfter;
      socket.on('data', (chunk: Buffer) => {
        if (limit === undefined || length + chunk.length < limit) {
          take(chunk);
          return;
        }
        take(chunk.subarray(0, limit - length));
        if (!options.dropAfter) {
          socket.pause(); // stops reading for good: the host's writes back up
        } else if (options.dropAfter.how === 'reset') {
          socket.resetAndDestroy();
        } else {
          // Hangs up: its FIN goes out and it reads nothing more (what arrives is discarded).
          socket.removeAllListeners('data');
          socket.on('data', () => {});
          socket.end();
        }
      });
      socket.on('end', () => {
        if (!options.staysOpen) socket.end();
      });
    },
  );
  server.listen(options.port ?? 0, '127.0.0.1');
  await once(server, 'listening');
  const port = (server.address() as net.AddressInfo).port;

  let stopped = false;
  return {
    port,
    closesWithHost:
      !options.neverReads && options.stopReadingAfter === undefined && !options.staysOpen,
    received,
    get accepted() {
      return accepted;
    },
    get open() {
      return sockets.size;
    },
    get statusAnswered() {
      return statusAnswered;
    },
    setStatus(replies) {
      status = [...replies];
    },
    allClosed() {
      if (sockets.size === 0) return Promise.resolve();
      return new Promise((resolve) => closedWaiters.push(resolve));
    },
    hasRead(bytes) {
      if (mostRead >= bytes) return Promise.resolve();
      return new Promise((done) => readWaiters.push({ bytes, done }));
    },
    get mostOpen() {
      return mostOpen;
    },
    waitForConnections(count) {
      if (accepted >= count) return Promise.resolve();
      return new Promise((done) => connectWaiters.push({ count, done }));
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** TCP sockets this process holds open (listening servers are not counted): leaks show here. */
export function openTcpSockets(): number {
  return process.getActiveResourcesInfo().filter((r) => r === 'TCPSocketWrap').length;
}

/** A port that refuses connections: one a server held a moment ago, now closed. */
export async function closedPort(): Promise<number> {
  const server = net.createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const port = (server.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
