import net from 'node:net';
import type { ListenerSettings } from '../../shared';
import { DeskFailure } from '../../shared';

export interface ListenerState {
  station: string;
  host: string;
  /** The configured port, or the bound one once listening (port 0 picks a free one). */
  port: number;
  listening: boolean;
  error: string | null;
}

/**
 * One printer port: a TCP server on the station's address. Its settings (label, dialect) can
 * change while it listens; the address and port cannot (that is a new PrinterPort).
 */
export class PrinterPort {
  readonly state: ListenerState;
  private server: net.Server | null = null;

  constructor(
    public settings: ListenerSettings,
    private readonly onSocket: (socket: net.Socket, port: PrinterPort) => void,
    private readonly log?: (message: string) => void,
  ) {
    this.state = {
      station: settings.station,
      host: settings.host,
      port: settings.port,
      listening: false,
      error: null,
    };
  }

  /** The same address and port: a settings change keeps this port open. */
  sameSocket(l: ListenerSettings): boolean {
    // Port 0 (any free port) stays on the port it was given, like a fixed one.
    return l.host === this.settings.host && l.port === this.settings.port;
  }

  /** Takes on changed settings that need no new socket (label, dialect, columns). */
  update(l: ListenerSettings): void {
    this.settings = l;
    this.state.station = l.station;
  }

  /** Rejects with PORT_IN_USE / PORT_DENIED / ADDRESS_UNAVAILABLE naming the port and the fix. */
  open(): Promise<void> {
    const l = this.settings;
    const server = net.createServer({ allowHalfOpen: true, noDelay: true }, (socket) =>
      this.onSocket(socket, this),
    );
    this.server = server;
    return new Promise((resolve, reject) => {
      server.once('error', (err: NodeJS.ErrnoException) => {
        const failure = listenFailure(err, l);
        this.state.error = failure.message;
        this.server = null;
        reject(Object.assign(failure, { errno: err.code }));
      });
      server.listen({ host: l.host, port: l.port, backlog: 511 }, () => {
        const address = server.address();
        if (address && typeof address === 'object') this.state.port = address.port;
        this.state.listening = true;
        this.state.error = null;
        server.on('error', (err) => this.log?.(`Printer port ${l.port}: ${err.message}`));
        resolve();
      });
    });
  }

  /**
   * Stops accepting tills. Connections already open go on to the end of their receipt (the
   * promise settles when the last one has closed).
   */
  close(): Promise<void> {
    const server = this.server;
    this.server = null;
    this.state.listening = false;
    if (!server) return Promise.resolve();
    return new Promise((resolve) => server.close(() => resolve()));
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
