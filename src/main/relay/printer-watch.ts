/**
 * Watches one downstream printer while the relay uses it: asks its status every few seconds,
 * never two polls at once, keeps the last state and tells listeners only when what the manager
 * sees changes, so a desktop notification fires once per change ("Out of paper", then "Ready").
 */
import { EventEmitter } from 'node:events';
import type { PrinterTarget } from './printer-connect';
import { pollStatus, type PrinterState, sameState, tillCondition } from './printer-status';

export interface PrinterWatchOptions {
  /** From the start of one poll to the start of the next (default 5 s). */
  intervalMs?: number;
  /** One poll's limit, connecting included (default 2 s). */
  timeoutMs?: number;
  /** Polling stops this long after the printer was last used (default 60 s); see tick(). */
  quietMs?: number;
  now?: () => number;
}

export interface PrinterWatchEvents {
  /** What the manager sees changed; `previous` is null for the first state known. */
  change: [state: PrinterState, previous: PrinterState | null];
  /** Polling stopped: the printer was not used for quietMs and can print. */
  quiet: [];
}

export class PrinterWatch extends EventEmitter<PrinterWatchEvents> {
  private readonly intervalMs: number;
  private readonly timeoutMs: number;
  private readonly quietMs: number;
  private readonly now: () => number;
  private last: PrinterState | null = null;
  private lastUse = -Infinity;
  private lastPoll = -Infinity;
  private timer: NodeJS.Timeout | null = null;
  private polling: Promise<void> | null = null;
  private abort: AbortController | null = null;
  private jobs = 0;
  private stopped = false;

  constructor(
    readonly target: PrinterTarget,
    options: PrinterWatchOptions = {},
  ) {
    super();
    this.intervalMs = options.intervalMs ?? 5000;
    this.timeoutMs = options.timeoutMs ?? 2000;
    this.quietMs = options.quietMs ?? 60_000;
    this.now = options.now ?? Date.now;
  }

  /** The last state seen (by a poll or observe), or null before the first. */
  get state(): PrinterState | null {
    return this.last;
  }

  /** Polling now, or between two polls. */
  get watching(): boolean {
    return this.timer !== null || this.polling !== null;
  }

  /** The relay is using the printer: watch it (first poll at once) until it has been quiet. */
  use(): void {
    if (this.stopped) return;
    this.lastUse = this.now();
    if (!this.watching) this.schedule(0);
  }

  /**
   * A job is being sent to the printer: no poll starts until it has ended. A printer serves one
   * connection at a time, so a poll would wait behind the job and be taken for no answer.
   */
  during<T>(job: Promise<T>): Promise<T> {
    this.use();
    this.jobs++;
    const ended = (): void => {
      this.jobs--;
      this.lastUse = this.now();
    };
    job.then(ended, ended);
    return job;
  }

  /** A state learned another way (the status read right after a job): kept as a poll's is. */
  observe(state: PrinterState): void {
    if (!this.stopped) this.record(state);
  }

  /** Stops polling; a poll under way is cancelled and its connection closed before this resolves. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.abort?.abort();
    await this.polling;
  }

  private schedule(ms: number): void {
    this.timer = setTimeout(() => {
      this.timer = null;
      this.tick();
    }, ms);
    this.timer.unref();
  }

  /**
   * One turn: poll, unless a job is on the wire (then look again next interval), or the printer
   * has been quiet long enough since it was last used and then polled. A printer that cannot print is watched on, used or not: a till
   * told "paper out" holds its jobs, so the relay would never use the printer again and the
   * manager would never see it come back.
   */
  private tick(): void {
    if (this.stopped) return;
    const canPrint = this.last !== null && tillCondition(this.last) === 'online';
    const quiet = this.lastPoll >= this.lastUse && this.now() - this.lastUse >= this.quietMs;
    if (this.jobs === 0 && canPrint && quiet) {
      this.emit('quiet');
      return;
    }
    if (this.jobs > 0) {
      this.schedule(this.intervalMs);
      return;
    }
    const started = this.now();
    this.lastPoll = started;
    const abort = new AbortController();
    this.abort = abort;
    this.polling = pollStatus(this.target, {
      timeoutMs: this.timeoutMs,
      signal: abort.signal,
    }).then((state) => {
      this.polling = null;
      this.abort = null;
      if (this.stopped) return;
      this.schedule(Math.max(0, this.intervalMs - (this.now() - started)));
      this.record(state);
    });
  }

  private record(state: PrinterState): void {
    const previous = this.last;
    this.last = state;
    if (!sameState(previous, state)) this.emit('change', state, previous);
  }
}
