/**
 * Keeps the printer slots fair over capture's open connections: admits a newcomer (closing the
 * idle connection that makes room for it, see slot-policy), closes connections idle for
 * idleCloseS, counts every refusal and reports it (health, one log line a minute, the desktop
 * notice), and says who holds the slots.
 */
import type { HealthProblem, PeerSlots } from '../../shared';
import type { PrinterConnection } from './connection';
import { type RefusalReason, RefusalWatch, type SlotsView } from './refusal-watch';
import { decideSlot } from './slot-policy';

export interface SlotLimitsConfig {
  maxConnections: number;
  maxConnectionsPerPeer: number;
  idleCloseS: number;
}

export interface SlotKeeperOptions {
  /** Capture's open connections (those being closed too). */
  connections: ReadonlySet<PrinterConnection>;
  /** The limits in force (Settings may change them while capture runs). */
  config: () => SlotLimitsConfig;
  /** Paused (manager or backpressure), tills wait on their connections: none of them is idle. */
  paused: () => boolean;
  now: () => number;
  log?: (message: string) => void;
  onRefusing?: (problem: HealthProblem) => void;
}

/**
 * Sockets their POS keeps open (keptOpenByPeer), counting those being closed, as a multiple of
 * maxConnections: a flood of connections that each take an idle one's slot stays bounded. Not
 * counted: connections not read yet, which may hold a job their POS believes printed (a till
 * that does not wait for an answer opens connection after connection, and after any stall of
 * the event loop they are all accepted at once), and connections the POS has ended, which
 * wait only for their commit.
 */
const SOCKETS_PER_SLOT = 2;
/**
 * Sockets open at once however they are held, so a flood cannot run the process out of file
 * descriptors: at least the 511 connections Node's listen backlog lets the kernel hold for one
 * stall of the event loop, and more with more slots.
 */
const socketCeiling = (maxConnections: number): number => Math.max(512, 8 * maxConnections);

export interface SlotCounts {
  refusedOverLimit: number;
  refusedPerPeer: number;
  evictedIdle: number;
  closedIdle: number;
}

export class SlotKeeper {
  readonly counts: SlotCounts = {
    refusedOverLimit: 0,
    refusedPerPeer: 0,
    evictedIdle: 0,
    closedIdle: 0,
  };
  private readonly refusals: RefusalWatch;
  private reportTimer: NodeJS.Timeout | null = null;
  private sweepTimer: NodeJS.Timeout | null = null;

  constructor(private readonly options: SlotKeeperOptions) {
    this.refusals = new RefusalWatch(options.now);
  }

  /**
   * Makes room for a newcomer from `peer` (closing an idle connection if needed), or says why it
   * is refused; a refusal is counted and reported here, the caller resets the socket.
   */
  admit(peer: string): RefusalReason | null {
    const config = this.options.config();
    const decision = decideSlot(this.holders(), peer, {
      maxConnections: config.maxConnections,
      maxPerPeer: config.maxConnectionsPerPeer,
    });
    if (decision.kind === 'refuse') return this.refuse(peer, decision.reason);
    const open = this.options.connections;
    let keptOpen = 0;
    for (const c of open) if (c.keptOpenByPeer) keptOpen++;
    if (
      keptOpen >= SOCKETS_PER_SLOT * config.maxConnections ||
      open.size >= socketCeiling(config.maxConnections)
    ) {
      // Connections closing hold sockets, not slots; at the bound, one that loses nothing goes.
      const closing = [...open].filter((c) => c.closing);
      closing.sort((a, b) => a.idleSince - b.idleSince);
      if (!closing.some((c) => c.reclaim())) return this.refuse(peer, 'all-busy');
    }
    if (decision.kind === 'evict' && decision.holder.closeIdle('evicted')) {
      this.counts.evictedIdle++;
    }
    return null;
  }

  /** Starts closing connections idle for idleCloseS. */
  start(): void {
    this.scheduleSweep();
  }

  stop(): void {
    if (this.sweepTimer) clearTimeout(this.sweepTimer);
    if (this.reportTimer) clearTimeout(this.reportTimer);
    this.sweepTimer = null;
    this.reportTimer = null;
  }

  /** Refusals in the last minute. */
  refusedLastMinute(): number {
    return this.refusals.recent();
  }

  /** CONNECTIONS_REFUSED while tills were turned away in the last minute, naming the holders. */
  problem(): HealthProblem | null {
    return this.refusals.problem(this.view());
  }

  /** Who holds the slots, per address, most first. */
  view(): SlotsView {
    const at = this.options.now();
    const byPeer = new Map<string, PeerSlots>();
    for (const c of this.holders()) {
      let p = byPeer.get(c.peer);
      if (!p) byPeer.set(c.peer, (p = { peer: c.peer, open: 0, inProgress: 0, longestIdleS: 0 }));
      p.open++;
      if (c.busy) p.inProgress++;
      p.longestIdleS = Math.max(p.longestIdleS, Math.floor((at - c.idleSince) / 1000));
    }
    const peers = [...byPeer.values()].sort(
      (a, b) => b.open - a.open || b.longestIdleS - a.longestIdleS,
    );
    const config = this.options.config();
    return {
      peers,
      maxConnections: config.maxConnections,
      maxPerPeer: config.maxConnectionsPerPeer,
    };
  }

  /** Connections holding a slot: open and not being closed. */
  private holders(): PrinterConnection[] {
    return [...this.options.connections].filter((c) => !c.closing);
  }

  private refuse(peer: string, reason: RefusalReason): RefusalReason {
    if (reason === 'peer-full') this.counts.refusedPerPeer++;
    else this.counts.refusedOverLimit++;
    this.refusals.record(reason, peer);
    this.report();
    return reason;
  }

  /** The log line (and notice) about refusals: at once for the first, then one a minute. */
  private report(): void {
    const line = this.refusals.report(this.view());
    if (line !== null) {
      this.options.log?.(`CONNECTIONS_REFUSED: ${line}`);
      this.options.onRefusing?.({ code: 'CONNECTIONS_REFUSED', message: line });
    } else if (!this.reportTimer) {
      const wait = Math.max(this.refusals.dueAt() - this.options.now(), 0);
      this.reportTimer = setTimeout(() => {
        this.reportTimer = null;
        this.report();
      }, wait);
      this.reportTimer.unref();
    }
  }

  /**
   * Closes connections silent for idleCloseS with nothing in progress. Checked a few times per
   * idleCloseS (at most each second), so a connection closes within a second of its time.
   */
  private scheduleSweep(): void {
    const every = Math.min(1000, (this.options.config().idleCloseS * 1000) / 4);
    this.sweepTimer = setTimeout(() => {
      this.sweepIdle();
      this.scheduleSweep();
    }, every);
    this.sweepTimer.unref();
  }

  private sweepIdle(): void {
    if (this.options.paused()) return;
    const silentSince = this.options.now() - this.options.config().idleCloseS * 1000;
    for (const c of this.options.connections) {
      if (c.idleSince <= silentSince && c.closeIdle('idle-close')) this.counts.closedIdle++;
    }
  }
}
