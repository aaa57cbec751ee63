/**
 * The contract table: every call of the desk, declared once. Its name, its arguments (zod), its
 * result, its HTTP method and path, and whether it changes anything. The IPC handlers, the
 * preload bridge, the HTTP dispatcher, both renderer adapters and the tests' fakes are all
 * derived from it, so a call added here and implemented in the service is reachable everywhere
 * with the same checks, or the typecheck fails.
 */
import { z } from 'zod';
import type { AutoExportStatus } from './auto-export';
import type {
  DaySummary,
  ExportHandoff,
  ExportJob,
  ExportPreview,
  Health,
  Metrics,
  PrinterAddress,
  ReceiptDetail,
  ReceiptPage,
  Reinterpreted,
  RelayStatus,
  SettingsView,
  Stats,
  TestPrint,
} from './api';
import {
  exportRangeSchema,
  exportRequestSchema,
  idSchema,
  receiptQuerySchema,
  timeRangeSchema,
} from './call-args';
import { type DailyReport, reportDaySchema, reportFileSchema } from './reports';
import {
  type FiguresRereading,
  type ProfilePreview,
  profilePreviewSchema,
  saveProfileSchema,
  type StationSalesProfile,
  stationSchema,
} from './sales-profile';
import { type RangeReport, rangeReportFileSchema, rangeReportSchema } from './range-reports';
import { saveSettingsOptionsSchema, settingsInputSchema } from './settings';
import { printAgainSchema, relayCredentialsSchema, retryRelaySchema } from './relay';

export type HttpMethod = 'GET' | 'POST';

export interface CallSpec<Args extends z.ZodType<readonly unknown[]>, R> {
  /** The call's arguments, as a tuple: exactly what DeskApi's method takes. */
  args: Args;
  /**
   * GET for reads, POST for anything that changes state or starts work. Over HTTP, `:id`
   * segments of the path take the leading arguments; the rest travel as the query string (GET,
   * one object at most) or as a JSON array in the body (POST).
   */
  method: HttpMethod;
  path: `/api/${string}`;
  /**
   * Whether the call changes anything (settings, files, printing, the pool's work). Such calls
   * pass the state-change check (the page's own header and origin) before their handler.
   */
  changes: boolean;
  /** Phantom: the result's type. Never set. */
  readonly result?: (r: R) => R;
}

/** Declares one row; the result type is given first, the rest is inferred from the spec. */
const call =
  <R>() =>
  <Args extends z.ZodType<readonly unknown[]>>(spec: CallSpec<Args, R>): CallSpec<Args, R> =>
    spec;

const none = z.tuple([]);

export const DESK_CONTRACT = {
  getHealth: call<Health>()({ args: none, method: 'GET', path: '/api/health', changes: false }),
  /** Receipts newest first, a page at a time, optionally searched and filtered. */
  listReceipts: call<ReceiptPage>()({
    args: z.tuple([receiptQuerySchema]),
    method: 'GET',
    path: '/api/receipts',
    changes: false,
  }),
  /** One receipt with its document model, raw bytes and the status replies it got. */
  getReceipt: call<ReceiptDetail>()({
    args: z.tuple([idSchema]),
    method: 'GET',
    path: '/api/receipts/:id',
    changes: false,
  }),
  getStats: call<Stats>()({ args: none, method: 'GET', path: '/api/stats', changes: false }),
  /** A business day's sales figures: totals, taxes, tips, payments, items, hours, Z report. */
  getDailyReport: call<DailyReport>()({
    args: z.tuple([reportDaySchema]),
    method: 'GET',
    path: '/api/reports/daily',
    changes: false,
  }),
  /** Automatic export of the daily report: the last day written, a problem, the next day due. */
  getAutoExport: call<AutoExportStatus>()({
    args: none,
    method: 'GET',
    path: '/api/auto-export',
    changes: false,
  }),
  getMetrics: call<Metrics>()({ args: none, method: 'GET', path: '/api/metrics', changes: false }),
  /** Today by hour and station, against the same weekday last week. */
  getToday: call<DaySummary>()({ args: none, method: 'GET', path: '/api/today', changes: false }),
  /** The addresses and ports to point a POS at, per station. */
  getPrinterAddresses: call<PrinterAddress[]>()({
    args: none,
    method: 'GET',
    path: '/api/printer-addresses',
    changes: false,
  }),
  /** Prints a test receipt to the first listener, as a till would (it then appears live). */
  printTestReceipt: call<TestPrint>()({
    args: none,
    method: 'POST',
    path: '/api/test-print',
    changes: true,
  }),
  getSettings: call<SettingsView>()({
    args: none,
    method: 'GET',
    path: '/api/settings',
    changes: false,
  }),
  /**
   * Validates, applies (printer ports reopen without losing a receipt) and saves the settings.
   * Nothing changes when any part fails.
   */
  saveSettings: call<SettingsView>()({
    args: z.tuple([settingsInputSchema, saveSettingsOptionsSchema.optional()]),
    method: 'POST',
    path: '/api/settings',
    changes: true,
  }),
  /**
   * Reads the receipts of a range again from their stored bytes (after an upgrade improved the
   * interpreter): their text, warnings and documents are redone.
   */
  reinterpret: call<Reinterpreted>()({
    args: z.tuple([timeRangeSchema]),
    method: 'POST',
    path: '/api/reinterpret',
    changes: true,
  }),
  /** How many receipts a range holds, and their bytes (cheap: for the Export screen). */
  previewExport: call<ExportPreview>()({
    args: z.tuple([exportRangeSchema]),
    method: 'GET',
    path: '/api/exports/preview',
    changes: false,
  }),
  /** Starts writing an export file; one at a time (another start meanwhile answers BUSY). */
  startExport: call<ExportJob>()({
    args: z.tuple([exportRequestSchema]),
    method: 'POST',
    path: '/api/exports',
    changes: true,
  }),
  /** Where an export stands: receipts written of the total, then the file or the reason. */
  getExport: call<ExportJob>()({
    args: z.tuple([idSchema]),
    method: 'GET',
    path: '/api/exports/:id',
    changes: false,
  }),
  /**
   * Hands a finished export to the manager: the desktop app shows it in its folder. A browser
   * downloads it from EXPORT_FILE_PATH instead (see DeskApi.exportDelivery).
   */
  openExport: call<ExportHandoff>()({
    args: z.tuple([idSchema]),
    method: 'POST',
    path: '/api/exports/:id/open',
    changes: true,
  }),
  /**
   * Saves a day's report as a file into the exports folder (never over another) and, in the
   * desktop app, shows it in its folder. A browser downloads GET REPORT_FILE_PATH instead.
   */
  saveDailyReport: call<ExportHandoff>()({
    args: z.tuple([reportFileSchema]),
    method: 'POST',
    path: '/api/reports/daily/save',
    changes: true,
  }),
  /** A station's sales profile as saved (the empty one when it has none). */
  getSalesProfile: call<StationSalesProfile>()({
    args: z.tuple([stationSchema]),
    method: 'GET',
    path: '/api/sales-profiles',
    changes: false,
  }),
  /** What teaching a line would change: the station's recent receipts read both ways. */
  previewSalesProfile: call<ProfilePreview>()({
    args: z.tuple([profilePreviewSchema]),
    method: 'POST',
    path: '/api/sales-profiles/preview',
    changes: true,
  }),
  /** Keeps a station's profile; the chosen business days' receipts are read again. */
  saveSalesProfile: call<FiguresRereading>()({
    args: z.tuple([saveProfileSchema]),
    method: 'POST',
    path: '/api/sales-profiles/save',
    changes: true,
  }),
  /** The cloud relay and pass-through printers: gauges, and the receipts needing the manager. */
  getRelay: call<RelayStatus>()({ args: none, method: 'GET', path: '/api/relay', changes: false }),
  /** Keeps (or forgets) the relay's token and signing secret, in the keychain or a 0600 file. */
  setRelayCredentials: call<RelayStatus>()({
    args: z.tuple([relayCredentialsSchema]),
    method: 'POST',
    path: '/api/relay/credentials',
    changes: true,
  }),
  /** Sends receipts the endpoint refused again; resolves with how many were queued. */
  retryRelay: call<number>()({
    args: z.tuple([retryRelaySchema]),
    method: 'POST',
    path: '/api/relay/retry',
    changes: true,
  }),
  /** Prints a receipt again on its station's pass-through printer (one click, never automatic). */
  printAgain: call<RelayStatus>()({
    args: z.tuple([printAgainSchema]),
    method: 'POST',
    path: '/api/relay/print-again',
    changes: true,
  }),
  /** Stored receipts still to be read again, and how many were asked. */
  getFiguresRereading: call<FiguresRereading>()({
    args: none,
    method: 'GET',
    path: '/api/sales-profiles/rereading',
    changes: false,
  }),
  /** Several business days' figures summed, with a row per day (a week, a month, from–to). */
  getRangeReport: call<RangeReport>()({
    args: z.tuple([rangeReportSchema]),
    method: 'GET',
    path: '/api/reports/range',
    changes: false,
  }),
  /**
   * Starts writing a range report file as an export job: followed with getExport, stopped with
   * cancelExport, handed over with openExport or downloaded from EXPORT_FILE_PATH.
   */
  startRangeReport: call<ExportJob>()({
    args: z.tuple([rangeReportFileSchema]),
    method: 'POST',
    path: '/api/reports/range',
    changes: true,
  }),
  /** Stops a running export or report file; its unfinished file is removed. */
  cancelExport: call<ExportJob>()({
    args: z.tuple([idSchema]),
    method: 'POST',
    path: '/api/exports/:id/cancel',
    changes: true,
  }),
} as const;

export type DeskCall = keyof typeof DESK_CONTRACT;
type Spec<K extends DeskCall> = (typeof DESK_CONTRACT)[K];
/** The arguments a caller passes to call K. */
export type CallArgs<K extends DeskCall> = z.input<Spec<K>['args']>;
/** What call K answers with. */
export type CallResult<K extends DeskCall> =
  NonNullable<Spec<K>['result']> extends (r: infer R) => unknown ? R : never;

/** Every call's name, in the table's order. */
export const DESK_CALLS = Object.keys(DESK_CONTRACT) as DeskCall[];

export function isDeskCall(name: string): name is DeskCall {
  return Object.prototype.hasOwnProperty.call(DESK_CONTRACT, name);
}

/**
 * Streams a browser reads by address rather than by fetch: it cannot set a header on them, so
 * these two alone also take the access token in the query string (`?token=`).
 */
export const EVENT_STREAM_PATH = '/api/stream';
export const EXPORT_FILE_PATH = '/api/exports/:id/file';
