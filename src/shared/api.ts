/**
 * The one contract between the renderer and the service. Electron IPC handlers, the preload
 * bridge, the HTTP routes and both renderer adapters are typed by it.
 */
import type { Dialect, ReceiptDocument } from './document';
import type { Result } from './result';

export type ReceiptStatus = 'pending' | 'ok' | 'failed';
export type ReceiptEnd = 'cut' | 'fin' | 'idle' | 'limit' | 'shutdown' | 'error';

export interface ReceiptSummary {
  id: number;
  /** UTC ms when the receipt's last byte arrived. */
  receivedAt: number;
  peer: string;
  station: string;
  connectionId: number;
  seq: number;
  status: ReceiptStatus;
  byteCount: number;
  truncated: boolean;
  endedBy: ReceiptEnd;
  error: string | null;
  /** The receipt's plain text (null until interpreted). */
  text: string | null;
  /** Commands the interpreter could not read (unknown or cut short); garbage shows up here. */
  warnings: number;
  /** The printer language the receipt was read in (null until interpreted). */
  dialect: Dialect | null;
  /** Cash drawer kicks the receipt asked for (they matter for cash audits). */
  drawerKicks: number;
}

export interface ReceiptDetail extends ReceiptSummary {
  document: ReceiptDocument | null;
  rawBase64: string;
  droppedBytes: number;
}

export interface ReceiptQuery {
  limit?: number;
  /**
   * Cursor from a previous page (the id of the last receipt it listed, as a string): list
   * receipts older than it.
   */
  before?: string;
  /** Full-text search: words, numbers and codes as typed (A-1043, 12/05). */
  q?: string;
  /** UTC ms, inclusive. */
  from?: number;
  /** UTC ms, exclusive. */
  to?: number;
  /** Only receipts printed at this station. */
  station?: string;
}

export interface ReceiptPage {
  items: ReceiptSummary[];
  nextCursor: string | null;
}

export interface Health {
  status: 'ok' | 'degraded';
  printer: { listening: boolean; host: string; port: number };
  listeners: {
    station: string;
    host: string;
    port: number;
    listening: boolean;
    error: string | null;
    /** When the station's newest printed receipt arrived (UTC ms); null if it never printed. */
    lastReceiptAt: number | null;
  }[];
  db: { ok: boolean };
  uptimeS: number;
}

export interface Stats {
  receiptsTotal: number;
  connectionsTotal: number;
  failedTotal: number;
  truncatedTotal: number;
  bytesTotal: number;
  receiptsToday: number;
  /** Cash drawer kicks on today's receipts. */
  drawerKicksToday: number;
}

export interface Percentiles {
  p50: number | null;
  p99: number | null;
}

export interface Metrics {
  at: number;
  connections: { open: number; max: number; refused: number; refusedOverLimit: number };
  pool: {
    threads: number;
    busy: number;
    queued: number;
    maxQueue: number;
    paused: boolean;
    waitMs: Percentiles;
    runMs: Percentiles;
    timeouts: number;
    /** Times the queue filled up and the printer ports paused reading (TCP backpressure). */
    saturations: number;
  };
  eventLoop: { delayP99Ms: number | null; utilization: number };
  memory: { rssBytes: number; heapUsedBytes: number; heapTotalBytes: number };
  /** OS threads of this process; null where the OS does not say. */
  osThreads: number | null;
  db: {
    fileBytes: number;
    /** Group commits by the writer thread: how many writes each carried and how long it took. */
    commits: number;
    batchSize: Percentiles;
    commitMs: Percentiles;
    /** Writes queued for the writer thread, not yet committed. */
    waiting: number;
    /** Receipt bytes received and not yet committed (bounded: capture pauses beyond 32 MiB). */
    backlogBytes: number;
    /** Times that bound was reached and the printer ports paused reading. */
    saturations: number;
  };
  receipts: { perMinute: number; truncated: number; failed: number; pendingInterpretation: number };
}

/** Today's receipts by hour and station, beside the same weekday a week earlier. */
export interface DaySummary {
  /** Local midnight that starts the day, UTC ms. */
  day: number;
  /** Printed receipts in each local hour, 0-23. */
  hours: number[];
  lastWeekHours: number[];
  stations: { station: string; receipts: number; lastWeek: number }[];
}

/** Where a POS can reach one of this PC's printer ports. */
export interface PrinterAddress {
  station: string;
  port: number;
  listening: boolean;
  /** The addresses a till on the network types in (IPv4 first), this PC's own last. */
  addresses: string[];
}

/** What a test print sent, and where. */
export interface TestPrint {
  station: string;
  port: number;
}

export type Unsubscribe = () => void;

export interface DeskApi {
  getHealth(): Promise<Result<Health>>;
  listReceipts(query: ReceiptQuery): Promise<Result<ReceiptPage>>;
  getReceipt(id: number): Promise<Result<ReceiptDetail>>;
  getStats(): Promise<Result<Stats>>;
  getMetrics(): Promise<Result<Metrics>>;
  /** Today by hour and station, against the same weekday last week. */
  getToday(): Promise<Result<DaySummary>>;
  /** The addresses and ports to point a POS at, per station. */
  getPrinterAddresses(): Promise<Result<PrinterAddress[]>>;
  /** Prints a test receipt to the first listener, as a till would (it then appears live). */
  printTestReceipt(): Promise<Result<TestPrint>>;
  /** Receipts as they are stored and interpreted, in batches (at most ~30 a second). */
  onReceipts(listener: (receipts: ReceiptSummary[]) => void): Unsubscribe;
  onMetrics(listener: (metrics: Metrics) => void): Unsubscribe;
}

/** The calls of DeskApi that are request/response (the rest are event subscriptions). */
export type DeskCall =
  | 'getHealth'
  | 'listReceipts'
  | 'getReceipt'
  | 'getStats'
  | 'getMetrics'
  | 'getToday'
  | 'getPrinterAddresses'
  | 'printTestReceipt';

export const RECEIPT_LIST_MAX = 500;
export const RECEIPT_LIST_DEFAULT = 100;

/** The service side of DeskApi: the same calls, returning values and throwing on failure. */
export type DeskBackend = {
  [K in DeskCall]: (
    ...args: Parameters<DeskApi[K]>
  ) => Promise<Awaited<ReturnType<DeskApi[K]>> extends Result<infer T> ? T : never>;
};
