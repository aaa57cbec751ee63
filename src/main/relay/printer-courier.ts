/**
 * Passes one station's jobs through to its real printer, byte for byte and in order, from the
 * outbox. A job the printer never started (refused, no route) waits and is sent again; a job
 * whose connection broke after bytes went out is left unconfirmed, for the manager to print
 * again with one click, never sent again on its own: a kitchen ticket printed twice is as bad as
 * one lost. Each job is marked sending, committed, before its first byte, so a job the app was
 * stopped in the middle of is found at the next start and left unconfirmed too.
 *
 * While the printer is in use its status is polled (DLE EOT); a change is a desktop notice,
 * and, when the station asks for it, what the station's tills hear when they ask for status.
 */
import type { PassThroughGauges } from '../../shared';
import { printerDestination } from '../../shared';
import { RateCounter } from '../metrics';
import { oldestAgeS, type OutboxQueries, type QueuedRow, type WriterClient } from '../store';
import { nextDelay } from './backoff';
import type { PrinterTarget } from './printer-connect';
import { sendJob } from './printer-link';
import { type PrinterState, stateWords, tillCondition, type TillCondition } from './printer-status';
import { PrinterWatch } from './printer-watch';
import { type Pause, runSteps, Waker } from './waker';

export type { TillCondition } from './printer-status';

export interface PrinterCourierOptions {
  station: string;
  target: PrinterTarget;
  queries: () => OutboxQueries;
  writer: () => WriterClient;
  now: () => number;
  log: (message: string) => void;
  /** The printer's state changed in a way the manager should hear (paper out, back to ready). */
  notify: (words: string, ok: boolean) => void;
  setTillCondition: (condition: TillCondition | null) => void;
  /** Pauses while there is nothing to send (new work cuts them short). */
  idleMs?: number;
  connectTimeoutMs?: number;
  idleTimeoutMs?: number;
  pollIntervalMs?: number;
  random?: () => number;
}

const STOPPED_MID_JOB =
  'Receipt Desk stopped while this job was being sent: it may or may not have printed. Check the printer, then print it again if it is missing.';

export class PrinterCourier {
  readonly target: PrinterTarget;
  private readonly destination: string;
  private readonly waker = new Waker();
  private readonly watch: PrinterWatch;
  private readonly delivered: RateCounter;
  private running: Promise<void> | null = null;
  private failures = 0;
  private sending = 0;
  private abort: AbortController | null = null;
  private lastError: string | null = null;
  private answering = false;
  /** When the printer's state last changed (what the gauge says it is since). */
  private stateSince: number | null = null;

  constructor(private readonly o: PrinterCourierOptions) {
    this.target = o.target;
    this.destination = printerDestination(o.station);
    this.delivered = new RateCounter(o.now);
    this.watch = new PrinterWatch(o.target, { intervalMs: o.pollIntervalMs });
    this.watch.on('change', (state, previous) => this.printerChanged(state, previous));
  }

  async start(): Promise<void> {
    await this.settleInterrupted();
    this.running ??= this.loop();
  }

  async stop(): Promise<void> {
    this.waker.stop();
    // A job under way is cut off: it becomes unconfirmed (its bytes may have printed).
    this.abort?.abort();
    await this.running;
    await this.watch.stop();
  }

  nudge(): void {
    this.waker.nudge();
  }

  /** Answer the station's tills with this printer's status (the station's setting). */
  set answerStatus(on: boolean) {
    if (on === this.answering) return;
    this.answering = on;
    const state = this.watch.state;
    this.o.setTillCondition(on && state ? tillCondition(state) : null);
  }

  gauges(): PassThroughGauges {
    const counts = this.o.queries().counts(this.destination);
    const state = this.watch.state;
    const backlog = counts.backlog + this.sending;
    return {
      station: this.o.station,
      printer: `${this.target.host}:${this.target.port}`,
      state: this.failures === 0 ? 'ok' : 'retrying',
      backlog,
      oldestAgeS: oldestAgeS(counts, this.o.now()),
      deliveredPerMin: this.delivered.perMinute(),
      dead: counts.dead,
      unconfirmed: counts.unconfirmed,
      lastError: this.lastError,
      printerStatus: state
        ? { state: statusKind(state), words: stateWords(state), at: this.stateSince }
        : { state: 'unknown', words: 'Not asked yet', at: null },
    };
  }

  /** Jobs found sending at start: the app stopped mid-job, so they may have printed. */
  private async settleInterrupted(): Promise<void> {
    const rows = this.o.queries().rowsInState('sending', this.destination, 1000);
    if (rows.length === 0) return;
    await this.o.writer().updateOutbox(
      rows.map((r) => ({
        id: r.id,
        state: 'unconfirmed',
        attempts: r.attempts,
        error: STOPPED_MID_JOB,
        at: this.o.now(),
      })),
    );
    this.o.log(`${this.o.station}: ${rows.length} job(s) left unconfirmed by the last stop.`);
  }

  private loop(): Promise<void> {
    const failed = (err: Error) => {
      this.lastError = `Pass-through stopped for a moment: ${err.message}`;
      this.o.log(`${this.o.station}: ${this.lastError}`);
    };
    return runSteps(this.waker, () => this.step(), failed, this.o.idleMs ?? 2_000);
  }

  private async step(): Promise<Pause | null> {
    const [row] = this.o.queries().queued(this.destination, 0, 1);
    if (!row) return { ms: this.o.idleMs ?? 2_000, forWork: true };
    const raw = this.o.queries().payloads([row.receiptId], true).get(row.receiptId)?.raw;
    if (!raw) {
      // Its bytes are gone (retention took the receipt): nothing to print.
      await this.update(row, 'dead', row.attempts, 'The receipt was removed before it printed.');
      return null;
    }
    // Committed before the first byte: a stop in the middle leaves it unconfirmed, not resent.
    await this.update(row, 'sending', row.attempts, null);
    this.sending = 1;
    this.abort = new AbortController();
    let outcome;
    try {
      outcome = await this.watch.during(
        sendJob(this.target, raw, {
          connectTimeoutMs: this.o.connectTimeoutMs ?? 3_000,
          idleTimeoutMs: this.o.idleTimeoutMs ?? 10_000,
          // A printer seen answering status must answer after the job too: its close alone
          // could be a hang-up mid-job that the kernels' buffers hid.
          proof: this.watch.state?.kind === 'answered' ? 'status' : 'status-or-close',
          signal: this.abort.signal,
        }),
      );
    } finally {
      this.sending = 0;
      this.abort = null;
    }
    const attempts = row.attempts + 1;
    if (outcome.outcome === 'printed') {
      if (outcome.status) this.watch.observe({ kind: 'answered', status: outcome.status });
      await this.update(row, 'delivered', attempts, null);
      this.delivered.add();
      this.failures = 0;
      this.lastError = null;
      return null;
    }
    if (outcome.outcome === 'unconfirmed') {
      await this.update(row, 'unconfirmed', attempts, outcome.reason);
      this.lastError = outcome.reason;
      this.o.log(`${this.o.station}: receipt ${row.receiptId} unconfirmed: ${outcome.reason}`);
      this.o.notify(
        `A job may not have printed on ${this.o.station}'s printer. Check it, and print it again from Receipt Desk if it is missing.`,
        false,
      );
      return null;
    }
    // Never started: back in the queue, in its place, after a backoff.
    await this.update(row, 'queued', attempts, outcome.reason);
    this.failures++;
    this.lastError = outcome.reason;
    return {
      ms: nextDelay(this.failures - 1, null, { random: this.o.random, capMs: 60_000 }),
      forWork: false,
    };
  }

  private update(
    row: QueuedRow,
    state: 'queued' | 'sending' | 'delivered' | 'dead' | 'unconfirmed',
    attempts: number,
    error: string | null,
  ): Promise<number> {
    return this.o.writer().updateOutbox([{ id: row.id, state, attempts, error, at: this.o.now() }]);
  }

  private printerChanged(state: PrinterState, previous: PrinterState | null): void {
    const condition = tillCondition(state);
    this.stateSince = this.o.now();
    if (condition === 'online' && this.failures > 0) {
      this.failures = 0;
      this.waker.wake();
    }
    this.o.setTillCondition(this.answering ? condition : null);
    // The first state is news only when it is a problem; afterwards every change is.
    if (previous === null && condition === 'online') return;
    this.o.notify(`${this.o.station}'s printer: ${stateWords(state)}`, condition === 'online');
  }
}

function statusKind(state: PrinterState): PassThroughGauges['printerStatus']['state'] {
  if (state.kind === 'unreachable') return 'unreachable';
  if (state.kind === 'no-answer') return 'offline';
  const s = state.status;
  if (s.coverOpen) return 'cover-open';
  if (s.paperOut) return 'paper-out';
  if (!s.online || s.error) return 'offline';
  return s.paperNearEnd ? 'paper-near-end' : 'ready';
}
