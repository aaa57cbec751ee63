/** What crosses the thread boundary between the dispatcher and a pool worker. */
import type { Dialect, ReceiptFigures } from '../../shared';
import type { MultibyteEncoding } from '../escpos';
import type { SalesProfile } from '../sales';

/** How a station's printer is set up, which decides how its bytes read. */
export interface StationProfile {
  dialect: Dialect | 'auto';
  columns: number;
  multibyte: MultibyteEncoding;
  kanjiAtStart: boolean;
}

export interface InterpretItem {
  id: number;
  raw: Uint8Array;
  profile: StationProfile;
}

export interface InterpretTask {
  items: InterpretItem[];
  /**
   * Where the worker says which receipt it is on (see ReceiptClock): shared memory, so the
   * dispatcher times each receipt from the moment it starts, without a message per receipt.
   */
  clock: SharedArrayBuffer;
  /**
   * Also serialise the document model. Off on the ingest path: the document is a pure function
   * of the stored bytes, built when a receipt is first opened and cached then.
   */
  withDocument: boolean;
  /** No receipts: a full garbage collection of the thread's heap (after a burst, when quiet). */
  collect?: boolean;
}

export interface InterpretResult {
  id: number;
  ok: boolean;
  text: string | null;
  /** The text's size in UTF-8 bytes, measured here so the main thread never walks a long text. */
  textBytes: number | null;
  /** Document JSON, raw-deflated in the worker (only when the task asked for it). */
  document: Uint8Array | null;
  /** How many commands the interpreter could not read or had to warn about. */
  warnings: number;
  empty: boolean;
  /** The printer language the receipt was read in. */
  dialect: Dialect | null;
  /** Cash drawer kicks and cuts on the receipt (drawer kicks matter for cash audits). */
  drawerKicks: number;
  cuts: number;
  error: string | null;
}

/** A stored receipt's text whose sales figures are to be read. */
export interface ExtractItem {
  id: number;
  text: string;
  drawerKicks: number;
  sales?: SalesProfile;
}

export interface ExtractResult {
  id: number;
  figures: ReceiptFigures | null;
  error: string | null;
}

export interface InterpretTaskResult {
  results: InterpretResult[];
  /** Time spent interpreting inside the worker. */
  runMs: number;
}

/**
 * The clock of one task, in shared memory: slot 0 the index of the receipt being interpreted,
 * slot 1 when it started (ms since the epoch), 0 while none is. The worker writes, the
 * dispatcher's watchdog reads, so the time limit counts only a receipt's own run: not the batch
 * before it, not the wait for a thread, not a new thread loading.
 */
export class ReceiptClock {
  readonly buffer: SharedArrayBuffer;
  private readonly slots: Float64Array;

  constructor(buffer = new SharedArrayBuffer(2 * Float64Array.BYTES_PER_ELEMENT)) {
    this.buffer = buffer;
    this.slots = new Float64Array(buffer);
  }

  /** Worker: receipt `index` starts now. */
  start(index: number): void {
    this.slots[0] = index;
    this.slots[1] = performance.timeOrigin + performance.now();
  }

  /** Worker: the batch is done. */
  stop(): void {
    this.slots[1] = 0;
  }

  /** Dispatcher: the receipt running longer than `limitMs`, or null. */
  overdue(limitMs: number, now = performance.timeOrigin + performance.now()): number | null {
    const started = this.slots[1];
    return started > 0 && now - started > limitMs ? this.slots[0] : null;
  }
}

/** A receipt that could not be interpreted: its bytes are kept, the reason is shown. */
export function failedResult(id: number, error: string): InterpretResult {
  return {
    id,
    ok: false,
    text: null,
    textBytes: null,
    document: null,
    warnings: 0,
    empty: false,
    dialect: null,
    drawerKicks: 0,
    cuts: 0,
    error,
  };
}
