/**
 * The single writer. Everything that changes the receipts file goes through here, queued and
 * committed together in one transaction a few milliseconds later (group commit), so that
 * synchronous=FULL durability costs one fsync per batch instead of one per receipt.
 * A promise resolves only once its row is committed: that is when a receipt is acknowledged.
 */
import type Database from 'better-sqlite3';
import type { ReceiptEnd, ReceiptStatus } from '../../shared';
import { DeskFailure } from '../../shared';
import type { Totals } from './totals';

export interface NewConnection {
  peer: string;
  peerPort: number | null;
  station: string;
  listenerPort: number;
  openedAt: number;
}

export interface NewReceipt {
  connectionId: number;
  seq: number;
  station: string;
  peer: string;
  startedAt: number;
  receivedAt: number;
  bytes: Buffer;
  droppedBytes: number;
  truncated: boolean;
  empty: boolean;
  endedBy: ReceiptEnd;
}

export interface InterpretationRow {
  id: number;
  status: Exclude<ReceiptStatus, 'pending'>;
  error: string | null;
  text: string | null;
  /** Document JSON. */
  document: string | null;
  interpreterVersion: number;
  interpretedAt: number;
}

type Op =
  | { kind: 'open'; id: number; c: NewConnection; done?: undefined }
  | { kind: 'close'; id: number; closedAt: number; bytes: number; reason: string; done?: undefined }
  | { kind: 'receipt'; r: NewReceipt; done: Deferred<number> }
  | { kind: 'interpretations'; rows: InterpretationRow[]; done: Deferred<void> }
  | { kind: 'barrier'; done: Deferred<void> };

interface Deferred<T> {
  resolve: (value: T) => void;
  reject: (err: Error) => void;
}

export interface CommitStats {
  commits: number;
  lastBatchSize: number;
  lastCommitMs: number;
}

/** Flush at once past this many queued raw bytes, whatever the window. */
const FLUSH_BYTES = 8 * 1024 * 1024;
const FLUSH_OPS = 2000;

export class GroupCommitWriter {
  private queue: Op[] = [];
  private queuedBytes = 0;
  private timer: NodeJS.Timeout | null = null;
  private nextConnectionId: number;
  private closed = false;
  readonly stats: CommitStats = { commits: 0, lastBatchSize: 0, lastCommitMs: 0 };
  private readonly insertConnection: Database.Statement;
  private readonly updateConnection: Database.Statement;
  private readonly insertReceipt: Database.Statement;
  private readonly updateInterpretation: Database.Statement;

  constructor(
    private readonly db: Database.Database,
    private readonly windowMs: number,
    private readonly totals: Totals,
    private readonly onError: (err: DeskFailure) => void = () => {},
  ) {
    const row = db.prepare('SELECT coalesce(max(id), 0) AS maxId FROM connections').get() as {
      maxId: number;
    };
    this.nextConnectionId = row.maxId + 1;
    this.insertConnection = db.prepare(
      `INSERT INTO connections (id, peer, peer_port, station, listener_port, opened_at)
       VALUES (?, ?, ?, ?, ?, ?)`,
    );
    this.updateConnection = db.prepare(
      'UPDATE connections SET closed_at = ?, bytes = ?, close_reason = ? WHERE id = ?',
    );
    this.insertReceipt = db.prepare(
      `INSERT INTO receipts (connection_id, seq, station, peer, started_at, received_at, byte_count,
         dropped_bytes, truncated, empty, ended_by, raw)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.updateInterpretation = db.prepare(
      `UPDATE receipts SET status = ?, error = ?, text = ?, document = ?, interpreter_version = ?,
         interpreted_at = ? WHERE id = ?`,
    );
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

  /** Resolves with the receipt's id once its raw bytes are committed. */
  appendReceipt(r: NewReceipt): Promise<number> {
    return new Promise((resolve, reject) => {
      this.queuedBytes += r.bytes.length;
      this.push({ kind: 'receipt', r, done: { resolve, reject } });
    });
  }

  saveInterpretations(rows: InterpretationRow[]): Promise<void> {
    return new Promise((resolve, reject) => {
      this.push({ kind: 'interpretations', rows, done: { resolve, reject } });
    });
  }

  /** Resolves when everything queued before it is committed. */
  barrier(): Promise<void> {
    return new Promise((resolve, reject) =>
      this.push({ kind: 'barrier', done: { resolve, reject } }),
    );
  }

  get pending(): number {
    return this.queue.length;
  }

  /** Commits what is queued now and refuses further writes. */
  close(): void {
    this.flush();
    this.closed = true;
  }

  private push(op: Op): void {
    if (this.closed) {
      op.done?.reject(new DeskFailure('STORE_CLOSED', 'Receipt Desk is shutting down.'));
      return;
    }
    this.queue.push(op);
    if (this.queuedBytes >= FLUSH_BYTES || this.queue.length >= FLUSH_OPS) {
      this.flush();
    } else if (!this.timer) {
      this.timer = setTimeout(() => this.flush(), this.windowMs);
    }
  }

  /** Runs every queued op in one transaction. */
  flush(): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    const ops = this.queue;
    if (ops.length === 0) return;
    this.queue = [];
    this.queuedBytes = 0;
    const ids: number[] = new Array<number>(ops.length);
    const started = performance.now();
    try {
      this.db.transaction(() => {
        for (let i = 0; i < ops.length; i++) ids[i] = this.apply(ops[i]);
      })();
    } catch (err) {
      const failure = toFailure(err);
      this.onError(failure);
      for (const op of ops) op.done?.reject(failure);
      return;
    }
    for (const op of ops) {
      if (op.kind === 'open') this.totals.connections++;
      else if (op.kind === 'receipt') {
        if (!op.r.empty) this.totals.receipts++;
        this.totals.bytes += op.r.bytes.length + op.r.droppedBytes;
      }
    }
    this.stats.commits++;
    this.stats.lastBatchSize = ops.length;
    this.stats.lastCommitMs = performance.now() - started;
    for (let i = 0; i < ops.length; i++) {
      const op = ops[i];
      if (op.kind === 'receipt') op.done.resolve(ids[i]);
      else op.done?.resolve();
    }
  }

  private apply(op: Op): number {
    switch (op.kind) {
      case 'open': {
        const c = op.c;
        this.insertConnection.run(op.id, c.peer, c.peerPort, c.station, c.listenerPort, c.openedAt);
        return op.id;
      }
      case 'close':
        this.updateConnection.run(op.closedAt, op.bytes, op.reason, op.id);
        return op.id;
      case 'receipt': {
        const r = op.r;
        const info = this.insertReceipt.run(
          r.connectionId,
          r.seq,
          r.station,
          r.peer,
          r.startedAt,
          r.receivedAt,
          r.bytes.length,
          r.droppedBytes,
          r.truncated ? 1 : 0,
          r.empty ? 1 : 0,
          r.endedBy,
          r.bytes,
        );
        return Number(info.lastInsertRowid);
      }
      case 'interpretations':
        for (const row of op.rows) {
          this.updateInterpretation.run(
            row.status,
            row.error,
            row.text,
            row.document,
            row.interpreterVersion,
            row.interpretedAt,
            row.id,
          );
        }
        return 0;
      case 'barrier':
        return 0;
    }
  }
}

function toFailure(err: unknown): DeskFailure {
  const e = err as { code?: string; message?: string };
  if (e.code === 'SQLITE_FULL') {
    return new DeskFailure(
      'DISK_FULL',
      'The disk holding the receipts file is full. Free some space; receipts are refused until then.',
    );
  }
  return new DeskFailure(
    'DB_WRITE_FAILED',
    `Could not write to the receipts file (${e.message ?? String(err)}). Check the disk and restart Receipt Desk.`,
  );
}
