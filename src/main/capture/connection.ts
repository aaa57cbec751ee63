/**
 * One POS connection: feeds its bytes to the framer, stores each receipt the moment it ends,
 * and closes the connection only once everything received on it is committed, so a closed
 * connection is the POS's proof that the receipt is safe.
 */
import type net from 'node:net';
import type { Dialect, ReceiptEnd } from '../../shared';
import { ReceiptFramer, type Segment } from './framer';
import type { StatusReplier } from './status-replies';

const GS = 0x1d;
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
}

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
    socket.on('data', (chunk: Buffer) => {
      const started = performance.now();
      if (this.framer.pendingBytes === 0) this.segmentStartedAt = options.now();
      this.bytes += chunk.length;
      this.framer.push(chunk);
      options.onWork?.(performance.now() - started);
    });
    socket.on('timeout', () => this.framer.flush('idle'));
    socket.on('end', () => void this.finish('fin'));
    socket.on('error', () => void this.finish('error'));
    this.closed = new Promise((resolve) => socket.once('close', () => resolve()));
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
    this.framer.flush(reason);
    await this.allCommitted();
    this.sink.closeConnection(this.id, this.options.now(), this.bytes, reason);
    if (this.commitFailed) {
      // Not everything is safe: a reset tells the POS the job did not go through.
      this.socket.resetAndDestroy();
    } else if (reason === 'fin' || reason === 'shutdown') {
      this.socket.end();
      // A POS that never closes its side must not hold a shutdown (or a slot) forever.
      setTimeout(() => this.socket.destroy(), 2000).unref();
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
