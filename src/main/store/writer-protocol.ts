/**
 * Messages between the service (main thread) and the writer thread, which owns the only
 * read-write connection to the receipts file. Commits (and their fsyncs) happen there, so the
 * main thread keeps answering printers while the disk works.
 */
import type { DeskErrorCode, ReceiptEnd, ReceiptFigures, ReceiptStatus } from '../../shared';

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
  bytes: Uint8Array;
  droppedBytes: number;
  truncated: boolean;
  empty: boolean;
  endedBy: ReceiptEnd;
  /** Status requests answered during the receipt (bytes as hex), bounded by capture. */
  statusReplies?: StatusReplyRow[];
  /** Answered requests past that bound: counted, not kept. */
  statusRepliesNotKept?: number;
  /**
   * Where the relay sends this receipt ("cloud", "printer:<station>"): outbox rows written in
   * the receipt's own transaction.
   */
  outbox?: string[];
}

export const OUTBOX_STATES = ['queued', 'sending', 'delivered', 'dead', 'unconfirmed'] as const;
export type OutboxState = (typeof OUTBOX_STATES)[number];

/** A relay's news about one outbox row. */
export interface OutboxUpdate {
  id: number;
  state: OutboxState;
  /** Attempts made so far (0 when the manager sends a dead row again). */
  attempts: number;
  /** Why the last attempt failed, or null. */
  error: string | null;
  /** When the row became delivered, dead or unconfirmed (ignored for queued and sending). */
  at: number;
}

/** One answered status request, as capture records it and the store keeps it. */
export interface StatusReplyRow {
  offset: number;
  request: string;
  reply: string;
}

export interface InterpretationRow {
  id: number;
  status: Exclude<ReceiptStatus, 'pending'>;
  error: string | null;
  text: string | null;
  warnings: number;
  dialect: string | null;
  drawerKicks: number;
  cuts: number;
  interpreterVersion: number;
  interpretedAt: number;
}

/** Sales figures read from a stored receipt's text (null: it has none). */
export interface FiguresWrite {
  id: number;
  figures: ReceiptFigures | null;
  extractorVersion: number;
}

/** One write. `tag` identifies the ops whose caller waits for the commit. */
export type WriteOp =
  | { kind: 'open'; id: number; c: NewConnection }
  | { kind: 'close'; id: number; closedAt: number; bytes: number; reason: string }
  | { kind: 'receipt'; tag: number; r: NewReceipt }
  | { kind: 'interpretations'; tag: number; rows: InterpretationRow[] }
  | { kind: 'figures'; tag: number; rows: FiguresWrite[] }
  /** A station's figures received in [from, to) are to be read again (a profile changed). */
  | { kind: 'reread-figures'; tag: number; station: string; from: number; to: number }
  /** Caches a document built when a receipt was opened (raw-deflated JSON). */
  | { kind: 'document'; id: number; interpreterVersion: number; document: Uint8Array }
  | { kind: 'retention'; tag: number; retentionDays: number | null; now: number }
  | { kind: 'barrier'; tag: number }
  /**
   * What the relay did with outbox rows. `lazy`: marks that may be lost in a crash (delivered
   * receipts, which the endpoint takes again as already stored); they wait to ride along with
   * the next commit rather than costing one of their own (see WriteQueue).
   */
  | { kind: 'outbox'; tag: number; rows: OutboxUpdate[]; lazy?: boolean }
  /** Delivered rows done before `before` are forgotten (the outbox's kept period). */
  | { kind: 'outbox-prune'; tag: number; before: number };

export interface WriterInit {
  dataDir: string;
  nativeBinding?: string;
  /** 0: commit as soon as the thread is free (batches form while the previous commit runs). */
  commitWindowMs: number;
}

export interface TotalsSnapshot {
  receipts: number;
  bytes: number;
  connections: number;
}

export type ToWriter = { type: 'ops'; ops: WriteOp[] } | { type: 'close' };

export type FromWriter =
  | { type: 'ready'; maxConnectionId: number; maxReceiptId: number; totals: TotalsSnapshot }
  | { type: 'fatal'; code: DeskErrorCode; message: string }
  /** results: [tag, value] for each tagged op: receipt id, or rows removed by retention. */
  | {
      type: 'committed';
      results: [number, number][];
      totals: TotalsSnapshot;
      batch: number;
      ms: number;
    }
  | { type: 'failed'; tags: number[]; code: DeskErrorCode; message: string }
  /**
   * The disk is full (a write failed for lack of space) or has room again (a write succeeded
   * and the volume has space). While full, writes are kept and retried, not dropped.
   */
  | { type: 'disk'; state: 'full'; code: DeskErrorCode; message: string }
  | { type: 'disk'; state: 'ok'; message: string }
  /** problem: what went wrong while closing (the file is closed all the same). */
  | { type: 'closed'; problem?: { code: DeskErrorCode; message: string } };
