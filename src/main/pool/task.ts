/** What crosses the thread boundary between the dispatcher and a pool worker. */
export interface InterpretItem {
  id: number;
  raw: Uint8Array;
}

export interface InterpretTask {
  items: InterpretItem[];
  columns: number;
  /**
   * Also serialise the document model. Off on the ingest path: the document is a pure function
   * of the stored bytes, built when a receipt is first opened and cached then.
   */
  withDocument: boolean;
}

export interface InterpretResult {
  id: number;
  ok: boolean;
  text: string | null;
  /** Document JSON, raw-deflated in the worker (only when the task asked for it). */
  document: Uint8Array | null;
  /** How many commands the interpreter could not read or had to warn about. */
  warnings: number;
  empty: boolean;
  error: string | null;
}

export interface InterpretTaskResult {
  results: InterpretResult[];
  /** Time spent interpreting inside the worker. */
  runMs: number;
}
