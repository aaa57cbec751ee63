/** What crosses the thread boundary between the dispatcher and a pool worker. */
import type { Dialect } from '../../shared';
import type { MultibyteEncoding } from '../escpos';

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

export interface InterpretTaskResult {
  results: InterpretResult[];
  /** Time spent interpreting inside the worker. */
  runMs: number;
}
