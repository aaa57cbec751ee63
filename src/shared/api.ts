/**
 * The one contract between the renderer and the service. Electron IPC handlers, the preload
 * bridge, the HTTP routes and both renderer adapters are typed by it.
 */
import type { Dialect, ReceiptDocument } from './document';
import type { CallArgs, CallResult, DeskCall } from './contract';
import type { DeskError, Result } from './result';
import type { ReportDay, ReportFormat } from './reports';
import type { ReceiptFigures } from './sales';
import type { Settings } from './settings';

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
  /** Sales figures read from the receipt's text; null until read (or for an empty receipt). */
  figures: ReceiptFigures | null;
  /**
   * The receipt this one is a copy of: the same station printed the same order with the same
   * total earlier that business day. Reports count it once.
   */
  reprintOf?: number | null;
  /** Where the receipt stands with the cloud relay and a pass-through printer (none: empty). */
  relay?: ReceiptRelayState[];
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

/** One address's share of the printer slots (connections being closed are not counted). */
export interface PeerSlots {
  peer: string;
  open: number;
  /** Of those, connections with a receipt in progress. */
  inProgress: number;
  /** How long the one idle the longest has sent nothing, whole seconds. */
  longestIdleS: number;
}

export interface Percentiles {
  p50: number | null;
  p99: number | null;
}

export interface Metrics {
  at: number;
  connections: {
    open: number;
    max: number;
    /** Refused by the allow-list. */
    refused: number;
    /** Refused because every slot held a receipt in progress. */
    refusedOverLimit: number;
    /** Refused because their address held maxPerPeer connections with receipts in progress. */
    refusedPerPeer: number;
    /** Idle connections closed to make room for a newcomer. */
    evictedIdle: number;
    /** Connections closed after capture.idleCloseS without a byte. */
    closedIdle: number;
    /** Over-limit and per-peer refusals in the last minute (tills being turned away now). */
    refusedLastMinute: number;
    /** capture.maxConnectionsPerPeer. */
    maxPerPeer: number;
    /** Who holds the printer slots: the ~20 addresses with the most, most first. */
    peers: PeerSlots[];
    /** The printer ports stopped reading while the pool or the disk catches up (or paused). */
    paused: boolean;
  };
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
    /**
     * Bytes waiting for the disk: receipts received and texts interpreted, not yet committed
     * (bounded: capture pauses beyond store.maxBacklogBytes, 32 MiB).
     */
    backlogBytes: number;
    /** Times that bound was reached and the printer ports paused reading. */
    saturations: number;
  };
  receipts: { perMinute: number; truncated: number; failed: number; pendingInterpretation: number };
  /**
   * The volume holding the data folder. 'full' from a write that failed for lack of space until
   * writes succeed with room again; meanwhile the printer ports answer "out of paper".
   */
  disk: {
    state: 'ok' | 'full';
    /** Free bytes on the volume; null where the OS does not say. */
    freeBytes: number | null;
    /** Receipts refused because the disk was full (their tills were reset, nothing acknowledged). */
    refusedWhileFull: number;
    /** Status polls and other stretches that printed nothing, not kept while full. */
    emptyNotStored: number;
  };
  /** The cloud relay (issue 13): its outbox and how sending goes. */
  relay: RelayGauges;
  /** Each station passing its jobs through to a real printer. */
  passThrough: PassThroughGauges[];
}

/**
 * ok: sending (or nothing to send); retrying: the last attempt failed and the next waits its
 * turn; circuit-open: the endpoint failed so often that only a probe goes now and then;
 * disabled: turned off (or not set up).
 */
export type RelayState = 'ok' | 'retrying' | 'circuit-open' | 'disabled';

export interface RelayGauges {
  state: RelayState;
  /** Receipts still to send. */
  backlog: number;
  /** Age of the oldest of them in seconds, or null when there is none. */
  oldestAgeS: number | null;
  deliveredPerMin: number;
  /** Receipts the endpoint refused for good (the manager can send them again). */
  dead: number;
  /** Why the last attempt failed, in words, or null. */
  lastError: string | null;
}

export interface PassThroughGauges extends RelayGauges {
  station: string;
  /** The real printer, as host:port. */
  printer: string;
  /** Jobs whose connection broke after bytes went out: printed again only by hand. */
  unconfirmed: number;
  /** The printer's own status, from its last answer (DLE EOT). */
  printerStatus: PrinterStatusGauge;
}

export interface PrinterStatusGauge {
  /** ready, paper-out, cover-open, offline, unreachable (no connection), unknown (not asked yet). */
  state:
    'ready' | 'paper-out' | 'paper-near-end' | 'cover-open' | 'offline' | 'unreachable' | 'unknown';
  /** The same in words for the manager. */
  words: string;
  /** Since when the printer has been in this state, or null when not asked yet. */
  at: number | null;
}

/** Where one receipt stands with a destination (the receipt drawer). */
export interface ReceiptRelayState {
  /** "cloud", or the station's pass-through printer as "printer:<station>". */
  destination: string;
  state: 'queued' | 'sending' | 'delivered' | 'dead' | 'unconfirmed';
  attempts: number;
  /** When it was delivered, refused for good or left unconfirmed. */
  at: number | null;
  error: string | null;
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
  /** Receipts as they were printed (the Export screen), or a range report (Reports screen). */
  kind: 'receipts' | 'range-report';
  format: ExportFormat | ReportFormat;
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

/** What a reinterpretation redid. */
export interface Reinterpreted {
  /** Receipts read again from their stored bytes. */
  receipts: number;
}

/** The request/response calls, each as the contract table declares it. */
export type DeskCalls = {
  [K in DeskCall]: (...args: CallArgs<K>) => Promise<Result<CallResult<K>>>;
};

/** What the renderer talks to: the calls of the contract table, and the live feeds. */
export interface DeskApi extends DeskCalls {
  readonly exportDelivery: ExportDelivery;
  /**
   * Where a browser downloads a day's report as a file; absent where reports are not downloaded
   * that way (the desktop app, for now).
   */
  readonly reportFileUrl?: (day: ReportDay, format: ReportFormat) => string;
  /** Receipts as they are stored and interpreted, in batches (at most ~30 a second). */
  onReceipts(listener: (receipts: ReceiptSummary[]) => void): Unsubscribe;
  onMetrics(listener: (metrics: Metrics) => void): Unsubscribe;
}

export const RECEIPT_LIST_MAX = 500;
export const RECEIPT_LIST_DEFAULT = 100;
/** A ZIP export holds at most this many receipts (the ZIP format without its 64-bit extension). */
export const EXPORT_ZIP_MAX_RECEIPTS = 65_000;

/** The service side of the contract: the same calls, returning values and throwing DeskFailure. */
export type DeskBackend = {
  [K in DeskCall]: (...args: CallArgs<K>) => Promise<CallResult<K>>;
};

/** The relay as the Settings and System screens show it; the token and secret never leave. */
export interface RelayStatus {
  cloud: RelayGauges & {
    /** Whether a token and a signing secret are kept (their values are never shown again). */
    hasToken: boolean;
    hasSecret: boolean;
    /** Where they are kept, in words: "the system keychain" or "a file only you can read". */
    secretsKeptIn: string;
  };
  passThrough: PassThroughGauges[];
  /** Receipts needing the manager, newest first (at most 50 of each). */
  dead: RelayProblemRow[];
  unconfirmed: RelayProblemRow[];
}

export interface RelayProblemRow {
  receiptId: number;
  destination: string;
  station: string;
  receivedAt: number;
  at: number | null;
  error: string | null;
}
