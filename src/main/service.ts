/**
 * The one wiring place: builds capture, store, pool, feed and metrics from settings and connects
 * them. POS bytes -> framer -> store (committed) -> ack; committed -> pool -> interpretation saved
 * -> feed -> IPC/SSE. Runs under plain Node: Electron and `npm run serve` both start it.
 */
import os from 'node:os';
import path from 'node:path';
import type {
  DeskBackend,
  Health,
  HealthProblem,
  Metrics,
  ReceiptDetail,
  ReceiptPage,
  ReceiptQuery,
  ReceiptSummary,
  Reinterpreted,
  Settings,
  Stats,
  PrinterAddress,
  TestPrint,
  DaySummary,
  SaveSettingsOptions,
  SettingsInput,
  SettingsView,
  ExportHandoff,
  ExportJob,
  ExportPreview,
  ExportRange,
  ExportRequest,
} from '../shared';
import { DeskFailure } from '../shared';
import {
  CaptureService,
  type CaptureSink,
  type Segment,
  type SegmentMeta,
  describeStatusReply,
} from './capture';
import { ReceiptFeed, withPreview } from './events';
import { INTERPRETER_VERSION } from './escpos';
import { gaugeSources } from './gauge-sources';
import { printerAddresses, sendTestReceipt } from './printer-addresses';
import { MetricsSampler, RateCounter } from './metrics';
import { IDLE_COLLECT, IdleCollector } from './memory';
import { InterpretPool, type InterpretResult, type StationProfile } from './pool';
import { ExportService, type ExportedFile } from './export';
import { saveSettingsFile, settingsFile, validSettings } from './settings-file';
import { waitingForRestart } from './settings-restart';
import {
  ExportQueries,
  type InterpretationRow,
  Store,
  type StoredReceipt,
  inflateDocument,
  retentionCutoff,
} from './store';

export interface ServiceOptions {
  dataDir: string;
  settings: Settings;
  /**
   * Folder of the built thread entries (pool-worker.js, store-writer.js): the folder of the
   * entry that starts the service, as `npm run serve` and electron-vite both build them.
   */
  workerDir: string;
  /** better-sqlite3 binary for a runtime other than Node (Electron). */
  nativeBinding?: string;
  log?: (message: string) => void;
  now?: () => number;
  /** Shows a finished export in the system's file manager (the desktop app gives it). */
  showInFolder?: (file: string) => void;
}

const HOUR_MS = 60 * 60 * 1000;

export class DeskService implements DeskBackend {
  /** Opened by start(). */
  store!: Store;
  readonly capture: CaptureService;
  readonly pool: InterpretPool;
  readonly feed: ReceiptFeed;
  /** Created by start(), once the store is open. */
  metrics!: MetricsSampler;
  /** Created by start(), once the store is open. */
  exports!: ExportService;
  private readonly now: () => number;
  private readonly log: (message: string) => void;
  private readonly startedAt: number;
  private readonly rate: RateCounter;
  private readonly metricListeners = new Set<(m: Metrics) => void>();
  private retentionTimer: NodeJS.Timeout | null = null;
  private lastWriteError: DeskFailure | null = null;
  /** When the disk last filled up, and the refusals counted then (for the log line after). */
  private diskFull: { since: number; refusedBefore: number } | null = null;
  private stopping: Promise<void> | null = null;
  private readonly pausedBy = new Set<'pool' | 'disk' | 'manager'>();
  private readonly problemListeners = new Set<(problem: DeskFailure) => void>();
  /** Receipt meta kept from commit until interpretation, to announce without re-reading. */
  private readonly inFlight = new Map<number, ReceiptSummary>();
  /** The settings in force (Settings may change them while running). */
  private settings: Settings;
  private saving: Promise<unknown> = Promise.resolve();
  private reinterpreting = false;
  /**
   * A full collection once quiet after a burst, in this thread and then in each pool thread, so
   * memory returns near idle (src/main/memory; the writer thread has its own).
   */
  private readonly idleCollector = new IdleCollector({
    ...IDLE_COLLECT,
    onCollect: () => void this.pool.collectGarbage(),
  });

  constructor(private readonly options: ServiceOptions) {
    const s = options.settings;
    this.settings = s;
    this.now = options.now ?? Date.now;
    this.log = options.log ?? (() => {});
    this.startedAt = this.now();
    this.rate = new RateCounter(this.now);
    // Receipts the feed could not keep within its byte budget are read back from the store.
    this.feed = new ReceiptFeed(0, { reader: (ids) => this.store.queries.listByIds(ids) });
    this.pool = new InterpretPool({
      workerFile: path.join(options.workerDir, 'pool-worker.js'),
      threads: s.pool.threads ?? Math.min(4, os.availableParallelism()),
      maxQueue: s.pool.maxQueue,
      batchSize: s.pool.batchSize,
      taskTimeoutMs: s.pool.taskTimeoutMs,
      onResults: (results) => this.saveResults(results),
      onSaturation: (saturated) => this.pauseCapture('pool', saturated),
    });
    this.capture = new CaptureService({
      listeners: s.listeners,
      idleTimeoutMs: s.capture.idleTimeoutMs,
      maxConnections: s.capture.maxConnections,
      idleCloseS: s.capture.idleCloseS,
      maxConnectionsPerPeer: s.capture.maxConnectionsPerPeer,
      maxReceiptBytes: s.capture.maxReceiptBytes,
      allowList: s.capture.allowList,
      identity: s.identity,
      sink: this.sink(),
      now: this.now,
      log: this.log,
      // Tills turned away: the desktop app's notice (throttled there) reads it like a disk fault.
      onRefusing: (p) => {
        for (const listener of this.problemListeners)
          listener(new DeskFailure('CONNECTIONS_REFUSED', p.message));
      },
    });
  }

  /**
   * Opens the receipts file (writer thread), applies retention, resumes interpreting receipts a
   * previous run left pending, then opens the printer ports.
   */
  async start(): Promise<void> {
    const s = this.settings;
    try {
      this.store = await Store.open({
        dataDir: this.options.dataDir,
        writerFile: path.join(this.options.workerDir, 'store-writer.js'),
        commitWindowMs: s.store.commitWindowMs,
        maxBacklogBytes: s.store.maxBacklogBytes,
        maxBacklogReceipts: s.store.maxBacklogReceipts,
        nativeBinding: this.options.nativeBinding,
        onWriteError: (err) => {
          this.lastWriteError = err;
          for (const listener of this.problemListeners) listener(err);
          this.log(`${err.code}: ${err.message}`);
        },
      });
    } catch (err) {
      await this.pool.close();
      throw err;
    }
    this.feed.startAfter(this.store.writer.maxReceiptIdAtStart);
    this.exports = new ExportService({
      dir: path.join(this.options.dataDir, 'exports'),
      queries: new ExportQueries(this.store.db),
      now: this.now,
    });
    this.store.writer.onBacklog = (saturated) => this.pauseCapture('disk', saturated);
    this.store.writer.onDiskFull = (failure) => this.diskFullChanged(failure);
    this.metrics = new MetricsSampler(
      gaugeSources({
        capture: this.capture,
        pool: this.pool,
        store: this.store,
        receiptsPerMinute: () => this.rate.perMinute(),
        startOfToday: () => startOfDay(this.now()),
      }),
      (m) => {
        for (const l of this.metricListeners) l(m);
      },
      this.now,
    );
    await this.applyRetention();
    this.resumePending();
    try {
      await this.capture.start();
    } catch (err) {
      await this.stop();
      throw err;
    }
    this.metrics.start();
    this.retentionTimer = setInterval(() => void this.applyRetention(), HOUR_MS);
    this.retentionTimer.unref();
  }

  /**
   * TCP backpressure: the printer ports stop reading while the pool or the disk is behind, and
   * read again once both have room. Nothing is dropped and nothing piles up without bound.
   */
  private pauseCapture(reason: 'pool' | 'disk' | 'manager', saturated: boolean): void {
    const before = this.pausedBy.size > 0;
    if (saturated) this.pausedBy.add(reason);
    else this.pausedBy.delete(reason);
    const after = this.pausedBy.size > 0;
    if (after && !before) this.capture.pause();
    else if (!after && before) this.capture.resume();
  }

  private async applyRetention(): Promise<void> {
    let removed: number;
    try {
      removed = await this.store.applyRetention(this.settings.store.retentionDays, this.now());
    } catch (err) {
      // Deleting needs room in the write-ahead log too: on a full disk it waits for the next
      // hour, and neither a start nor the hourly timer may fail for it.
      this.log(`Retention: old receipts not removed yet (${(err as Error).message}).`);
      return;
    }
    if (removed > 0) this.log(`Retention: removed ${removed} receipts past the kept period.`);
  }

  /**
   * The disk filled up (failure) or has room again (null). While full the printer ports answer
   * "out of paper", so a till that checks holds its job; health shows DISK_FULL.
   */
  private diskFullChanged(failure: DeskFailure | null): void {
    const refusedNow = this.store.writer.diskGauges().refusedWhileFull;
    if (failure) {
      this.diskFull = { since: this.now(), refusedBefore: refusedNow };
      this.lastWriteError = failure;
      for (const listener of this.problemListeners) listener(failure);
      this.log(`${failure.code}: ${failure.message}`);
      this.capture.setPrinterCondition('paper-out', 'the disk is full');
      return;
    }
    if (this.lastWriteError?.code === 'DISK_FULL') this.lastWriteError = null;
    const seconds = Math.round((this.now() - (this.diskFull?.since ?? this.now())) / 1000);
    const refused = refusedNow - (this.diskFull?.refusedBefore ?? 0);
    this.diskFull = null;
    this.log(
      `The disk has room again after ${seconds} s; receipts refused meanwhile: ${refused} (their tills were told the job failed).`,
    );
    this.capture.setPrinterCondition('online', 'the disk has room again');
  }

  /** Finishes in-flight receipts (stored, then interpreted), closes the database. */
  stop(): Promise<void> {
    this.stopping ??= (async () => {
      if (this.retentionTimer) clearInterval(this.retentionTimer);
      this.metrics?.stop();
      // An export reads the receipts file: it stops (its unfinished file removed) before that closes.
      await this.exports?.stop();
      await this.capture.stop();
      await withTimeout(this.pool.idle(), 5_000);
      // While the disk is full the writer makes its last try when it closes; a barrier would
      // only wait for the receipts' grace to run out.
      if (this.store && !this.store.writer.diskFull) {
        await this.store.writer.barrier().catch(() => {});
      }
      this.feed.flush();
      this.idleCollector.stop();
      await this.pool.close();
      await this.store?.close();
    })();
    return this.stopping;
  }

  /**
   * The manager's pause (the tray): the printer ports stop reading until resumed. Tills wait on
   * their connection; nothing is lost.
   */
  setPaused(paused: boolean): void {
    this.pauseCapture('manager', paused);
  }

  get paused(): boolean {
    return this.pausedBy.has('manager');
  }

  /** Problems that stop receipts being kept (a full disk, a failing write), as they happen. */
  onProblem(listener: (problem: DeskFailure) => void): () => void {
    this.problemListeners.add(listener);
    return () => this.problemListeners.delete(listener);
  }

  onReceipts(listener: (batch: ReceiptSummary[]) => void): () => void {
    return this.feed.subscribe(listener);
  }

  onMetrics(listener: (m: Metrics) => void): () => void {
    this.metricListeners.add(listener);
    return () => this.metricListeners.delete(listener);
  }

  // --- DeskBackend -----------------------------------------------------------------------

  async getHealth(): Promise<Health> {
    const ports = this.capture.listeners();
    const last = this.store.queries.lastReceiptAt(ports.map((l) => l.station));
    const listeners = ports.map((l) => ({ ...l, lastReceiptAt: last.get(l.station) ?? null }));
    const first = listeners[0];
    const dbOk = this.store.healthy() && this.lastWriteError === null;
    const problems: HealthProblem[] = [];
    if (!dbOk) {
      problems.push(
        this.lastWriteError
          ? { code: this.lastWriteError.code, message: this.lastWriteError.message }
          : { code: 'DB_UNHEALTHY', message: 'The receipts file cannot be read. Check the disk.' },
      );
    }
    const refusing = this.capture.refusalProblem();
    if (refusing) problems.push(refusing);
    for (const l of listeners) {
      if (l.listening) continue;
      problems.push({
        code: 'PORT_CLOSED',
        message: l.error ?? `Printer port ${l.port} (${l.station}) is not listening.`,
      });
    }
    return {
      status: problems.length === 0 ? 'ok' : 'degraded',
      problems,
      printer: { listening: first.listening, host: first.host, port: first.port },
      listeners,
      db: { ok: dbOk },
      uptimeS: Math.round((this.now() - this.startedAt) / 1000),
    };
  }

  async getToday(): Promise<DaySummary> {
    const day = startOfDay(this.now());
    const weekAgo = startOfDay(day - 7 * 24 * 3600 * 1000 + 12 * 3600 * 1000);
    // A day is not always 24 hours (daylight saving): each ends at the next local midnight.
    const today = this.store.queries.dayCounts(day, startOfDay(day + 36 * 3600 * 1000));
    const before = this.store.queries.dayCounts(weekAgo, startOfDay(weekAgo + 36 * 3600 * 1000));
    const names = new Set([...today.stations.keys(), ...before.stations.keys()]);
    return {
      day,
      hours: today.hours,
      lastWeekHours: before.hours,
      stations: [...names].sort().map((station) => ({
        station,
        receipts: today.stations.get(station) ?? 0,
        lastWeek: before.stations.get(station) ?? 0,
      })),
    };
  }

  async getPrinterAddresses(): Promise<PrinterAddress[]> {
    return printerAddresses(this.capture.listeners());
  }

  /** A test receipt through the first printer port, as a till would print it. */
  async printTestReceipt(): Promise<TestPrint> {
    return sendTestReceipt(this.capture.listeners()[0], new Date(this.now()));
  }

  async getSettings(): Promise<SettingsView> {
    return {
      settings: this.settings,
      file: settingsFile(this.options.dataDir),
      waitingForRestart: waitingForRestart(this.options.settings, this.settings),
    };
  }

  /**
   * Applies and saves the manager's settings, one save at a time. Printer ports reopen without
   * losing a receipt (see CaptureService.reconfigure); when a port cannot open or the file
   * cannot be written, everything stays as it was.
   */
  saveSettings(input: SettingsInput, options: SaveSettingsOptions = {}): Promise<SettingsView> {
    const run = this.saving.then(() => this.applySettings(input, options));
    this.saving = run.catch(() => {});
    return run;
  }

  private async applySettings(
    input: SettingsInput,
    options: SaveSettingsOptions,
  ): Promise<SettingsView> {
    const next = validSettings(input, 'Nothing was changed.');
    const before = this.settings;
    const days = next.store.retentionDays;
    const shorter = days !== null && (before.store.retentionDays ?? Infinity) > days;
    if (shorter && !options.confirmDeletion) {
      const cutoff = retentionCutoff(days, this.now());
      const doomed = this.store.queries.countBefore(cutoff);
      if (doomed > 0) {
        throw new DeskFailure(
          'CONFIRM_DELETION',
          `Keeping receipts for ${days} days deletes the ${doomed.toLocaleString('en')} ${doomed === 1 ? 'receipt' : 'receipts'} received before ${new Date(cutoff).toLocaleString('en-GB')}. They cannot be brought back. Save again to confirm.`,
        );
      }
    }
    const captureConfig = (s: Settings) => ({ listeners: s.listeners, ...s.capture });
    await this.capture.reconfigure(captureConfig(next));
    try {
      saveSettingsFile(this.options.dataDir, next);
    } catch (err) {
      await this.capture.reconfigure(captureConfig(before)).catch(() => {});
      throw err;
    }
    this.settings = next;
    this.log(
      `Settings saved: ${next.listeners.map((l) => `${l.station} on ${l.port}`).join(', ')}.`,
    );
    if (shorter) await this.applyRetention();
    return this.getSettings();
  }

  async listReceipts(query: ReceiptQuery): Promise<ReceiptPage> {
    return this.store.queries.list(query);
  }

  /**
   * One receipt with its document model. The document is built from the stored bytes the first
   * time a receipt is opened (in the pool, off the main thread) and cached in the file.
   */
  async getReceipt(id: number): Promise<ReceiptDetail> {
    const stored = this.store.queries.get(id);
    if (!stored) throw new DeskFailure('NOT_FOUND', `There is no receipt number ${id}.`);
    const r = withStatusWords(stored);
    if (r.document || r.status === 'pending') return r;
    const raw = Buffer.from(r.rawBase64, 'base64');
    try {
      const result = await this.pool.interpretOne({ id, raw, profile: this.profileFor(r.station) });
      if (!result.ok || !result.document) return r;
      this.store.writer.cacheDocument(id, INTERPRETER_VERSION, result.document);
      return { ...r, document: inflateDocument(result.document) };
    } catch {
      // Too slow or the worker failed: the receipt is still shown, with its text and bytes.
      return r;
    }
  }

  async getStats(): Promise<Stats> {
    return this.store.queries.stats(startOfDay(this.now()));
  }

  async getMetrics(): Promise<Metrics> {
    return this.metrics.current();
  }

  /**
   * Interprets again every receipt received in [from, to) from its stored bytes (after the
   * interpreter improved). Resolves with how many receipts were redone.
   */
  async reinterpret(range: { from: number; to: number }): Promise<Reinterpreted> {
    if (this.reinterpreting) {
      throw new DeskFailure(
        'BUSY',
        'Receipts are already being read again. Wait for that to finish, then try again.',
      );
    }
    this.reinterpreting = true;
    try {
      return await this.reinterpretRange(range);
    } finally {
      this.reinterpreting = false;
    }
  }

  private async reinterpretRange({
    from,
    to,
  }: {
    from: number;
    to: number;
  }): Promise<Reinterpreted> {
    let after = 0;
    let count = 0;
    for (;;) {
      const ids = this.store.queries.idsInRange(from, to, after, 256);
      if (ids.length === 0) break;
      for (const r of this.store.queries.raw(ids)) {
        this.pool.submit({ id: r.id, raw: r.raw, profile: this.profileFor(r.station) });
      }
      count += ids.length;
      after = ids[ids.length - 1];
      await this.pool.idle();
    }
    await this.store.writer.barrier();
    return { receipts: count };
  }

  async previewExport(range: ExportRange): Promise<ExportPreview> {
    return this.exports.preview(range);
  }

  async startExport(request: ExportRequest): Promise<ExportJob> {
    return this.exports.start(request);
  }

  async getExport(id: number): Promise<ExportJob> {
    return this.exports.get(id);
  }

  /** The desktop app shows the file in its folder; a browser downloads exportFile() instead. */
  async openExport(id: number): Promise<ExportHandoff> {
    const file = this.exports.file(id);
    if (!this.options.showInFolder) {
      throw new DeskFailure('NOT_AVAILABLE', `Download ${file.fileName} from the Export screen.`);
    }
    this.options.showInFolder(file.path);
    return { fileName: file.fileName };
  }

  /** A finished export's file, for the HTTP download. */
  exportFile(id: number): ExportedFile {
    return this.exports.file(id);
  }

  // --- wiring ----------------------------------------------------------------------------

  /** How the station's printer is set up (the first listener with that label decides). */
  private profileFor(station: string): StationProfile {
    const l =
      this.settings.listeners.find((x) => x.station === station) ?? this.settings.listeners[0];
    return {
      dialect: l.dialect,
      columns: l.columns,
      multibyte: l.multibyte,
      kanjiAtStart: l.kanjiAtStart,
    };
  }

  private sink(): CaptureSink {
    return {
      openConnection: (c) => this.store.writer.openConnection(c),
      closeConnection: (id, closedAt, bytes, reason) =>
        this.store.writer.closeConnection(id, closedAt, bytes, reason),
      storeSegment: (segment, meta) => this.storeSegment(segment, meta),
    };
  }

  private async storeSegment(segment: Segment, meta: SegmentMeta): Promise<void> {
    this.idleCollector.note(segment.bytes.length + segment.droppedBytes);
    if (segment.empty && this.store.writer.diskFull) {
      // Status polls of a till keeping its connection: answered ("out of paper"), nothing to
      // keep but the polls. Refusing would reset the connection a printer would keep open.
      this.store.writer.skipEmptyWhileFull();
      return;
    }
    const id = await this.store.writer.appendReceipt({
      ...meta,
      bytes: segment.bytes,
      droppedBytes: segment.droppedBytes,
      truncated: segment.truncated,
      empty: segment.empty,
      endedBy: segment.endedBy,
      statusReplies: segment.statusReplies,
      statusRepliesNotKept: segment.statusRepliesNotKept,
    });
    // A receipt that waited for room can commit while the disk still counts as full.
    if (!this.store.writer.diskFull) this.lastWriteError = null;
    if (!segment.empty) this.rate.add();
    this.feed.expect(id, !segment.empty);
    this.inFlight.set(id, {
      id,
      receivedAt: meta.receivedAt,
      peer: meta.peer,
      station: meta.station,
      connectionId: meta.connectionId,
      seq: meta.seq,
      status: 'pending',
      byteCount: segment.bytes.length,
      truncated: segment.truncated,
      endedBy: segment.endedBy,
      error: null,
      text: null,
      textCut: false,
      textBytes: null,
      warnings: 0,
      dialect: null,
      drawerKicks: 0,
    });
    const profile = this.profileFor(meta.station);
    // The connection may have told its dialect by commands earlier than this receipt's.
    if (segment.dialect) profile.dialect = segment.dialect;
    this.pool.submit({ id, raw: segment.bytes, profile });
  }

  private resumePending(): void {
    let after = 0;
    for (;;) {
      const ids = this.store.queries.pending(after, 500);
      if (ids.length === 0) break;
      for (const r of this.store.queries.raw(ids)) {
        this.pool.submit({ id: r.id, raw: r.raw, profile: this.profileFor(r.station) });
      }
      after = ids[ids.length - 1];
    }
  }

  private saveResults(results: InterpretResult[]): void {
    const at = this.now();
    const rows: InterpretationRow[] = results.map((r) => ({
      id: r.id,
      status: r.ok ? 'ok' : 'failed',
      error: r.error,
      text: r.text,
      warnings: r.warnings,
      dialect: r.dialect,
      drawerKicks: r.drawerKicks,
      cuts: r.cuts,
      interpreterVersion: INTERPRETER_VERSION,
      interpretedAt: at,
    }));
    // Previews now, so that waiting for the commit keeps no whole text (a till may print 16 MiB).
    const summaries: ReceiptSummary[] = [];
    for (const r of results) {
      const base = this.inFlight.get(r.id);
      if (!base) continue;
      this.inFlight.delete(r.id);
      summaries.push(
        withPreview({
          ...base,
          status: r.ok ? 'ok' : 'failed',
          error: r.error,
          text: r.text,
          textBytes: r.textBytes,
          warnings: r.warnings,
          dialect: r.dialect,
          drawerKicks: r.drawerKicks,
        }),
      );
    }
    // Quiet counts from the last interpretation: the pool holds the receipts' bytes until then.
    for (const r of results) this.idleCollector.note(r.textBytes ?? 0);
    const announce = (): void => this.feed.complete(summaries);
    this.store.writer.saveInterpretations(rows).then(announce, (err: Error) => {
      // Refused only when the service stops with the disk full, which the store reports itself:
      // the receipts stay pending and are read again at the next start.
      if ((err as DeskFailure).code !== 'DISK_FULL') {
        this.log(`Could not save interpretations: ${err.message}`);
      }
      announce();
    });
  }
}

/** A stored receipt with its status replies put in words (names improve without migrations). */
function withStatusWords(r: StoredReceipt): ReceiptDetail {
  return { ...r, statusReplies: r.statusReplies.map(describeStatusReply) };
}

/** Local midnight of the day `now` falls in (business days come with the sales issue). */
export function startOfDay(now: number): number {
  const d = new Date(now);
  d.setHours(0, 0, 0, 0);
  return d.getTime();
}

async function withTimeout(p: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([p, new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)))]);
  clearTimeout(timer);
}
