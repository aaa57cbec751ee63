import type { CsvDay, RangeFileTask, ReportFileTask, StoredDay } from '../reports';
import type { DailyReport } from '../../shared';
import { Piscina } from 'piscina';
import { SampleWindow } from '../metrics';
import { YOUNG_GENERATION_MB } from '../memory';
import { DeskFailure } from '../../shared';
import {
  type InterpretItem,
  type InterpretResult,
  type InterpretTask,
  type InterpretTaskResult,
  ReceiptClock,
  failedResult,
  type ExtractItem,
  type ExtractResult,
} from './task';

export interface InterpretPoolOptions {
  /** The built worker file (pool-worker.js next to the entry that starts the service). */
  workerFile: string;
  threads: number;
  /** Batches allowed to wait for a free thread before the pool calls itself saturated. */
  maxQueue: number;
  batchSize: number;
  /** The limit on one receipt's own interpretation, timed from when a thread starts it. */
  taskTimeoutMs: number;
  /** Every submitted receipt comes back here exactly once, interpreted or failed. */
  onResults: (results: InterpretResult[]) => void;
  /** Called with true when the queue is full (pause reading), false when it has room again. */
  onSaturation: (saturated: boolean) => void;
}

export interface PoolGauges {
  threads: number;
  busy: number;
  queued: number;
  maxQueue: number;
  saturated: boolean;
  waitMs: { p50: number | null; p99: number | null };
  runMs: { p50: number | null; p99: number | null };
  timeouts: number;
  /** Times the queue filled up and the listeners were told to pause. */
  saturations: number;
  pendingReceipts: number;
}

/**
 * piscina loads its worker file with require() first and import() if that fails. Our worker is
 * ESM; Node 20.19+ lets require() load ESM, and a worker stopped while doing so (the service
 * exiting at once because the printer port is taken) aborts the whole process in
 * ModuleWrap::CreateRequiredModuleFacade instead of exiting with its code. Turning require(esm)
 * off in the workers sends piscina straight to import().
 */
const WORKER_EXEC_ARGV = process.allowedNodeEnvironmentFlags.has('--no-experimental-require-module')
  ? [...process.execArgv, '--no-experimental-require-module']
  : undefined;

/** A batch handed to a thread, with the clock its worker keeps. */
interface Running {
  batch: InterpretItem[];
  clock: ReceiptClock;
  controller: AbortController;
  /** The receipt that ran past the limit, once the watchdog has stopped it. */
  overdue: number | null;
}

export class InterpretPool {
  private readonly piscina: Piscina;
  private forming: InterpretItem[] = [];
  private formingScheduled = false;
  /** Batches waiting for a free thread; at maxQueue the pool is saturated. */
  private backlog: InterpretItem[][] = [];
  private readonly running = new Set<Running>();
  private watchdog: NodeJS.Timeout | null = null;
  private pendingReceipts = 0;
  private saturated = false;
  private timeouts = 0;
  private saturations = 0;
  private readonly wait = new SampleWindow();
  private readonly run = new SampleWindow();
  private idleWaiters: (() => void)[] = [];

  constructor(private readonly options: InterpretPoolOptions) {
    this.piscina = new Piscina({
      filename: options.workerFile,
      minThreads: options.threads,
      maxThreads: options.threads,
      // Batches go to piscina only while a thread is free; the rest wait in our backlog, so a
      // task starts as it is handed over and the backlog is the bounded queue.
      maxQueue: options.threads + 2,
      idleTimeout: Number.MAX_SAFE_INTEGER,
      execArgv: WORKER_EXEC_ARGV,
      resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB },
    });
    this.piscina.on('drain', () => this.dispatchWaiting());
  }

  /** Queues one receipt for interpretation; batches are cut on the next turn of the loop. */
  submit(item: InterpretItem): void {
    this.pendingReceipts++;
    this.forming.push(item);
    if (this.forming.length >= this.options.batchSize) {
      this.cutBatch();
    } else if (!this.formingScheduled) {
      this.formingScheduled = true;
      setImmediate(() => {
        this.formingScheduled = false;
        this.cutBatch();
      });
    }
  }

  /** Resolves once every submitted receipt has come back, or after `timeoutMs` when given. */
  idle(timeoutMs?: number): Promise<void> {
    if (this.pendingReceipts === 0) return Promise.resolve();
    return new Promise((resolve) => {
      this.idleWaiters.push(resolve);
      if (timeoutMs !== undefined) setTimeout(resolve, timeoutMs).unref();
    });
  }

  /** No receipt waiting to be read or being read: time for work that can wait. */
  isIdle(): boolean {
    return this.pendingReceipts === 0 && this.running.size === 0;
  }

  /**
   * Reads the sales figures of stored texts on a pool thread. Callers send a batch only while
   * the pool is idle (isIdle), so reading figures never delays reading receipts.
   */
  extract(items: ExtractItem[]): Promise<ExtractResult[]> {
    return this.piscina.run(items, { name: 'extractBatch' }) as Promise<ExtractResult[]>;
  }

  /** Writes a report file on a pool thread (a spreadsheet or a PDF takes 0.1-0.5 s). */
  async writeReport(task: ReportFileTask): Promise<Buffer> {
    const bytes = (await this.piscina.run(task, { name: 'reportFile' })) as Uint8Array;
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  /** Sums a stored business day on a pool thread (a range report's days). */
  sumDay(day: StoredDay): Promise<DailyReport> {
    return this.piscina.run(day, { name: 'dailyReport' }) as Promise<DailyReport>;
  }

  /** A range report's day as CSV rows, on whichever thread is free. */
  csvDay(day: StoredDay): Promise<CsvDay> {
    return this.piscina.run(day, { name: 'rangeCsvDay' }) as Promise<CsvDay>;
  }

  /**
   * Writes a range report file on a pool thread, which takes one thread for as long as the
   * file takes (seconds for a month); the days come over the task's port.
   */
  writeRangeReport(task: RangeFileTask): Promise<number | null> {
    return this.piscina.run(task, {
      name: 'rangeReportFile',
      transferList: [task.port],
    }) as Promise<number | null>;
  }

  gauges(): PoolGauges {
    return {
      threads: this.piscina.threads.length,
      busy: Math.min(this.running.size, this.options.threads),
      queued: this.backlog.length,
      maxQueue: this.options.maxQueue,
      saturated: this.saturated,
      waitMs: { p50: this.wait.percentile(50), p99: this.wait.percentile(99) },
      runMs: { p50: this.run.percentile(50), p99: this.run.percentile(99) },
      timeouts: this.timeouts,
      saturations: this.saturations,
      pendingReceipts: this.pendingReceipts,
    };
  }

  /**
   * Interprets one receipt with its document now (a receipt being opened), ahead of the ingest
   * backlog, bounded by the same limit on its own run.
   */
  async interpretOne(item: InterpretItem): Promise<InterpretResult> {
    const out = await this.start([item], true);
    if (out.overdue !== null) throw new DeskFailure('TOO_SLOW', this.tooSlow());
    return out.results[0];
  }

  /**
   * Has each thread collect its garbage: as many collect tasks as threads, run at once, so each
   * idle thread takes one (the heap a thread grew for a burst of big receipts goes back).
   */
  async collectGarbage(): Promise<void> {
    const task: InterpretTask = {
      items: [],
      withDocument: false,
      clock: new ReceiptClock().buffer,
      collect: true,
    };
    await Promise.allSettled(
      Array.from({ length: this.options.threads }, () => this.piscina.run(task)),
    );
  }

  async close(): Promise<void> {
    if (this.watchdog) clearInterval(this.watchdog);
    this.watchdog = null;
    await this.piscina.close({ force: true });
  }

  private cutBatch(): void {
    if (this.forming.length === 0) return;
    const batch = this.forming;
    this.forming = [];
    this.backlog.push(batch);
    this.dispatchWaiting();
  }

  /** Hands waiting batches to free threads; the backlog's length decides saturation. */
  private dispatchWaiting(): void {
    // needsDrain alone is not enough: piscina counts threads that are still starting as free,
    // and the batches handed to it then would bypass the backlog that decides saturation.
    while (
      this.backlog.length > 0 &&
      this.running.size < this.options.threads &&
      !this.piscina.needsDrain
    ) {
      this.dispatch(this.backlog.shift()!);
    }
    if (this.backlog.length >= this.options.maxQueue) this.setSaturated(true);
    else if (this.backlog.length <= this.options.maxQueue / 2) this.setSaturated(false);
  }

  private dispatch(batch: InterpretItem[]): void {
    const submitted = performance.now();
    void this.start(batch, false).then((out) => {
      const failed = out.overdue;
      if (failed === null) {
        this.run.add(out.runMs);
        this.wait.add(Math.max(performance.now() - submitted - out.runMs, 0));
        this.finish(out.results);
        return;
      }
      // Only the receipt that ran past the limit fails; the others of its batch (their results
      // went with the stopped thread) wait for a thread again like any other batch.
      this.timeouts++;
      const rest = batch.filter((_, i) => i !== failed);
      if (rest.length > 0) this.backlog.unshift(rest);
      this.finish([failedResult(batch[failed].id, this.tooSlow())]);
    });
  }

  /**
   * Runs a task on a thread and watches its receipts' clock. Resolves with the results, or with
   * `overdue` set when one receipt ran past the limit (the thread is then stopped and replaced),
   * or with every receipt failed when the worker itself broke.
   */
  private async start(
    batch: InterpretItem[],
    withDocument: boolean,
  ): Promise<{ results: InterpretResult[]; runMs: number; overdue: number | null }> {
    const running: Running = {
      batch,
      clock: new ReceiptClock(),
      controller: new AbortController(),
      overdue: null,
    };
    this.running.add(running);
    this.watch();
    const task: InterpretTask = { items: batch, withDocument, clock: running.clock.buffer };
    try {
      const out = (await this.piscina.run(task, {
        signal: running.controller.signal,
      })) as InterpretTaskResult;
      return { ...out, overdue: null };
    } catch (err) {
      if (running.overdue !== null) return { results: [], runMs: 0, overdue: running.overdue };
      const message = `Interpreter worker failed: ${(err as Error).message}`;
      return {
        results: batch.map((item) => failedResult(item.id, message)),
        runMs: 0,
        overdue: null,
      };
    } finally {
      this.running.delete(running);
    }
  }

  /** Checks the running receipts a few times per limit while any batch runs. */
  private watch(): void {
    if (this.watchdog) return;
    const every = Math.max(5, Math.min(250, this.options.taskTimeoutMs / 4));
    this.watchdog = setInterval(() => {
      for (const r of this.running) {
        if (r.overdue !== null) continue;
        const late = r.clock.overdue(this.options.taskTimeoutMs);
        if (late === null) continue;
        r.overdue = late;
        r.controller.abort();
      }
      if (this.running.size === 0 && this.watchdog) {
        clearInterval(this.watchdog);
        this.watchdog = null;
      }
    }, every);
    this.watchdog.unref();
  }

  private tooSlow(): string {
    return `Interpretation took longer than ${this.options.taskTimeoutMs} ms and was stopped; the raw bytes are kept.`;
  }

  private finish(results: InterpretResult[]): void {
    this.pendingReceipts -= results.length;
    if (results.length > 0) this.options.onResults(results);
    this.dispatchWaiting();
    if (this.pendingReceipts === 0 && this.forming.length === 0) {
      const waiters = this.idleWaiters;
      this.idleWaiters = [];
      for (const w of waiters) w();
    }
  }

  private setSaturated(value: boolean): void {
    if (this.saturated === value) return;
    this.saturated = value;
    if (value) this.saturations++;
    this.options.onSaturation(value);
  }
}
