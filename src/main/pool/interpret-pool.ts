import { Piscina } from 'piscina';
import { SampleWindow } from '../metrics';
import type { InterpretItem, InterpretResult, InterpretTask, InterpretTaskResult } from './task';

export interface InterpretPoolOptions {
  /** The built worker file (pool-worker.js next to the entry that starts the service). */
  workerFile: string;
  threads: number;
  /** Batches allowed to wait for a thread before the pool calls itself saturated. */
  maxQueue: number;
  batchSize: number;
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

export class InterpretPool {
  private readonly piscina: Piscina;
  private forming: InterpretItem[] = [];
  private formingScheduled = false;
  /** Batches waiting for room in the pool (only while saturated). */
  private backlog: InterpretItem[][] = [];
  private inFlight = 0;
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
      // We bound the queue ourselves (maxInFlight) so that backpressure is explicit.
      maxQueue: options.threads + options.maxQueue + 1,
      idleTimeout: Number.MAX_SAFE_INTEGER,
      execArgv: WORKER_EXEC_ARGV,
    });
  }

  private get maxInFlight(): number {
    return this.options.threads + this.options.maxQueue;
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

  /** Resolves once every submitted receipt has come back. */
  idle(): Promise<void> {
    if (this.pendingReceipts === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  gauges(): PoolGauges {
    return {
      threads: this.piscina.threads.length,
      busy: Math.min(this.inFlight, this.options.threads),
      queued: Math.max(this.inFlight - this.options.threads, 0) + this.backlog.length,
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
   * Interprets one receipt with its document now (a receipt being opened), outside the ingest
   * batches and their backpressure, bounded by the same task timeout.
   */
  async interpretOne(item: InterpretItem): Promise<InterpretResult> {
    const task: InterpretTask = {
      items: [item],
      withDocument: true,
    };
    const out = (await this.piscina.run(task, {
      signal: AbortSignal.timeout(this.options.taskTimeoutMs),
    })) as InterpretTaskResult;
    return out.results[0];
  }

  /**
   * Has each thread collect its garbage: as many collect tasks as threads, run at once, so each
   * idle thread takes one (the heap a thread grew for a burst of big receipts goes back).
   */
  async collectGarbage(): Promise<void> {
    const task: InterpretTask = { items: [], withDocument: false, collect: true };
    await Promise.allSettled(
      Array.from({ length: this.options.threads }, () => this.piscina.run(task)),
    );
  }

  async close(): Promise<void> {
    await this.piscina.close({ force: true });
  }

  private cutBatch(): void {
    if (this.forming.length === 0) return;
    const batch = this.forming;
    this.forming = [];
    if (this.inFlight < this.maxInFlight) this.dispatch(batch, this.options.taskTimeoutMs);
    else {
      this.backlog.push(batch);
      this.setSaturated(true);
    }
  }

  private dispatch(batch: InterpretItem[], timeoutMs: number): void {
    this.inFlight++;
    if (this.inFlight >= this.maxInFlight) this.setSaturated(true);
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    const submitted = performance.now();
    const task: InterpretTask = {
      items: batch,
      withDocument: false,
    };
    (this.piscina.run(task, { signal: controller.signal }) as Promise<InterpretTaskResult>).then(
      (out) => {
        clearTimeout(timer);
        const total = performance.now() - submitted;
        this.run.add(out.runMs);
        this.wait.add(Math.max(total - out.runMs, 0));
        this.finish(out.results);
      },
      (err: unknown) => {
        clearTimeout(timer);
        if (controller.signal.aborted && batch.length > 1) {
          // Find the receipt that is too slow: retry each one alone, so only it fails.
          this.inFlight--;
          for (const item of batch) this.dispatch([item], timeoutMs);
          return;
        }
        if (controller.signal.aborted) this.timeouts++;
        const message = controller.signal.aborted
          ? `Interpretation took longer than ${timeoutMs} ms and was stopped; the raw bytes are kept.`
          : `Interpreter worker failed: ${(err as Error).message}`;
        this.finish(
          batch.map((item) => ({
            id: item.id,
            ok: false,
            text: null,
            textBytes: null,
            document: null,
            warnings: 0,
            empty: false,
            dialect: null,
            drawerKicks: 0,
            cuts: 0,
            error: message,
          })),
        );
      },
    );
  }

  private finish(results: InterpretResult[]): void {
    this.inFlight--;
    this.pendingReceipts -= results.length;
    if (results.length > 0) this.options.onResults(results);
    while (this.backlog.length > 0 && this.inFlight < this.maxInFlight) {
      this.dispatch(this.backlog.shift()!, this.options.taskTimeoutMs);
    }
    if (this.backlog.length === 0 && this.inFlight < this.maxInFlight) this.setSaturated(false);
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
