/**
 * One POS connection: feeds its bytes to the framer, stores each receipt the moment it ends,
 * and closes the connection only once everything received on it is committed, so a closed
 * connection is the POS's proof that the receipt is safe.
 */
import type net from 'node:net';
import type { Dialect, ReceiptEnd } from '../../shared';
import { ReceiptFramer, type Segment } from './framer';
import type { StatusReplier } from './status-replies';

export interface SegmentMeta {
  connectionId: number;
  seq: number;
  station: string;
  peer: string;
  startedAt: number;
  receivedAt: number;
}

/** Where capture hands its work: the service wires this to the store and the pool. */
export interface CaptureSink {
  openConnection(c: {
    peer: string;
    peerPort: number | null;
    station: string;
    listenerPort: number;
    openedAt: number;
  }): number;
  /** Resolves once the segment's bytes are committed; rejects if they could not be. */
  storeSegment(segment: Segment, meta: SegmentMeta): Promise<void>;
  closeConnection(id: number, closedAt: number, bytes: number, reason: string): void;
}

export interface ConnectionOptions {
  idleTimeoutMs: number;
  maxReceiptBytes: number;
  replier: StatusReplier;
  /** The station's printer language; 'auto' decides from the connection's first commands. */
  dialect: Dialect | 'auto';
  now: () => number;
  /** Told how long each chunk took, so capture can keep one turn of the event loop short. */
  onWork?: (ms: number) => void;
}

/** Why capture closed a connection the POS left open (kept as the connection's close reason). */
export type IdleClose = 'idle-close' | 'evicted';

/**
 * After capture's FIN to an idle connection, how long the POS has to send what it was about to
 * and close its side; bytes in that time are stored as usual. Also the longest a POS that never
 * closes its side holds a shutdown (or a slot).
 */
export const CLOSE_GRACE_MS = 2000;

export class PrinterConnection {
  readonly id: number;
  private seq = 0;
  private bytes = 0;
  private segmentStartedAt = 0;
  private readonly framer: ReceiptFramer;
  private uncommitted = 0;
  private commitFailed = false;
  private commitsDone: (() => void) | null = null;
  private finishing = false;
  private paused = false;
  /** Set once capture ends an idle connection: its FIN is sent, its bytes are still read. */
  private closeReason: IdleClose | null = null;
  private graceTimer: NodeJS.Timeout | null = null;
  private lastByteAt: number;
  private readonly closed: Promise<void>;

  constructor(
    private readonly socket: net.Socket,
    readonly peer: string,
    readonly station: string,
    listenerPort: number,
    private readonly sink: CaptureSink,
    private readonly options: ConnectionOptions,
  ) {
    this.id = sink.openConnection({
      peer,
      peerPort: socket.remotePort ?? null,
      station,
      listenerPort,
      openedAt: options.now(),
    });
    this.lastByteAt = options.now();
    this.framer = new ReceiptFramer({
      maxReceiptBytes: options.maxReceiptBytes,
      replier: options.replier,
      dialect: options.dialect,
      onReply: (reply) => {
        if (!socket.destroyed) socket.write(reply);
      },
      onSegment: (segment) => this.store(segment),
    });
    socket.setTimeout(options.idleTimeoutMs);
    socket.on('data', (chunk: Buffer) => {
      const started = performance.now();
      this.lastByteAt = options.now();
      if (this.framer.pendingBytes === 0) this.segmentStartedAt = this.lastByteAt;
      this.graceTimer?.refresh();
      this.bytes += chunk.length;
      this.framer.push(chunk);
      options.onWork?.(performance.now() - started);
    });
    socket.on('timeout', () => this.framer.flush('idle'));
    socket.on('end', () => void this.finish('fin'));
    socket.on('error', () => void this.finish('error'));
    this.closed = new Promise((resolve) => socket.once('close', () => resolve()));
  }

  /** When the POS last sent a byte (or connected): the longest idle gives up its slot first. */
  get idleSince(): number {
    return this.lastByteAt;
  }

  /** A receipt in progress: bytes not ended by a cut yet, or not committed yet. */
  get busy(): boolean {
    return this.framer.pendingBytes > 0 || this.uncommitted > 0;
  }

  /** Being closed: it no longer holds a slot. */
  get closing(): boolean {
    return this.finishing || this.closeReason !== null;
  }

  /**
   * Closes a connection that holds no receipt in progress, as a printer closes its idle ones: a
   * FIN now, then whatever the POS still sends (a job it started just then) is read and stored
   * until it closes its side, or until it has sent nothing for CLOSE_GRACE_MS. The POS sees an
   * orderly close and reconnects for its next receipt. Returns false if it is busy or closing.
   */
  closeIdle(why: IdleClose): boolean {
    if (this.busy || this.closing) return false;
    this.closeReason = why;
    this.socket.end();
    this.graceTimer = setTimeout(() => this.graceOver(), CLOSE_GRACE_MS);
    this.graceTimer.unref();
    return true;
  }

  private graceOver(): void {
    // Paused, bytes may wait unread in the kernel: they are read on resume, then the grace ends.
    if (this.paused) this.graceTimer?.refresh();
    else void this.finish('idle');
  }

  /** Stop reading (TCP backpressure). The idle timer stops too: a paused POS is not idle. */
  pause(): void {
    if (this.paused || this.finishing) return;
    this.paused = true;
    this.socket.setTimeout(0);
    this.socket.pause();
  }

  resume(): void {
    if (!this.paused || this.finishing) return;
    this.paused = false;
    this.socket.setTimeout(this.options.idleTimeoutMs);
    this.socket.resume();
  }

  /** Skip reading for one turn of the event loop (the idle timer keeps running). */
  skipTurn(): void {
    if (!this.paused && !this.finishing) this.socket.pause();
  }

  /** Reads again after skipTurn, unless backpressure paused it meanwhile. */
  endSkip(): void {
    if (!this.paused && !this.finishing) this.socket.resume();
  }

  /** Ends the receipt in progress, waits for every commit, then closes. Resolves when closed. */
  async finish(reason: ReceiptEnd): Promise<void> {
    if (this.finishing) return this.closed;
    this.finishing = true;
    this.socket.setTimeout(0);
    if (this.graceTimer) clearTimeout(this.graceTimer);
    this.graceTimer = null;
    this.framer.flush(reason);
    await this.allCommitted();
    const closeReason = this.closeReason ?? reason;
    this.sink.closeConnection(this.id, this.options.now(), this.bytes, closeReason);
    if (this.commitFailed) {
      // Not everything is safe: a reset tells the POS the job did not go through.
      this.socket.resetAndDestroy();
    } else if (reason === 'fin' || reason === 'shutdown') {
      this.socket.end();
      // A POS that never closes its side must not hold a shutdown (or a slot) forever.
      setTimeout(() => this.socket.destroy(), CLOSE_GRACE_MS).unref();
    } else {
      this.socket.destroy();
    }
    return this.closed;
  }

  private store(segment: Segment): void {
    const meta: SegmentMeta = {
      connectionId: this.id,
      seq: this.seq++,
      station: this.station,
      peer: this.peer,
      startedAt: this.segmentStartedAt || this.options.now(),
      receivedAt: this.options.now(),
    };
    this.segmentStartedAt = 0;
    this.uncommitted++;
    this.sink.storeSegment(segment, meta).then(
      () => this.committed(),
      () => {
        this.commitFailed = true;
        this.committed();
        if (!this.finishing) void this.finish('error');
      },
    );
  }

  private committed(): void {
    this.uncommitted--;
    if (this.uncommitted === 0 && this.commitsDone) {
      const done = this.commitsDone;
      this.commitsDone = null;
      done();
    }
  }

  private allCommitted(): Promise<void> {
    if (this.uncommitted === 0) return Promise.resolve();
    return new Promise((resolve) => (this.commitsDone = resolve));
  }
}
