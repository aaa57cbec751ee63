import type net from 'node:net';
import type { HealthProblem, ListenerSettings, Metrics, PrinterIdentity } from '../../shared';
import { type CaptureSink, PrinterConnection } from './connection';
import { PrinterPort, type ListenerState } from './printer-port';
import { SlotKeeper } from './slot-keeper';
import { CONDITION_WORDS, PrinterConditions } from './printer-conditions';
import { type PrinterCondition, createStatusReplier } from './status-replies';

export type { ListenerState } from './printer-port';

/** Why the printer ports stop reading: the pool or the disk is behind, or the manager paused. */
export type PauseReason = 'pool' | 'disk' | 'manager';

/** What the manager can change while capture runs (Settings). */
export interface CaptureConfig {
  listeners: ListenerSettings[];
  idleTimeoutMs: number;
  maxConnections: number;
  /** A connection silent this long with nothing in progress is closed. */
  idleCloseS: number;
  /** Open connections from one address. */
  maxConnectionsPerPeer: number;
  maxReceiptBytes: number;
  /** Empty: everyone may print. */
  allowList: string[];
}

export interface CaptureOptions extends CaptureConfig {
  identity: PrinterIdentity;
  sink: CaptureSink;
  now?: () => number;
  log?: (message: string) => void;
  /**
   * Tills are being turned away: called with each log line about it (at most one a minute), so
   * the desktop app can tell the manager.
   */
  onRefusing?: (problem: HealthProblem) => void;
}

/**
 * Socket reads in one turn of the event loop beyond this make capture skip a turn: a burst from
 * many POS at once (each read up to 64 KiB, tens of receipts) must not hold the loop for long.
 */
const TURN_BUDGET_MS = 8;

/** The connection gauges of the contract (Metrics.connections). */
export type CaptureGauges = Metrics['connections'];

/** Addresses listed in the gauges: enough for a restaurant's tills and the odd intruder. */
export const PEERS_SHOWN = 20;

/** "::ffff:192.168.1.20" and "192.168.1.20" are the same POS. */
export function normalizePeer(address: string | undefined): string {
  if (!address) return 'unknown';
  return address.startsWith('::ffff:') ? address.slice(7) : address;
}

/** The printer side: one TCP server per configured port, one PrinterConnection per POS socket. */
export class CaptureService {
  private ports: PrinterPort[];
  /** Ports taken out of the settings whose tills are still finishing a receipt. */
  private readonly retiring = new Set<Promise<void>>();
  private readonly connections = new Set<PrinterConnection>();
  private config: CaptureConfig;
  private allow: Set<string> | null;
  private refused = 0;
  private readonly slots: SlotKeeper;
  private paused = false;
  private readonly pausedBy = new Set<PauseReason>();
  private turnSpentMs = 0;
  private turnResetScheduled = false;
  private skipping = false;
  private readonly replier;
  private readonly now: () => number;
  /** What status replies report: paper out while receipts cannot be kept, or a station's own. */
  private readonly conditions = new PrinterConditions();

  constructor(private readonly options: CaptureOptions) {
    this.config = options;
    this.allow = allowSet(options.allowList);
    this.ports = options.listeners.map((l) => this.port(l));
    this.replier = createStatusReplier(options.identity, () => this.conditions.desk);
    this.now = options.now ?? Date.now;
    this.slots = new SlotKeeper({
      connections: this.connections,
      config: () => this.config,
      paused: () => this.paused,
      now: this.now,
      log: options.log,
      onRefusing: options.onRefusing,
    });
  }

  /** Starts every listener. Rejects with PORT_IN_USE / PORT_DENIED naming the port and the fix. */
  async start(): Promise<void> {
    await Promise.all(this.ports.map((p) => p.open()));
    this.slots.start();
  }

  listeners(): ListenerState[] {
    return this.ports.map((p) => ({ ...p.state }));
  }

  /**
   * Applies changed settings without losing a receipt. Limits and the allow-list apply to tills
   * that connect from now on. A port whose address and port stay keeps listening (a new label or
   * dialect applies to its next connection). New ports open before old ones close, so a till
   * moved to its new port is never refused by both; a till connected to a port taken away goes on
   * to the end of its receipt, which is stored as usual. When a new port cannot open, everything
   * stays as it was and the reason is thrown.
   */
  async reconfigure(next: CaptureConfig): Promise<void> {
    const kept = new Map<PrinterPort, ListenerSettings>();
    const added: PrinterPort[] = [];
    const order: PrinterPort[] = [];
    for (const l of next.listeners) {
      const same = this.ports.find((p) => !kept.has(p) && p.sameSocket(l));
      if (same) kept.set(same, l);
      else added.push(this.port(l));
      order.push(same ?? added[added.length - 1]);
    }
    const removed = this.ports.filter((p) => !kept.has(p));
    const opened: PrinterPort[] = [];
    // A port moving to another address on the same port number waits for the old one to close.
    const deferred: PrinterPort[] = [];
    const undo = async (): Promise<void> => {
      await Promise.all(opened.map((p) => p.close()));
    };
    for (const p of added) {
      try {
        await p.open();
        opened.push(p);
      } catch (err) {
        const busy = (err as { errno?: string }).errno === 'EADDRINUSE';
        if (busy && removed.some((r) => r.state.port === p.settings.port)) deferred.push(p);
        else {
          await undo();
          throw err;
        }
      }
    }
    for (const p of removed) this.retire(p);
    for (const p of deferred) {
      try {
        await p.open();
        opened.push(p);
      } catch (err) {
        await undo();
        // Put back the ports just closed; they were listening a moment ago.
        await Promise.all(removed.map((r) => r.open().catch(() => {})));
        throw err;
      }
    }
    for (const [p, l] of kept) p.update(l);
    this.ports = order;
    this.config = { ...next };
    this.allow = allowSet(next.allowList);
  }

  gauges(): CaptureGauges {
    return {
      open: this.connections.size,
      max: this.config.maxConnections,
      refused: this.refused,
      ...this.slots.counts,
      refusedLastMinute: this.slots.refusedLastMinute(),
      maxPerPeer: this.config.maxConnectionsPerPeer,
      peers: this.slots.view().peers.slice(0, PEERS_SHOWN),
      paused: this.paused,
    };
  }

  get printerCondition(): PrinterCondition {
    return this.conditions.desk;
  }

  /**
   * Sets what every printer port reports from now on: 'paper-out' makes a POS that checks
   * status hold its job (the disk is full); 'online' lets it print again. It outranks a
   * station's own condition: while the desk cannot keep receipts, no till may believe one
   * printed. Logged once per change; connections that enabled automatic status are told at once.
   */
  setPrinterCondition(next: PrinterCondition, why: string): void {
    if (!this.tellChanges(() => this.conditions.setDesk(next))) return;
    this.options.log?.(
      next === 'online'
        ? `Printer ports answer "online" again (${why}).`
        : `Printer ports now answer "${CONDITION_WORDS[next]}" (${why}): tills that check hold their receipts.`,
    );
  }

  /**
   * Makes one station's printer port report a condition of its own, as a till printing straight
   * to that station's real printer would see it (the downstream printer's cached state: paper
   * out, cover open, offline); null (or 'online') clears it, and the station answers as usual.
   * Other stations are not affected. A full disk still wins (setPrinterCondition). Logged once
   * per change; that station's connections that enabled automatic status are told at once.
   */
  setStationCondition(station: string, next: PrinterCondition | null, why: string): void {
    if (!this.tellChanges(() => this.conditions.setStation(station, next))) return;
    const now = next ?? 'online';
    this.options.log?.(
      now === 'online'
        ? `Station ${station} answers "online" again (${why}).`
        : `Station ${station} now answers "${CONDITION_WORDS[now]}" (${why}).`,
    );
  }

  /** What a station's printer port reports now: the desk's condition first, then its own. */
  conditionOf(station: string): PrinterCondition {
    return this.conditions.of(station);
  }

  /**
   * Applies a change of conditions (false if nothing changed); connections whose condition
   * changed are told (automatic status, GS a).
   */
  private tellChanges(change: () => boolean): boolean {
    const before = new Map([...this.connections].map((c) => [c, this.conditionOf(c.station)]));
    if (!change()) return false;
    for (const [c, was] of before) if (this.conditionOf(c.station) !== was) c.conditionChanged();
    return true;
  }

  /** CONNECTIONS_REFUSED while tills were turned away in the last minute, naming the holders. */
  refusalProblem(): HealthProblem | null {
    return this.slots.problem();
  }

  /**
   * TCP backpressure: the printer ports stop reading while any reason holds (the pool or the
   * disk is behind, or the manager paused) and read again once none does. Nothing is dropped
   * and nothing piles up without bound.
   */
  pauseFor(reason: PauseReason, on: boolean): void {
    if (on) this.pausedBy.add(reason);
    else this.pausedBy.delete(reason);
    if (this.pausedBy.size > 0 && !this.paused) this.pause();
    else if (this.pausedBy.size === 0 && this.paused) this.resume();
  }

  /** Whether the manager paused the printer ports (the tray). */
  get pausedByManager(): boolean {
    return this.pausedBy.has('manager');
  }

  private pause(): void {
    this.paused = true;
    for (const c of this.connections) c.pause();
  }

  private resume(): void {
    this.paused = false;
    for (const c of this.connections) c.resume();
  }

  /** Stops accepting, ends each receipt in progress, waits until every byte is committed. */
  async stop(): Promise<void> {
    this.slots.stop();
    const closing = [...this.ports.map((p) => p.close()), ...this.retiring];
    // Read what the kernel already holds before the receipts in progress are closed (a turn of
    // the event loop reads it), so it is stored before each FIN rather than reset after it.
    if (this.paused) {
      this.resume();
      await new Promise((resolve) => setImmediate(resolve));
    }
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

  private port(l: ListenerSettings): PrinterPort {
    return new PrinterPort(l, (socket, port) => this.accept(socket, port), this.options.log);
  }

  private retire(p: PrinterPort): void {
    const closing = p.close();
    this.retiring.add(closing);
    void closing.then(() => this.retiring.delete(closing));
  }

  private accept(socket: net.Socket, port: PrinterPort): void {
    const { station, dialect } = port.settings;
    const peer = normalizePeer(socket.remoteAddress);
    socket.on('error', () => {}); // errors before the connection is set up are not interesting
    if (this.allow && !this.allow.has(peer)) {
      this.refused++;
      this.options.log?.(`Refused ${peer} on ${station}: not in the allow-list.`);
      socket.destroy();
      return;
    }
    if (this.slots.admit(peer) !== null) {
      // A reset, not a FIN: a POS that checks sees the job failed (counted and reported).
      socket.resetAndDestroy();
      return;
    }
    const bound = port.state.port;
    const connection = new PrinterConnection(socket, peer, station, bound, this.options.sink, {
      idleTimeoutMs: this.config.idleTimeoutMs,
      maxReceiptBytes: this.config.maxReceiptBytes,
      replier: this.replier.withCondition(() => this.conditionOf(station)),
      dialect,
      now: this.now,
      onWork: (ms) => this.spend(ms),
      drainWhilePaused: () => !this.pausedBy.has('disk'),
    });
    this.connections.add(connection);
    socket.once('close', () => this.connections.delete(connection));
    if (this.paused) connection.pause();
  }
}

function allowSet(allowList: string[]): Set<string> | null {
  return allowList.length > 0 ? new Set(allowList.map(normalizePeer)) : null;
}
