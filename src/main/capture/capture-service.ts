import net from 'node:net';
import type { ListenerSettings, PrinterIdentity } from '../../shared';
import { DeskFailure } from '../../shared';
import { type CaptureSink, PrinterConnection } from './connection';
import { createStatusReplier } from './status-replies';

export interface CaptureOptions {
  listeners: ListenerSettings[];
  idleTimeoutMs: number;
  maxConnections: number;
  maxReceiptBytes: number;
  /** Empty: everyone may print. */
  allowList: string[];
  identity: PrinterIdentity;
  sink: CaptureSink;
  now?: () => number;
  log?: (message: string) => void;
}

export interface ListenerState {
  station: string;
  host: string;
  /** The configured port, or the bound one once listening (port 0 picks a free one). */
  port: number;
  listening: boolean;
  error: string | null;
}

/**
 * Socket reads in one turn of the event loop beyond this make capture skip a turn: a burst from
 * many POS at once (each read up to 64 KiB, tens of receipts) must not hold the loop for long.
 */
const TURN_BUDGET_MS = 8;

export interface CaptureGauges {
  open: number;
  max: number;
  /** Peers refused by the allow-list. */
  refused: number;
  /** Connections closed at once because maxConnections were already open. */
  refusedOverLimit: number;
  paused: boolean;
}

/** "::ffff:192.168.1.20" and "192.168.1.20" are the same POS. */
export function normalizePeer(address: string | undefined): string {
  if (!address) return 'unknown';
  return address.startsWith('::ffff:') ? address.slice(7) : address;
}

/** The printer side: one TCP server per configured port, one PrinterConnection per POS socket. */
export class CaptureService {
  private readonly servers: net.Server[] = [];
  private readonly states: ListenerState[];
  private readonly connections = new Set<PrinterConnection>();
  private readonly allow: Set<string> | null;
  private refused = 0;
  private refusedOverLimit = 0;
  private paused = false;
  private turnSpentMs = 0;
  private turnResetScheduled = false;
  private skipping = false;
  private readonly replier;
  private readonly now: () => number;

  constructor(private readonly options: CaptureOptions) {
    this.states = options.listeners.map((l) => ({
      station: l.station,
      host: l.host,
      port: l.port,
      listening: false,
      error: null,
    }));
    this.allow =
      options.allowList.length > 0 ? new Set(options.allowList.map(normalizePeer)) : null;
    this.replier = createStatusReplier(options.identity);
    this.now = options.now ?? Date.now;
  }

  /** Starts every listener. Rejects with PORT_IN_USE / PORT_DENIED naming the port and the fix. */
  async start(): Promise<void> {
    await Promise.all(this.options.listeners.map((l, i) => this.listen(l, i)));
  }

  listeners(): ListenerState[] {
    return this.states.map((s) => ({ ...s }));
  }

  gauges(): CaptureGauges {
    return {
      open: this.connections.size,
      max: this.options.maxConnections,
      refused: this.refused,
      refusedOverLimit: this.refusedOverLimit,
      paused: this.paused,
    };
  }

  /** TCP backpressure: stop reading every socket until resume(). */
  pause(): void {
    this.paused = true;
    for (const c of this.connections) c.pause();
  }

  resume(): void {
    this.paused = false;
    for (const c of this.connections) c.resume();
  }

  /** Stops accepting, ends each receipt in progress, waits until every byte is committed. */
  async stop(): Promise<void> {
    const closing = this.servers.map(
      (s) => new Promise<void>((resolve) => s.close(() => resolve())),
    );
    for (const s of this.states) s.listening = false;
    // Read what the kernel already holds before the receipts in progress are closed.
    if (this.paused) this.resume();
    await Promise.all([...this.connections].map((c) => c.finish('shutdown')));
    await Promise.all(closing);
  }

  private spend(ms: number): void {
    this.turnSpentMs += ms;
    if (!this.turnResetScheduled) {
      this.turnResetScheduled = true;
      setImmediate(() => {
        this.turnResetScheduled = false;
        this.turnSpentMs = 0;
      });
    }
    if (this.turnSpentMs <= TURN_BUDGET_MS || this.skipping) return;
    this.skipping = true;
    for (const c of this.connections) c.skipTurn();
    setImmediate(() => {
      this.skipping = false;
      for (const c of this.connections) c.endSkip();
    });
  }

  private listen(l: ListenerSettings, index: number): Promise<void> {
    const server = net.createServer({ allowHalfOpen: true, noDelay: true }, (socket) =>
      this.accept(socket, l.station, this.states[index].port, l.dialect),
    );
    this.servers.push(server);
    return new Promise((resolve, reject) => {
      server.once('error', (err: NodeJS.ErrnoException) => {
        const failure = listenFailure(err, l);
        this.states[index].error = failure.message;
        reject(failure);
      });
      server.listen({ host: l.host, port: l.port, backlog: 511 }, () => {
        const address = server.address();
        if (address && typeof address === 'object') this.states[index].port = address.port;
        this.states[index].listening = true;
        server.on('error', (err) => this.options.log?.(`Printer port ${l.port}: ${err.message}`));
        resolve();
      });
    });
  }

  private accept(
    socket: net.Socket,
    station: string,
    port: number,
    dialect: ListenerSettings['dialect'],
  ): void {
    const peer = normalizePeer(socket.remoteAddress);
    socket.on('error', () => {}); // errors before the connection is set up are not interesting
    if (this.allow && !this.allow.has(peer)) {
      this.refused++;
      this.options.log?.(`Refused ${peer} on ${station}: not in the allow-list.`);
      socket.destroy();
      return;
    }
    if (this.connections.size >= this.options.maxConnections) {
      this.refusedOverLimit++;
      socket.destroy();
      return;
    }
    const connection = new PrinterConnection(socket, peer, station, port, this.options.sink, {
      idleTimeoutMs: this.options.idleTimeoutMs,
      maxReceiptBytes: this.options.maxReceiptBytes,
      replier: this.replier,
      dialect,
      now: this.now,
      onWork: (ms) => this.spend(ms),
    });
    this.connections.add(connection);
    socket.once('close', () => this.connections.delete(connection));
    if (this.paused) connection.pause();
  }
}

function listenFailure(err: NodeJS.ErrnoException, l: ListenerSettings): DeskFailure {
  if (err.code === 'EADDRINUSE') {
    return new DeskFailure(
      'PORT_IN_USE',
      `Printer port ${l.port} (${l.station}) is already in use by another program — another copy of Receipt Desk, or a print server. Close that program, or give ${l.station} another port in Settings and point the POS at it.`,
    );
  }
  if (err.code === 'EACCES') {
    return new DeskFailure(
      'PORT_DENIED',
      `Receipt Desk may not open printer port ${l.port} (${l.station}) on this computer. Choose a port above 1024, or allow the app to use it.`,
    );
  }
  if (err.code === 'EADDRNOTAVAIL') {
    return new DeskFailure(
      'ADDRESS_UNAVAILABLE',
      `The address ${l.host} for ${l.station} is not one of this computer's. Use 0.0.0.0 to listen on every network.`,
    );
  }
  return new DeskFailure(
    'LISTEN_FAILED',
    `Could not open printer port ${l.port} (${l.station}): ${err.message}.`,
  );
}
