/**
 * What the writer thread has still to commit, in order, and which batch goes next. Receipts (and
 * connection rows) are what a POS waits on: they go first, in small commits. Interpretations and
 * cached documents wait for the thread to be free of them and then go in bigger commits, where
 * the full-text index and the page writes cost less per receipt.
 *
 * When the disk is full a failed batch is put back, not dropped: the connection rows, closes and
 * interpretations of a receipt already acknowledged must reach the file once there is room again
 * (a receipt whose connection row was dropped could never be stored, and a dropped
 * interpretation left a receipt without text). Ops a caller waits on (receipts, retention,
 * barriers) are only held for a grace period, then handed back to be refused.
 */
import type { WriteOp } from './writer-protocol';

/** Interpretation messages (each up to a pool batch of rows) per commit. */
const DEFERRED_BATCH = 4;
/** Writes per commit at most: a commit of thousands takes long enough to stall acks. */
const URGENT_BATCH = 256;
/** Interpretations older than this ride along with the next receipts' commit. */
const DEFERRED_MAX_AGE_MS = 50;

/**
 * Lazy ops (the relay's delivered marks) ride along with the next commit; alone, they wait
 * this long, or until there are this many. Marks of a backlog drained at full speed came 100
 * times a second, each its own commit and flush to disk, taken from the receipts coming in.
 */
const LAZY_MAX_AGE_MS = 1_000;
const LAZY_MAX_OPS = 20;

/** Ops whose caller waits and that may be refused once the disk has been full for a while. */
const graced = (op: WriteOp): boolean =>
  op.kind === 'receipt' || op.kind === 'retention' || op.kind === 'barrier';

export class WriteQueue {
  private urgent: WriteOp[] = [];
  private deferred: WriteOp[] = [];
  private deferredSince = 0;
  private lazy: WriteOp[] = [];
  private lazySince = 0;
  /** Graced ops held back by a full disk: the time by which they are refused. */
  private readonly deadlines = new Map<WriteOp, number>();

  get length(): number {
    return this.urgent.length + this.deferred.length + this.lazy.length;
  }

  push(op: WriteOp, now: number): void {
    if (op.kind === 'interpretations' || op.kind === 'document') {
      if (this.deferred.length === 0) this.deferredSince = now;
      this.deferred.push(op);
    } else if (op.kind === 'outbox' && op.lazy) {
      if (this.lazy.length === 0) this.lazySince = now;
      this.lazy.push(op);
    } else this.urgent.push(op);
  }

  /**
   * In how many milliseconds there is a batch to take: 0 now, more when only lazy ops wait,
   * null when nothing does.
   */
  dueIn(now: number): number | null {
    if (this.urgent.length > 0 || this.deferred.length > 0) return 0;
    if (this.lazy.length === 0) return null;
    if (this.lazy.length >= LAZY_MAX_OPS) return 0;
    return Math.max(0, this.lazySince + LAZY_MAX_AGE_MS - now);
  }

  /**
   * The next batch to commit, taken off the queue (put it back with putBack if it fails);
   * empty when only lazy ops wait and they are not due yet.
   */
  take(now: number): WriteOp[] {
    const barrier = this.urgent.some((op) => op.kind === 'barrier');
    if (barrier) {
      // A barrier waits for everything before it.
      const ops = [...this.lazy, ...this.deferred, ...this.urgent];
      this.deferred = [];
      this.lazy = [];
      this.urgent = [];
      return ops;
    }
    const stale = this.deferred.length > 0 && now - this.deferredSince > DEFERRED_MAX_AGE_MS;
    let ops: WriteOp[];
    if (this.urgent.length > 0 && !stale) ops = this.urgent.splice(0, URGENT_BATCH);
    else {
      // Old interpretations ride along with the receipts' commit.
      ops = [...this.urgent.splice(0, URGENT_BATCH), ...this.deferred.splice(0, DEFERRED_BATCH)];
      this.deferredSince = now;
    }
    // Lazy ops ride along with any commit, or go alone once due. They go first: a change the
    // manager makes to the same rows (sending a delivered receipt again) comes after them.
    if (this.lazy.length > 0 && (ops.length > 0 || this.dueIn(now) === 0)) {
      ops = [...this.lazy, ...ops];
      this.lazy = [];
    }
    return ops;
  }

  /** Everything, for the last commit before the file closes. */
  drain(): WriteOp[] {
    const ops = [...this.lazy, ...this.urgent, ...this.deferred];
    this.urgent = [];
    this.deferred = [];
    this.lazy = [];
    this.deadlines.clear();
    return ops;
  }

  /** The batch committed: its ops no longer wait. */
  committed(ops: WriteOp[]): void {
    if (this.deadlines.size === 0) return;
    for (const op of ops) this.deadlines.delete(op);
  }

  /**
   * Puts a batch the full disk refused back in front, in its order. Cached documents are
   * dropped (a document is rebuilt when its receipt is next opened); graced ops get their
   * deadline if they have none yet.
   */
  putBack(ops: WriteOp[], deadline: number): void {
    const urgent: WriteOp[] = [];
    const deferred: WriteOp[] = [];
    const lazy: WriteOp[] = [];
    for (const op of ops) {
      if (op.kind === 'document') continue;
      if (graced(op) && !this.deadlines.has(op)) this.deadlines.set(op, deadline);
      if (op.kind === 'interpretations') deferred.push(op);
      else if (op.kind === 'outbox' && op.lazy) lazy.push(op);
      else urgent.push(op);
    }
    this.urgent = [...urgent, ...this.urgent];
    this.deferred = [...deferred, ...this.deferred];
    this.lazy = [...lazy, ...this.lazy];
  }

  /** While the disk is full, graced ops that arrive get a deadline as they come. */
  hold(deadline: number): void {
    for (const op of this.urgent) {
      if (graced(op) && !this.deadlines.has(op)) this.deadlines.set(op, deadline);
    }
  }

  /** Takes out the held ops whose grace has run out, for the caller to refuse. */
  expire(now: number): WriteOp[] {
    const expired: WriteOp[] = [];
    for (const [op, deadline] of this.deadlines) {
      if (deadline <= now) expired.push(op);
    }
    if (expired.length === 0) return expired;
    const gone = new Set(expired);
    for (const op of expired) this.deadlines.delete(op);
    this.urgent = this.urgent.filter((op) => !gone.has(op));
    return expired;
  }

  /** The disk has room again: nothing is on a clock any more. */
  release(): void {
    this.deadlines.clear();
  }
}
