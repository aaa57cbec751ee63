/**
 * Keeps refusals of tills visible without flooding anyone: the health problem lasts while
 * connections were refused in the last minute, and the log (with the desktop notice that
 * follows it) gets one line a minute with the counts, naming who holds the slots. Pure apart
 * from the clock it is given.
 */
import type { HealthProblem, PeerSlots } from '../../shared';
import { RateCounter } from '../metrics';

/** `peer-full`: the address already holds its most connections; `all-busy`: every slot. */
export type RefusalReason = 'peer-full' | 'all-busy';

export type { PeerSlots };

export interface SlotsView {
  /** Most slots first. */
  peers: PeerSlots[];
  maxConnections: number;
  maxPerPeer: number;
}

export const REFUSAL_REPORT_MS = 60_000;
/** Addresses remembered as refused over their cap (the LAN is finite; this keeps it so). */
const PEERS_REMEMBERED = 64;
/** Holders named in a sentence; the rest are counted. */
const NAMED = 3;

export class RefusalWatch {
  private readonly lastMinute: Record<RefusalReason, RateCounter>;
  private readonly unreported: Record<RefusalReason, number> = { 'peer-full': 0, 'all-busy': 0 };
  /** Addresses refused over their own cap, with when they last were. */
  private readonly capped = new Map<string, number>();
  private lastAt = -Infinity;
  private lastReportAt = -Infinity;

  constructor(private readonly now: () => number = Date.now) {
    this.lastMinute = { 'peer-full': new RateCounter(now), 'all-busy': new RateCounter(now) };
  }

  record(reason: RefusalReason, peer: string): void {
    const at = this.now();
    this.lastAt = at;
    this.lastMinute[reason].add();
    this.unreported[reason]++;
    if (reason === 'peer-full') {
      this.capped.delete(peer); // re-inserted last: the map's order is oldest first
      this.capped.set(peer, at);
      if (this.capped.size > PEERS_REMEMBERED) this.capped.delete(this.capped.keys().next().value!);
    }
  }

  /** Refusals in the last minute. */
  recent(): number {
    return this.lastMinute['peer-full'].perMinute() + this.lastMinute['all-busy'].perMinute();
  }

  /**
   * The log line for the refusals not yet reported, when one is due: the first at once, then at
   * most one a minute. Null when nothing is due (then try again at dueAt()).
   */
  report(slots: SlotsView): string | null {
    const at = this.now();
    const { 'peer-full': peerFull, 'all-busy': allBusy } = this.unreported;
    if (peerFull + allBusy === 0 || at < this.dueAt()) return null;
    this.lastReportAt = at;
    this.unreported['peer-full'] = 0;
    this.unreported['all-busy'] = 0;
    return describe(
      allBusy,
      peerFull,
      this.cappedSince(this.lastReportAt - REFUSAL_REPORT_MS),
      slots,
    );
  }

  /** When the next report may be written. */
  dueAt(): number {
    return this.lastReportAt + REFUSAL_REPORT_MS;
  }

  /** While connections are being refused (any in the last minute): why, and what to do. */
  problem(slots: SlotsView): HealthProblem | null {
    const at = this.now();
    if (at - this.lastAt >= REFUSAL_REPORT_MS) return null;
    const allBusy = this.lastMinute['all-busy'].perMinute();
    const peerFull = this.lastMinute['peer-full'].perMinute();
    // The per-second buckets can drop the last refusal a few ms before the minute is over.
    if (allBusy + peerFull === 0) return null;
    const message = describe(allBusy, peerFull, this.cappedSince(at - REFUSAL_REPORT_MS), slots);
    return { code: 'CONNECTIONS_REFUSED', message };
  }

  private cappedSince(from: number): string[] {
    return [...this.capped].filter(([, at]) => at >= from).map(([peer]) => peer);
  }
}

/** The sentences of a refusal report (counts of the last minute). */
export function describe(
  allBusy: number,
  peerFull: number,
  cappedPeers: string[],
  slots: SlotsView,
): string {
  const parts: string[] = [];
  if (allBusy > 0) {
    parts.push(
      `${connections(allBusy)} turned away in the last minute: all ${slots.maxConnections} printer connections are busy with receipts${heldBy(slots.peers)}. If one of these is not a till, switch it off or list your tills under Who may print in Settings; if the tills are simply busy, raise Tills printing at once (Settings, Capacity).`,
    );
  }
  if (peerFull > 0) {
    const who = cappedPeers.length > 0 ? listed(cappedPeers) : 'one address';
    parts.push(
      `${connections(peerFull)} from ${who} turned away in the last minute: ${cappedPeers.length > 1 ? 'each' : 'it'} already holds ${slots.maxPerPeer} connections with receipts in progress, the most one device may hold. If it is a till that prints on many connections at once, raise Connections per device (Settings, Capacity); if not, switch that device off.`,
    );
  }
  return parts.join(' ');
}

function connections(n: number): string {
  return n === 1 ? '1 connection' : `${n.toLocaleString('en')} connections`;
}

/** " (held by 192.168.1.30: 40, 192.168.1.31: 10 and 2 more addresses)" */
function heldBy(peers: PeerSlots[]): string {
  if (peers.length === 0) return '';
  const named = peers.slice(0, NAMED).map((p) => `${p.peer}: ${p.open}`);
  const more = peers.length - NAMED;
  const rest = more > 0 ? ` and ${more} more ${more === 1 ? 'address' : 'addresses'}` : '';
  return ` (held by ${named.join(', ')}${rest})`;
}

function listed(peers: string[]): string {
  const named = peers.slice(0, NAMED);
  const more = peers.length - NAMED;
  return more > 0 ? `${named.join(', ')} and ${more} more` : named.join(', ');
}
