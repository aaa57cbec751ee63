/**
 * The main thread's handle on the writer thread. Same verbs as a local writer: a promise
 * resolves only once its row is committed, which is when a receipt may be acknowledged.
 * Ops of one turn of the event loop travel in one message.
 */
import { Worker } from 'node:worker_threads';
import { DeskFailure } from '../../shared';
import { SampleWindow } from '../metrics';
import { YOUNG_GENERATION_MB } from '../memory';
import type { Totals } from './totals';
import { errorText } from './write-failure';
import type {
  FromWriter,
  FiguresWrite,
  OutboxUpdate,
  InterpretationRow,
  NewConnection,
  NewReceipt,
  ToWriter,
  TotalsSnapshot,
  WriteOp,
  WriterInit,
} from './writer-protocol';

interface Deferred {
  resolve: (value: number) => void;
  reject: (err: Error) => void;
  /** Bytes this op carries (raw bytes, or texts), counted in the backlog until committed. */
  bytes: number;
  /** A receipt that printed nothing (status polls, a drawer kick alone). */
  empty?: boolean;
  /** 1 for a receipt, counted against maxReceipts. */
  receipts: number;
}

/** Bounds on what waits for the disk; past either, capture is asked to pause. */
export interface BacklogBounds {
  maxBytes: number;
  maxReceipts: number;
}

export interface CommitGauges {
  commits: number;
  batchSize: { p50: number | null; p99: number | null };
  commitMs: { p50: number | null; p99: number | null };
  /** Writes sent to the writer thread and not yet committed. */
  waiting: number;
  /** Receipt bytes not yet committed. */
  backlogBytes: number;
  /** Times the backlog passed its bound and capture was asked to pause. */
  saturations: number;
}

export interface DiskGauges {
  /** 'full' from a write that failed for lack of space until writes succeed with room again. */
  state: 'ok' | 'full';
  /** Receipts refused because the disk was full: their tills were reset, nothing acknowledged. */
  refusedWhileFull: number;
  /**
   * Stretches that printed nothing (status polls, a drawer kick alone) not kept while full;
   * their connections stay open, as a printer's would.
   */
  emptyNotStored: number;
}

export class WriterClient {
  private readonly worker: Worker;
  private outbox: WriteOp[] = [];
  private posting = false;
  private nextTag = 1;
  private nextConnectionId = 1;
  private readonly waiting = new Map<number, Deferred>();
  private closed = false;
  private closing: Promise<void> | null = null;
  private onClosed: (() => void) | null = null;
  private exited = false;
  private commits = 0;
  private readonly batchSizes = new SampleWindow(512);
  private readonly commitTimes = new SampleWindow(512);
  /** Highest receipt id in the file when the writer started. */
  maxReceiptIdAtStart = 0;
  private backlogBytes = 0;
  private backlogReceipts = 0;
  private backlogged = false;
  private saturations = 0;
  /** Told true when receipts wait on the disk beyond the bounds (pause reading), false after. */
  onBacklog: (saturated: boolean) => void = () => {};
  private full: DeskFailure | null = null;
  private refusedWhileFull = 0;
  private emptyNotStored = 0;
  /** Told when the disk fills up (with why) and when it has room again (null). */
  onDiskFull: (failure: DeskFailure | null) => void = () => {};

  private constructor(
    file: string,
    init: WriterInit,
    private readonly totals: Totals,
    private readonly bounds: BacklogBounds,
    private readonly onError: (err: DeskFailure) => void,
  ) {
    this.worker = new Worker(file, {
      workerData: init,
      resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB },
    });
  }

  /** Starts the writer thread; resolves once the file is open and migrated. */
  static start(
    file: string,
    init: WriterInit,
    totals: Totals,
    bounds: BacklogBounds,
    onError: (err: DeskFailure) => void = () => {},
  ): Promise<WriterClient> {
    const client = new WriterClient(file, init, totals, bounds, onError);
    return new Promise((resolve, reject) => {
      const onFirst = (msg: FromWriter): void => {
        if (msg.type === 'ready') {
          client.nextConnectionId = msg.maxConnectionId + 1;
          client.maxReceiptIdAtStart = msg.maxReceiptId;
          totals.restore(msg.totals);
          client.worker.on('message', (m: FromWriter) => client.receive(m));
          resolve(client);
        } else if (msg.type === 'fatal') {
          void client.worker.terminate();
          reject(new DeskFailure(msg.code, msg.message));
        }
      };
      client.worker.once('message', onFirst);
      client.worker.once('error', (err: unknown) => {
        client.failAll(
          new DeskFailure(
            'WRITER_CRASHED',
            `The receipts writer stopped: ${errorText(err)}. Restart Receipt Desk.`,
          ),
        );
        reject(err);
      });
      // A thread that ended without saying "closed" must not hold a shutdown forever.
      client.worker.once('exit', () => {
        client.exited = true;
        client.onClosed?.();
      });
    });
  }

  /** Records a new connection; its id is usable at once (the row joins the next commit). */
  openConnection(c: NewConnection): number {
    const id = this.nextConnectionId++;
    this.push({ kind: 'open', id, c });
    return id;
  }

  closeConnection(id: number, closedAt: number, bytes: number, reason: string): void {
    this.push({ kind: 'close', id, closedAt, bytes, reason });
  }

  /** True while the disk is full: receipts are refused at once (see appendReceipt). */
  get diskFull(): boolean {
    return this.full !== null;
  }

  /**
   * Resolves with the receipt's id once its raw bytes are committed. While the disk is full it
   * rejects at once with DISK_FULL, without queueing: the till is reset before anything is
   * acknowledged, so its resend later is no duplicate.
   */
  appendReceipt(r: NewReceipt): Promise<number> {
    if (this.full) {
      this.refusedWhileFull++;
      return Promise.reject(this.full);
    }
    const load = { bytes: r.bytes.length, receipts: 1 };
    this.addBacklog(load);
    return this.tagged((tag) => ({ kind: 'receipt', tag, r }), load, r.empty);
  }

  /**
   * Texts wait for the disk too: the writer commits receipts first, and under a steady stream
   * their texts piled up (in this thread and the writer's) without bound, 370 MiB of heap after
   * 100,000 receipts. They count in the same backlog, so capture pauses until they are saved.
   */
  saveInterpretations(rows: InterpretationRow[]): Promise<number> {
    let bytes = 0;
    for (const row of rows) bytes += 128 + (row.text?.length ?? 0);
    const load = { bytes, receipts: 0 };
    this.addBacklog(load);
    return this.tagged((tag) => ({ kind: 'interpretations', tag, rows }), load);
  }

  /** Saves sales figures read from stored texts (work that waits for a quiet pool). */
  saveFigures(rows: FiguresWrite[]): Promise<number> {
    return this.tagged((tag) => ({ kind: 'figures', tag, rows }), { bytes: 0, receipts: 0 });
  }

  /**
   * Records what the relay did with outbox rows; resolves once committed. `lazy` for marks a
   * crash may lose (delivered receipts are sent again and the endpoint answers "already
   * stored"): they are committed with the next receipts, or on their own within a second.
   */
  updateOutbox(rows: OutboxUpdate[], o: { lazy?: boolean } = {}): Promise<number> {
    return this.tagged((tag) => ({ kind: 'outbox', tag, rows, ...(o.lazy ? { lazy: true } : {}) }));
  }

  /** Forgets delivered outbox rows done before `before`; resolves with how many. */
  pruneOutbox(before: number): Promise<number> {
    return this.tagged((tag) => ({ kind: 'outbox-prune', tag, before }));
  }

  /**
   * Marks the figures of `station`'s receipts received in [from, to) as read by no extractor,
   * so the figures catch-up reads them again (with the station's profile as it is now). Kept in
   * the file: a re-reading the app is closed in the middle of goes on at the next start.
   * Resolves with how many receipts are marked.
   */
  rereadFigures(station: string, from: number, to: number): Promise<number> {
    return this.tagged((tag) => ({ kind: 'reread-figures', tag, station, from, to }));
  }

  private addBacklog(load: { bytes: number; receipts: number }): void {
    this.backlogBytes += load.bytes;
    this.backlogReceipts += load.receipts;
    if (
      !this.backlogged &&
      (this.backlogBytes > this.bounds.maxBytes || this.backlogReceipts > this.bounds.maxReceipts)
    ) {
      this.backlogged = true;
      this.saturations++;
      this.onBacklog(true);
    }
  }

  /** Caches a receipt's document (built when it was first opened); not waited on. */
  cacheDocument(id: number, interpreterVersion: number, document: Uint8Array): void {
    this.push({ kind: 'document', id, interpreterVersion, document });
  }

  /** Deletes receipts older than retentionDays; resolves with how many. */
  applyRetention(retentionDays: number | null, now: number): Promise<number> {
    return this.tagged((tag) => ({ kind: 'retention', tag, retentionDays, now }));
  }

  /** Resolves when everything queued before it is committed. */
  async barrier(): Promise<void> {
    await this.tagged((tag) => ({ kind: 'barrier', tag }));
  }

  /** A stretch that printed nothing, not stored because the disk is full (counted only). */
  skipEmptyWhileFull(): void {
    this.emptyNotStored++;
  }

  diskGauges(): DiskGauges {
    return {
      state: this.full ? 'full' : 'ok',
      refusedWhileFull: this.refusedWhileFull,
      emptyNotStored: this.emptyNotStored,
    };
  }

  gauges(): CommitGauges {
    return {
      commits: this.commits,
      batchSize: { p50: this.batchSizes.percentile(50), p99: this.batchSizes.percentile(99) },
      commitMs: { p50: this.commitTimes.percentile(50), p99: this.commitTimes.percentile(99) },
      waiting: this.waiting.size,
      backlogBytes: this.backlogBytes,
      saturations: this.saturations,
    };
  }

  /** Commits what is queued, closes the file (checkpointed) and ends the thread. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      this.post();
      this.closed = true;
      if (this.exited) return;
      const done = new Promise<void>((resolve) => (this.onClosed = resolve));
      this.worker.postMessage({ type: 'close' } satisfies ToWriter);
      await done;
      await this.worker.terminate();
    })();
    return this.closing;
  }

  private tagged(
    make: (tag: number) => WriteOp,
    load = { bytes: 0, receipts: 0 },
    empty = false,
  ): Promise<number> {
    return new Promise((resolve, reject) => {
      if (this.closed) {
        this.settleBacklog(load.bytes, load.receipts);
        reject(new DeskFailure('STORE_CLOSED', 'Receipt Desk is shutting down.'));
        return;
      }
      const tag = this.nextTag++;
      this.waiting.set(tag, { resolve, reject, ...load, empty });
      this.push(make(tag));
    });
  }

  private settleBacklog(bytes: number, receipts: number): void {
    if (bytes === 0 && receipts === 0) return;
    this.backlogBytes -= bytes;
    this.backlogReceipts -= receipts;
    if (
      this.backlogged &&
      this.backlogBytes <= this.bounds.maxBytes / 2 &&
      this.backlogReceipts <= this.bounds.maxReceipts / 2
    ) {
      this.backlogged = false;
      this.onBacklog(false);
    }
  }

  private push(op: WriteOp): void {
    if (this.closed) return;
    this.outbox.push(op);
    if (!this.posting) {
      this.posting = true;
      setImmediate(() => this.post());
    }
  }

  private post(): void {
    this.posting = false;
    if (this.outbox.length === 0) return;
    const ops = this.outbox;
    this.outbox = [];
    this.worker.postMessage({ type: 'ops', ops } satisfies ToWriter);
  }

  private receive(msg: FromWriter): void {
    switch (msg.type) {
      case 'committed':
        this.totals.restore(msg.totals);
        this.commits++;
        this.batchSizes.add(msg.batch);
        this.commitTimes.add(msg.ms);
        for (const [tag, value] of msg.results) this.settle(tag)?.resolve(value);
        break;
      case 'failed': {
        const failure = new DeskFailure(msg.code, msg.message);
        // Refusals while the disk is full were announced once, with the state (onDiskFull).
        if (!(this.full && msg.code === 'DISK_FULL')) this.onError(failure);
        for (const tag of msg.tags) {
          const d = this.settle(tag);
          // A receipt refused after waiting for room on a full disk.
          if (d && d.receipts > 0 && msg.code === 'DISK_FULL') {
            if (d.empty) this.emptyNotStored++;
            else this.refusedWhileFull++;
          }
          d?.reject(failure);
        }
        break;
      }
      case 'disk':
        this.full = msg.state === 'full' ? new DeskFailure(msg.code, msg.message) : null;
        this.onDiskFull(this.full);
        break;
      case 'closed':
        if (msg.problem) this.onError(new DeskFailure(msg.problem.code, msg.problem.message));
        this.onClosed?.();
        break;
      default:
        break;
    }
  }

  /** Takes the caller waiting on `tag` off the books (and its bytes off the backlog). */
  private settle(tag: number): Deferred | undefined {
    const d = this.waiting.get(tag);
    if (!d) return undefined;
    this.waiting.delete(tag);
    this.settleBacklog(d.bytes, d.receipts);
    return d;
  }

  private failAll(err: DeskFailure): void {
    this.onError(err);
    for (const d of this.waiting.values()) {
      this.settleBacklog(d.bytes, d.receipts);
      d.reject(err);
    }
    this.waiting.clear();
  }
}

export type { TotalsSnapshot };
