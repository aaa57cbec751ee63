/**
 * Who gets a printer slot. The port is open to the whole LAN, so a device that opens
 * connections and sends nothing (a port scanner, a hung tablet) must not keep the tills out:
 * a newcomer takes the slot of the connection idle the longest with nothing in progress, and is
 * refused only when every slot it could take holds a receipt in progress. Pure: the service
 * passes in its connections and limits.
 */

export interface SlotHolder {
  peer: string;
  /** When it last sent a byte (or connected), ms. */
  idleSince: number;
  /** A receipt in progress: bytes not yet ended by a cut, or not yet committed. */
  busy: boolean;
}

export interface SlotLimits {
  maxConnections: number;
  maxPerPeer: number;
}

export type SlotDecision<T> =
  | { kind: 'accept' }
  /** Close `holder` (it is idle, nothing in progress), then accept the newcomer. */
  | { kind: 'evict'; holder: T }
  /** `peer-full`: its own address holds maxPerPeer busy connections; `all-busy`: every slot. */
  | { kind: 'refuse'; reason: 'peer-full' | 'all-busy' };

/**
 * Decides for a newcomer from `peer`, given the connections holding slots (not those already
 * closing). A device at its own cap gives up its own idle connection rather than another
 * device's: it stays within its cap either way, and nobody else loses a connection because of
 * it (a till whose client opens a new connection per receipt without closing the old ones keeps
 * printing). Only the device's own busy connections make it wait.
 */
export function decideSlot<T extends SlotHolder>(
  holders: readonly T[],
  peer: string,
  limits: SlotLimits,
): SlotDecision<T> {
  const own = holders.filter((h) => h.peer === peer);
  if (own.length >= limits.maxPerPeer) {
    const holder = longestIdle(own);
    return holder ? { kind: 'evict', holder } : { kind: 'refuse', reason: 'peer-full' };
  }
  if (holders.length >= limits.maxConnections) {
    const holder = longestIdle(holders);
    return holder ? { kind: 'evict', holder } : { kind: 'refuse', reason: 'all-busy' };
  }
  return { kind: 'accept' };
}

/** The connection idle the longest with nothing in progress; the first of equals. */
export function longestIdle<T extends SlotHolder>(holders: readonly T[]): T | null {
  let best: T | null = null;
  for (const h of holders) {
    if (!h.busy && (best === null || h.idleSince < best.idleSince)) best = h;
  }
  return best;
}
