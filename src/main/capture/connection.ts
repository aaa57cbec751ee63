/**
 * One POS connection: feeds its bytes to the framer, stores each receipt the moment it ends,
 * and closes the connection only once everything received on it is committed, so a closed
 * connection is the POS's proof that the receipt is safe.
 */
import type net from 'node:net';
import type { Dialect, ReceiptEnd } from '../../shared';
import { GS } from '../escpos';
import { ReceiptFramer, type Segment } from './framer';
import type { StatusReplier } from './status-replies';

/** GS a n bits: report changes of online / offline (1) and of the roll paper sensor (3). */
const ASB_ON_CONDITION = 0x02 | 0x08;

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
  /**
   * Whether a connection that gave up its slot is read to its end while capture is paused:
   * not while the writer is behind or the disk is full (what it read would wait in memory, or
   * be refused after a grace period, instead of waiting unread in the kernel). Always, if absent.
   */
  drainWhilePaused?: () => boolean;
}

/** Why capture closed a connection the POS left open (kept as the connection's close reason). */
export type IdleClose = 'idle-close' | 'evicted';

/**
 * A connection that gave up its slot closes once it has sent nothing for this long: one that
 * connected a moment ago may have its job on the way (or unread in the kernel while capture is
 * paused), and that job is stored first, as on any connection.
 */
export const CLOSE_QUIET_MS = 1000;
/** After capture's FIN, the longest a POS that never closes its side keeps the socket open. */
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
  /** The last GS a n this POS sent: which changes the printer reports unasked (Epson ASB). */
  private asbMask = 0;
  /** Set once the connection gave up its slot: it closes when quiet (closeWhenQuiet). */
  private closeReason: IdleClose | null = null;
  /**
   * The connection has been read for at least one turn of the event loop since it was accepted
   * or last paused: bytes the kernel held for it by then have been read. Until then, closing it
   * could reset a job its POS already wrote (and, if it does not wait for an answer, believes
   * printed).
   */
  private readOnce = false;
  /** The POS closed its side (FIN): all it sent is read, and only the commit is awaited. */
  private peerEnded = false;
  /** Times it was paused (noteReading's turn is void if it was paused since). */
  private pauses = 0;
  private quietTimer: NodeJS.Timeout | null = null;
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
    const replier = options.replier;
    this.lastByteAt = options.now();
    this.framer = new ReceiptFramer({
      maxReceiptBytes: options.maxReceiptBytes,
      replier: {
        asb: () => replier.asb(),
        reply: (buf, pos, length) => {
          if (buf[pos] === GS && buf[pos + 1] === 0x61 && length >= 3) this.asbMask = buf[pos + 2];
          return replier.reply(buf, pos, length);
        },
      },
      dialect: options.dialect,
      onReply: (reply) => {
        if (!socket.destroyed) socket.write(reply);
      },
      onSegment: (segment) => this.store(segment),
    });
    socket.setTimeout(options.idleTimeoutMs);
    this.noteReading();
    socket.on('data', (chunk: Buffer) => {
      // After the FIN (the ack) nothing more can be stored: a reset tells the POS it failed.
      if (this.finishing && socket.writableEnded) {
        socket.resetAndDestroy();
        return;
      }
      const started = performance.now();
      this.lastByteAt = options.now();
      if (this.framer.pendingBytes === 0) this.segmentStartedAt = this.lastByteAt;
      this.bytes += chunk.length;
      this.framer.push(chunk);
      options.onWork?.(performance.now() - started);
    });
    socket.on('timeout', () => this.framer.flush('idle'));
    socket.on('end', () => {
      this.peerEnded = true;
      void this.finish('fin');
    });
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

  /**
   * Its POS keeps it open: read at least once (readOnce), and not ended by the POS. What counts
   * against capture's bound of open sockets; a connection not read yet may hold a job its POS
   * believes printed, and one the POS ended waits only for its commit.
   */
  get keptOpenByPeer(): boolean {
    return this.readOnce && !this.peerEnded;
  }

  /** Being closed: it no longer holds a slot. */
  get closing(): boolean {
    return this.finishing || this.closeReason !== null;
  }

  /**
   * Gives up the slot of a connection with no receipt in progress, as a printer closes its idle
   * ones: it is closed (a FIN after everything it sent is committed, like any ack) once it has
   * sent nothing for CLOSE_QUIET_MS, is not paused and has nothing in progress; until then it is
   * read as usual. The POS reconnects for its next receipt. False if it is busy or closing.
   */
  closeIdle(why: IdleClose): boolean {
    if (this.busy || this.closing) return false;
    this.closeReason = why;
    // Read to its end even while capture is paused: its POS may have written a job into it,
    // which, left unread, could only be reset with the socket. One job at most; then it closes.
    if (this.drains()) this.resume();
    this.closeWhenQuiet();
    return true;
  }

  private closeWhenQuiet(): void {
    this.quietTimer = null;
    if (this.finishing) return;
    const quietFor = this.options.now() - this.lastByteAt;
    if (!this.paused && !this.busy && quietFor >= CLOSE_QUIET_MS) {
      void this.finish('idle');
      return;
    }
    // Paused or printing: look again later (a paused one may have bytes waiting unread).
    const wait = this.paused || this.busy ? CLOSE_QUIET_MS : CLOSE_QUIET_MS - quietFor;
    this.quietTimer = setTimeout(() => this.closeWhenQuiet(), wait);
    this.quietTimer.unref();
  }

  /**
   * Frees the socket now when that loses nothing (capture is at its bound of open sockets):
   * after its FIN everything is committed, so it is destroyed; a connection waiting to close
   * with nothing in progress is closed at once once it has been read (readOnce). False if it
   * has something in progress, or may hold bytes not read yet.
   */
  reclaim(): boolean {
    if (this.socket.writableEnded && !this.busy) {
      this.socket.destroy();
      return true;
    }
    if (this.closeReason === null || this.finishing || this.busy || !this.readOnce) return false;
    void this.finish('idle');
    return true;
  }

  /**
   * Stop reading (TCP backpressure). The idle timer stops too: a paused POS is not idle. A
   * connection that gave up its slot is not paused (drainWhilePaused): it is read to its end
   * and closed.
   */
  pause(): void {
    if (this.paused || this.finishing || (this.closeReason !== null && this.drains())) return;
    this.paused = true;
    this.pauses++;
    this.readOnce = false;
    this.socket.setTimeout(0);
    this.socket.pause();
  }

  resume(): void {
    if (!this.paused || this.finishing) return;
    this.paused = false;
    this.socket.setTimeout(this.options.idleTimeoutMs);
    this.socket.resume();
    this.noteReading();
  }

  private drains(): boolean {
    return this.options.drainWhilePaused?.() ?? true;
  }

  /**
   * Marks the connection read (readOnce) once the event loop has polled its socket: two checks
   * on, as the first may come before the next poll. A pause meanwhile starts it over.
   */
  private noteReading(): void {
    const pauses = this.pauses;
    setImmediate(() =>
      setImmediate(() => {
        if (this.pauses === pauses) this.readOnce = true;
      }),
    );
  }

  /**
   * The printer's condition changed (paper out / online): a POS that enabled automatic status
   * for it (GS a) is told at once, as the printer would, with the ASB of the new condition.
   */
  conditionChanged(): void {
    if ((this.asbMask & ASB_ON_CONDITION) === 0 || this.socket.destroyed) return;
    this.socket.write(this.options.replier.asb());
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
    if (this.quietTimer) clearTimeout(this.quietTimer);
    this.quietTimer = null;
    this.framer.flush(reason);
    await this.allCommitted();
    // Bytes that arrived while the commits ran are a receipt too: stored before the FIN.
    while (this.framer.pendingBytes > 0 && !this.commitFailed) {
      this.framer.flush(reason);
      await this.allCommitted();
    }
    const closeReason = this.closeReason ?? reason;
    this.sink.closeConnection(this.id, this.options.now(), this.bytes, closeReason);
    if (this.commitFailed) {
      // Not everything is safe: a reset tells the POS the job did not go through.
      this.socket.resetAndDestroy();
    } else if (reason === 'fin' || reason === 'shutdown' || this.closeReason !== null) {
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
