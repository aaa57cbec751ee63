/** What crosses the thread boundary between the dispatcher and a pool worker. */
export interface InterpretItem {
  id: number;
  raw: Uint8Array;
}

export interface InterpretTask {
  items: InterpretItem[];
  columns: number;
}

export interface InterpretResult {
  id: number;
  ok: boolean;
  text: string | null;
  /** Document JSON, serialised and raw-deflated in the worker so the main thread only stores it. */
  document: Uint8Array | null;
  empty: boolean;
  error: string | null;
}

export interface InterpretTaskResult {
  results: InterpretResult[];
  /** Time spent interpreting inside the worker. */
  runMs: number;
}
