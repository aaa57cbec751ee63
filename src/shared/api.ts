/**
 * The one contract between the renderer and the service. Electron IPC handlers, the preload
 * bridge, the HTTP routes and both renderer adapters are typed by it.
 */
import type { Dialect, ReceiptDocument } from './document';
import type { DeskError, Result } from './result';
import type { Settings, SettingsInput } from './settings';

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
  /**
   * The receipt's plain text (null until interpreted). In lists and the live feed only its first
   * TEXT_PREVIEW_BYTES (8 KiB of UTF-8, whole characters), with `textCut` set when that is not
   * all of it; a receipt's detail (getReceipt) has the whole text.
   */
  text: string | null;
  /** `text` is a preview: the receipt's text goes on past it (open the receipt for all of it). */
  textCut: boolean;
  /** Size of the whole text in UTF-8 bytes (null until interpreted). */
  textBytes: number | null;
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
  /**
   * Status requests the printer answered while this receipt's bytes arrived, in order. A request
   * belongs to the receipt whose bytes hold it (one sent after a cut opens the next receipt).
   */
  statusReplies: StatusReplySent[];
  /** Answered requests past the number kept per receipt (a till polling all day): only counted. */
  statusRepliesNotKept: number;
}

/** One status request the till sent and the answer the printer emulation gave it. */
export interface StatusReplySent {
  /** Where the request starts in the receipt's bytes. */
  offset: number;
  /** The request's bytes as hex, e.g. "10 04 01". */
  requestHex: string;
  /** What the till asked, e.g. "DLE EOT 1 — printer status". */
  request: string;
  replyHex: string;
  /** What the answer told the till, e.g. "online, no error". */
  meaning: string;
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

/** One reason the desk is not fully working, in a sentence that says what to do. */
export interface HealthProblem {
  /** e.g. DISK_FULL, CONNECTIONS_REFUSED, PORT_CLOSED, DB_WRITE_FAILED. */
  code: string;
  message: string;
}

export interface Health {
  /** 'degraded' exactly when `problems` is not empty. */
  status: 'ok' | 'degraded';
  problems: HealthProblem[];
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

/** The settings as saved, and what of them waits for the next start. */
export interface SettingsView {
  settings: Settings;
  /** The file they are kept in (settings.json in the data folder). */
  file: string;
  /**
   * Saved changes that take effect when Receipt Desk next starts, in the manager's words
   * ("Interpretation threads", "Web page address"). Printer ports, limits, the allow-list and
   * retention apply at once.
   */
  waitingForRestart: string[];
}

export interface SaveSettingsOptions {
  /**
   * A shorter kept period deletes receipts: the first save answers CONFIRM_DELETION with how
   * many, and the manager's second save confirms.
   */
  confirmDeletion?: boolean;
}

export type ExportFormat = 'csv' | 'zip';

/** Which receipts an export holds: printed in [from, to), at one station or all. */
export interface ExportRange {
  /** UTC ms, inclusive. */
  from: number;
  /** UTC ms, exclusive. */
  to: number;
  /** Only receipts printed at this station. */
  station?: string;
}

export interface ExportRequest extends ExportRange {
  /** `csv`: one spreadsheet row per receipt; `zip`: each receipt's raw bytes, for support. */
  format: ExportFormat;
}

/** What a range holds before exporting it. */
export interface ExportPreview {
  receipts: number;
  /** Printer bytes of those receipts (what a ZIP holds before compression). */
  bytes: number;
}

/** An export being written, written, or given up (with the reason). */
export interface ExportJob {
  id: number;
  format: ExportFormat;
  from: number;
  to: number;
  station: string | null;
  state: 'running' | 'done' | 'failed';
  /** Receipts written so far, of `total`. */
  done: number;
  total: number;
  /** The finished file's name in the exports folder (null until done). */
  fileName: string | null;
  /** The finished file's size (null until done). */
  bytes: number | null;
  error: DeskError | null;
}

/** The finished file handed to the manager. */
export interface ExportHandoff {
  fileName: string;
}

/**
 * How an adapter hands a finished export over: the desktop app shows it in its folder, a browser
 * downloads it. The screen labels its button by it.
 */
export type ExportDelivery = 'show-in-folder' | 'download';

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
  getSettings(): Promise<Result<SettingsView>>;
  /**
   * Validates, applies (printer ports reopen without losing a receipt) and saves the settings.
   * Nothing changes when any part fails.
   */
  saveSettings(
    settings: SettingsInput,
    options?: SaveSettingsOptions,
  ): Promise<Result<SettingsView>>;
  /** How many receipts a range holds, and their bytes (cheap: for the Export screen). */
  previewExport(range: ExportRange): Promise<Result<ExportPreview>>;
  /** Starts writing an export file; one at a time (another start meanwhile answers BUSY). */
  startExport(request: ExportRequest): Promise<Result<ExportJob>>;
  /** Where an export stands: receipts written of the total, then the file or the reason. */
  getExport(id: number): Promise<Result<ExportJob>>;
  /** Hands a finished export to the manager (see exportDelivery). */
  openExport(id: number): Promise<Result<ExportHandoff>>;
  readonly exportDelivery: ExportDelivery;
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
  | 'printTestReceipt'
  | 'getSettings'
  | 'saveSettings'
  | 'previewExport'
  | 'startExport'
  | 'getExport'
  | 'openExport';

export const RECEIPT_LIST_MAX = 500;
export const RECEIPT_LIST_DEFAULT = 100;
/** A ZIP export holds at most this many receipts (the ZIP format without its 64-bit extension). */
export const EXPORT_ZIP_MAX_RECEIPTS = 65_000;

/** The service side of DeskApi: the same calls, returning values and throwing on failure. */
export type DeskBackend = {
  [K in DeskCall]: (
    ...args: Parameters<DeskApi[K]>
  ) => Promise<Awaited<ReturnType<DeskApi[K]>> extends Result<infer T> ? T : never>;
};
