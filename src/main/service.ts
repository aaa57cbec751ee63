/**
 * The one wiring place: builds capture, store, pool, feed, metrics and the rest from settings,
 * connects them, and implements the contract by handing each call to its module. POS bytes ->
 * capture -> ingest (store commits: the till's ack -> pool -> text saved -> feed -> IPC/SSE).
 * Runs under plain Node: Electron and `npm run serve` both start it.
 */
import os from 'node:os';
import path from 'node:path';
import type {
  DeskBackend,
  Metrics,
  ReceiptDetail,
  ReceiptSummary,
  ReportDay,
  ReportFormat,
  Settings,
} from '../shared';
import {
  DeskFailure,
  printAgainSchema,
  profilePreviewSchema,
  relayCredentialsSchema,
  retryRelaySchema,
  saveProfileSchema,
} from '../shared';
import { CaptureService, printerAddresses, sendTestReceipt } from './capture';
import {
  businessDayBounds,
  businessDayOf,
  dayBounds,
  daySummary,
  sameDayLastWeek,
  startOfDay,
  systemTimeZone,
} from './days';
import { ReceiptFeed } from './events';
import { ExportService, type ExportedFile } from './export';
import { AutoExporter } from './auto-export';
import { UnreadFigures } from './store';
import { DeskHealth, gaugeSources } from './health';
import { FiguresCatchUp, ReceiptPath } from './ingest';
import { IDLE_COLLECT, IdleCollector } from './memory';
import { MetricsSampler } from './metrics';
import { InterpretPool } from './pool';
import type { StreamSource } from './server';
import { SettingsKeeper } from './settings';
import { SalesProfiles } from './profiles';
import { DailyReports, RangeReports, type ReportFile } from './reports';
import { FileSecretStore, Relay, type SecretStore } from './relay';
import { ExportQueries, ProfileQueries, ReportQueries, Store, retentionCutoff } from './store';

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
  /** How often the automatic export looks for a business day to write (a minute; tests less). */
  autoExportEveryMs?: number;
  /**
   * Where the relay's token and secret are kept: the app gives the OS keychain (safeStorage);
   * headless, a file in the data folder only the user can read.
   */
  secrets?: { store: SecretStore; keptIn: string };
}

const HOUR_MS = 60 * 60 * 1000;

export class DeskService implements DeskBackend {
  /** Opened by start(). */
  private store!: Store;
  private readonly capture: CaptureService;
  private readonly pool: InterpretPool;
  private readonly feed: ReceiptFeed;
  /** Created by start(), once the store is open. */
  private metrics!: MetricsSampler;
  /** Created by start(), once the store is open. */
  private exports!: ExportService;
  private reports!: DailyReports;
  private rangeReports!: RangeReports;
  private figures: FiguresCatchUp | null = null;
  private readonly profiles: SalesProfiles;
  private profileQueries!: ProfileQueries;
  private readonly now: () => number;
  private readonly log: (message: string) => void;
  private readonly ingest: ReceiptPath;
  private readonly health: DeskHealth;
  private readonly keeper: SettingsKeeper;
  private readonly metricListeners = new Set<(m: Metrics) => void>();
  private readonly problemListeners = new Set<(problem: DeskFailure) => void>();
  private retentionTimer: NodeJS.Timeout | null = null;
  private autoExport: AutoExporter | null = null;
  /** Created by start(), once the store is open. */
  private relay: Relay | null = null;
  /** When a receipt was last committed (monotonic ms): the relay gives way while tills print. */
  private lastStoredAt = -Infinity;
  private stopping: Promise<void> | null = null;
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
    this.now = options.now ?? Date.now;
    this.log = options.log ?? (() => {});
    // Receipts the feed could not keep within its byte budget are read back from the store.
    this.feed = new ReceiptFeed(0, { reader: (ids) => this.store.queries.listByIds(ids) });
    this.pool = new InterpretPool({
      ...s.pool,
      workerFile: path.join(options.workerDir, 'pool-worker.js'),
      threads: s.pool.threads ?? Math.min(4, os.availableParallelism()),
      onResults: (results) => this.ingest.saveResults(results),
      onSaturation: (saturated) => this.capture.pauseFor('pool', saturated),
    });
    this.ingest = new ReceiptPath({
      store: () => this.store,
      pool: this.pool,
      feed: this.feed,
      listeners: () => this.keeper.settings.listeners,
      salesProfile: (station) => this.profiles.extractorFor(station),
      idleCollector: this.idleCollector,
      now: this.now,
      log: this.log,
      onStored: () => {
        this.health.receiptStored();
        this.lastStoredAt = performance.now();
        this.relay?.nudge();
      },
      onTextSaved: (ids) => this.figures?.saved(ids),
      outboxFor: (station) => this.relay?.outboxFor(station) ?? [],
    });
    this.capture = new CaptureService({
      listeners: s.listeners,
      ...s.capture,
      identity: s.identity,
      sink: this.ingest.sink(),
      now: this.now,
      log: this.log,
      onRefusing: (problem) => this.health.refusing(problem),
    });
    this.health = new DeskHealth({
      capture: this.capture,
      store: () => this.store,
      now: this.now,
      log: this.log,
      notify: (problem) => this.problemListeners.forEach((l) => l(problem)),
    });
    this.profiles = new SalesProfiles({
      business: () => this.keeper.settings.business,
      saveProfiles: async (profiles) => {
        const s = this.keeper.settings;
        await this.keeper.save({ ...s, business: { ...s.business, profiles } });
      },
      queries: () => this.profileQueries,
      writer: () => this.store.writer,
      extract: (items) => this.pool.extract(items),
      rereadMarked: () => this.figures?.reread(),
    });
    const captureConfig = (next: Settings) => ({ listeners: next.listeners, ...next.capture });
    this.keeper = new SettingsKeeper({
      dataDir: options.dataDir,
      atStart: s,
      applyCapture: (next) => this.capture.reconfigure(captureConfig(next)),
      retentionCutoff: (days) => retentionCutoff(days, this.now()),
      countBefore: (cutoff) => this.store.queries.countBefore(cutoff),
      applyRetention: () => this.applyRetention(),
      log: this.log,
    });
  }

  /**
   * Opens the receipts file (writer thread), applies retention, resumes interpreting receipts a
   * previous run left pending, then opens the printer ports.
   */
  async start(): Promise<void> {
    const s = this.options.settings;
    try {
      this.store = await Store.open({
        ...s.store,
        dataDir: this.options.dataDir,
        writerFile: path.join(this.options.workerDir, 'store-writer.js'),
        nativeBinding: this.options.nativeBinding,
        onWriteError: (err) => this.health.writeFailed(err),
      });
    } catch (err) {
      await this.pool.close();
      throw err;
    }
    this.feed.startAfter(this.store.writer.maxReceiptIdAtStart);
    this.exports = new ExportService({
      dir: this.exportsDir(),
      queries: new ExportQueries(this.store.db),
      now: this.now,
    });
    const reportQueries = new ReportQueries(this.store.db);
    this.profileQueries = new ProfileQueries(this.store.db);
    this.figures = new FiguresCatchUp({
      store: () => this.store,
      queries: () => reportQueries,
      pool: this.pool,
      profileFor: (station) => this.profiles.extractorFor(station),
      log: this.log,
      onWork: (bytes) => this.idleCollector.noteBackground(bytes),
      onSaved: () => this.relay?.figuresSaved(),
    });
    this.reports = new DailyReports({
      queries: () => reportQueries,
      business: () => this.keeper.settings.business,
      write: (task) => this.pool.writeReport(task),
      sumDay: (day) => this.pool.sumDay(day),
    });
    this.rangeReports = new RangeReports({
      daily: this.reports,
      queries: () => reportQueries,
      sumDay: (day) => this.pool.sumDay(day),
      write: (task) => this.pool.writeRangeReport(task),
      csvDay: (day) => this.pool.csvDay(day),
      dir: () => this.exportsDir(),
    });
    this.autoExport = this.autoExporter(new UnreadFigures(this.store.db));
    this.relay = this.relayOf();
    this.store.writer.onBacklog = (saturated) => this.capture.pauseFor('disk', saturated);
    this.store.writer.onDiskFull = (failure) => this.health.diskFullChanged(failure);
    const gauges = gaugeSources({
      capture: this.capture,
      pool: this.pool,
      store: this.store,
      receiptsPerMinute: () => this.ingest.perMinute(),
      relay: () => this.relay!.gauges(),
    });
    this.metrics = new MetricsSampler(
      gauges,
      (m) => this.metricListeners.forEach((l) => l(m)),
      this.now,
    );
    await this.applyRetention();
    this.ingest.resumePending();
    this.figures.start();
    try {
      await this.capture.start();
    } catch (err) {
      await this.stop();
      throw err;
    }
    this.metrics.start();
    this.autoExport.start();
    await this.relay.start();
    this.retentionTimer = setInterval(() => void this.applyRetention(), HOUR_MS);
    this.retentionTimer.unref();
  }

  /** Where exports and saved reports go. */
  private exportsDir(): string {
    return path.join(this.options.dataDir, 'exports');
  }

  /** The receipt a sale or refund copies (the same order and total earlier that business day). */
  private reprintOf(r: ReceiptDetail): number | null {
    const f = r.figures;
    if (!f || (f.kind !== 'sale' && f.kind !== 'refund')) return null;
    if (f.header.order === null || f.total === null) return null;
    const b = this.keeper.settings.business;
    const rule = { dayStart: b.dayStart, timeZone: b.timeZone || systemTimeZone() };
    const day = businessDayBounds(businessDayOf(r.receivedAt, rule), rule);
    return this.profileQueries.firstPrint(
      r.station,
      day,
      { at: r.receivedAt, id: r.id },
      { kind: f.kind, order: f.header.order, total: f.total },
    );
  }

  private async applyRetention(): Promise<void> {
    await this.store.keepWithin(this.keeper.settings.store.retentionDays, this.now(), this.log);
    // Delivered receipts are remembered by the outbox for a while (the drawer says when).
    const keep = this.keeper.settings.cloudRelay.keepDeliveredDays * 24 * HOUR_MS;
    await this.store.writer.pruneOutbox(this.now() - keep).catch(() => 0);
  }

  /** The cloud relay and pass-through printers, from the settings in force. */
  private relayOf(): Relay {
    const rule = () => {
      const b = this.keeper.settings.business;
      return { dayStart: b.dayStart, timeZone: b.timeZone || systemTimeZone() };
    };
    const secrets = this.options.secrets ?? {
      store: new FileSecretStore(path.join(this.options.dataDir, 'relay-secrets.json')),
      keptIn: 'a file in the data folder only your user account can read',
    };
    return new Relay({
      store: () => this.store,
      settings: () => this.keeper.settings,
      secrets: secrets.store,
      secretsKeptIn: secrets.keptIn,
      businessDayOf: (at) => businessDayOf(at, rule()),
      envelope: () => {
        const b = this.keeper.settings.business;
        return {
          timezone: rule().timeZone,
          dayStart: b.dayStart,
          currency: b.currency || null,
          restaurantName: b.restaurantName,
        };
      },
      now: this.now,
      log: this.log,
      notify: (station, words, ok) => {
        if (ok) this.log(words);
        else this.problemListeners.forEach((l) => l(new DeskFailure('PRINTER_PROBLEM', words)));
      },
      tillsBusy: () => performance.now() - this.lastStoredAt < 1_000,
      setTillCondition: (station, condition) =>
        this.capture.setStationCondition(
          station,
          condition === 'online' ? null : condition,
          condition === null ? 'its own status again' : "the pass-through printer's status",
        ),
    });
  }

  /** Writes each business day's reports into the manager's folder (Settings, off by default). */
  private autoExporter(unread: UnreadFigures): AutoExporter {
    return new AutoExporter({
      dataDir: this.options.dataDir,
      defaultFolder: this.exportsDir(),
      settings: () => this.keeper.settings.autoExport,
      business: () => this.keeper.settings.business,
      unread: (from, to) => unread.in(from, to),
      file: (date, format) => this.reports.file({ date }, format),
      // Counted, not summed again: the day's report was just summed for each of its files.
      receipts: (from, to) => {
        const { stations } = this.store.queries.dayCounts(from, to);
        return [...stations.values()].reduce((n, k) => n + k, 0);
      },
      now: this.now,
      everyMs: this.options.autoExportEveryMs ?? 60_000,
      log: this.log,
      notify: (problem) => this.problemListeners.forEach((l) => l(problem)),
    });
  }

  /** Finishes in-flight receipts (stored, then interpreted), closes the database. */
  stop(): Promise<void> {
    this.stopping ??= (async () => {
      if (this.retentionTimer) clearInterval(this.retentionTimer);
      this.metrics?.stop();
      // An export reads the receipts file: it stops (its unfinished file removed) before that closes.
      await this.exports?.stop();
      await this.autoExport?.stop();
      await this.capture.stop();
      await this.relay?.stop();
      this.figures?.stop();
      await this.pool.idle(5_000);
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
    this.capture.pauseFor('manager', paused);
  }

  get paused(): boolean {
    return this.capture.pausedByManager;
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

  /** What the live stream (SSE) reads: receipts after an id, and the feeds. */
  stream(): StreamSource {
    return {
      listAfter: (after, upTo, limit) => this.store.queries.listAfter(after, upTo, limit),
      announcedUpTo: () => this.feed.announcedUpTo,
      onReceipts: (l) => this.onReceipts(l),
      onMetrics: (l) => this.onMetrics(l),
    };
  }

  // --- the contract: each call typed by the table (DeskBackend) and handed to its module ---

  getHealth: DeskBackend['getHealth'] = async () => this.health.health();
  getDailyReport: DeskBackend['getDailyReport'] = (day) => this.reports.daily(day);
  saveDailyReport: DeskBackend['saveDailyReport'] = async ({ format, ...day }) => {
    const file = await this.reports.save(day, format, this.exportsDir());
    this.options.showInFolder?.(file);
    return { fileName: path.basename(file) };
  };
  /** The same report as a file (CSV, XLSX, PDF), for the web page's download. */
  dailyReportFile(day: ReportDay, format: ReportFormat): Promise<ReportFile> {
    return this.reports.file(day, format);
  }

  getAutoExport: DeskBackend['getAutoExport'] = async () => this.autoExport!.status();

  getToday: DeskBackend['getToday'] = async () => {
    const [day, end] = dayBounds(this.now());
    const lastWeek = this.store.queries.dayCounts(...sameDayLastWeek(day));
    return daySummary(day, this.store.queries.dayCounts(day, end), lastWeek);
  };
  getPrinterAddresses: DeskBackend['getPrinterAddresses'] = async () =>
    printerAddresses(this.capture.listeners());
  /** A test receipt through the first printer port, as a till would print it. */
  printTestReceipt: DeskBackend['printTestReceipt'] = () =>
    sendTestReceipt(this.capture.listeners()[0], new Date(this.now()));
  getSettings: DeskBackend['getSettings'] = async () => this.keeper.view();
  saveSettings: DeskBackend['saveSettings'] = (input, options = {}) =>
    this.keeper.save(input, options).finally(() => {
      this.autoExport?.check();
      void this.relay?.applySettings();
    });
  listReceipts: DeskBackend['listReceipts'] = async (query) => this.store.queries.list(query);
  getReceipt: DeskBackend['getReceipt'] = async (id) => {
    const r = await this.ingest.open(id);
    return { ...r, reprintOf: this.reprintOf(r), relay: this.relay!.receiptStates(id) };
  };
  getStats: DeskBackend['getStats'] = async () => this.store.queries.stats(startOfDay(this.now()));
  getMetrics: DeskBackend['getMetrics'] = async () => this.metrics.fresh();
  reinterpret: DeskBackend['reinterpret'] = (range) => this.ingest.reinterpret(range);
  previewExport: DeskBackend['previewExport'] = async (range) => this.exports.preview(range);
  startExport: DeskBackend['startExport'] = async (request) => this.exports.start(request);
  getExport: DeskBackend['getExport'] = async (id) => this.exports.get(id);
  cancelExport: DeskBackend['cancelExport'] = (id) => this.exports.cancel(id);
  getRangeReport: DeskBackend['getRangeReport'] = (range) => this.rangeReports.report(range);
  /** A range report file, written as an export job (the same progress, cancel and handoff). */
  startRangeReport: DeskBackend['startRangeReport'] = (request) =>
    this.exports.run(async (id) => this.rangeReports.task(id, request));
  openExport: DeskBackend['openExport'] = async (id) =>
    this.exports.open(id, this.options.showInFolder);

  getSalesProfile: DeskBackend['getSalesProfile'] = async ({ station }) =>
    this.profiles.of(station);
  previewSalesProfile: DeskBackend['previewSalesProfile'] = (request) => {
    const { profile, teach, receiptId } = profilePreviewSchema.parse(request);
    return this.profiles.preview(profile, teach, receiptId);
  };
  saveSalesProfile: DeskBackend['saveSalesProfile'] = async (request) => {
    const { profile, reread } = saveProfileSchema.parse(request);
    await this.profiles.save(profile, reread);
    return this.profiles.rereading();
  };
  getFiguresRereading: DeskBackend['getFiguresRereading'] = async () => this.profiles.rereading();

  getRelay: DeskBackend['getRelay'] = () => this.relay!.status();
  setRelayCredentials: DeskBackend['setRelayCredentials'] = (input) =>
    this.relay!.setCredentials(relayCredentialsSchema.parse(input));
  retryRelay: DeskBackend['retryRelay'] = (request) =>
    this.relay!.retry(retryRelaySchema.parse(request).receiptId);
  printAgain: DeskBackend['printAgain'] = (request) => {
    const { receiptId, station } = printAgainSchema.parse(request);
    return this.relay!.printAgain(receiptId, station);
  };

  /** A finished export's file, for the HTTP download. */
  exportFile(id: number): ExportedFile {
    return this.exports.file(id);
  }
}
