/**
 * Sends the outbox's cloud rows to the restaurant's endpoint, one batch at a time (so a later
 * receipt is never stored before an earlier one), in outbox order. A receipt goes once its text
 * and sales figures are stored. A row is delivered only when a 2xx lists its id; 408, 429, 5xx
 * and network failures are retried after a full-jitter backoff (Retry-After as a floor), other
 * refusals count towards giving the row up as dead, with the reason. A circuit breaker stops
 * hammering an endpoint that keeps failing and lets one probe through now and then.
 */
import type { CloudRelaySettings, RelayGauges, RelayReceipt } from '../../shared';
import { CLOUD_DESTINATION, type ReceiptFigures, type RedactionRule } from '../../shared';
import { RateCounter } from '../metrics';
import {
  oldestAgeS,
  type OutboxQueries,
  type OutboxUpdate,
  type QueuedRow,
  type WriterClient,
} from '../store';
import { nextDelay } from './backoff';
import { type BatchEnvelope, cutBatches, type OutgoingReceipt } from './batches';
import { CircuitBreaker } from './circuit-breaker';
import { postBatch, type PostOutcome } from './cloud-client';
import {
  compileRedaction,
  type CompiledRedaction,
  figuresNeedNoMasking,
  redactReceipt,
} from './redact';

import { type Pause, runSteps, Waker } from './waker';

export interface RelayCredentials {
  token: string | null;
  secret: string | null;
}

export interface CloudCourierOptions {
  queries: () => OutboxQueries;
  writer: () => WriterClient;
  settings: () => CloudRelaySettings;
  /** What every batch says of the store besides its receipts (time zone, day start, …). */
  envelope: () => Omit<BatchEnvelope, 'storeId'>;
  credentials: () => Promise<RelayCredentials>;
  businessDayOf: (receivedAt: number) => string;
  now: () => number;
  log: (message: string) => void;
  /** Waits while there is nothing to send (new work cuts it short). */
  idleMs?: number;
  /** Waits for a receipt's figures when their saving is not told (see figuresSaved). */
  figuresWaitMs?: number;
  /**
   * The tills are printing right now. The relay then gives way: a pause after each batch, so
   * a backlog drains at one batch a second during a rush (25 receipts by default, far more
   * than tills print) instead of taking the main thread, the disk and the cores from the
   * receipts coming in.
   */
  tillsBusy?: () => boolean;
  random?: () => number;
}

/** A request body and the outbox rows it carries. */
interface Prepared {
  body: string;
  rows: QueuedRow[];
}

/**
 * The pause after each batch while the tills print (see tillsBusy). With 200 ms the relay's
 * sending (its own work, the HTTP exchange, the marks) cost the capture bench's stream a few
 * percent while a backlog drained; see BENCHMARKS.md.
 */
const BUSY_PAUSE_MS = 1_000;

/** A receipt whose figures are this late is sent without them (and the log says so). */
const FIGURES_WAIT_MS = 10 * 60_000;

export class CloudCourier {
  private readonly waker = new Waker();
  private breaker: CircuitBreaker;
  private readonly delivered: RateCounter;
  private failures = 0;
  private lastError: string | null = null;
  private running: Promise<void> | null = null;
  private redaction: { rules: readonly RedactionRule[]; compiled: CompiledRedaction } | null = null;
  /**
   * Outbox rows up to this id were accepted; their marks may still be on their way to the disk
   * (`recording`), so the next batch is read after it. A crash before the marks commit sends
   * them again, which the endpoint answers as already stored.
   */
  private sentUpTo = 0;
  private recording: Promise<void> = Promise.resolve();
  /** The next receipt to send waits for its figures; only their saving ends the wait early. */
  private waitingForFigures = false;
  /** The next batch, made ready while the one before it was out. */
  private ahead: { settings: CloudRelaySettings; firstId: number; batch: Prepared } | null = null;

  constructor(private readonly o: CloudCourierOptions) {
    this.delivered = new RateCounter(o.now);
    this.breaker = this.newBreaker();
  }

  start(): void {
    this.running ??= this.loop();
  }

  /**
   * Stops after the request in flight (its own timeout bounds it). Delivered marks still on
   * their way are not waited for: they are with the writer, which commits them before the file
   * closes (and a crash before that only sends them again).
   */
  async stop(): Promise<void> {
    this.waker.stop();
    await this.running;
  }

  /** New receipts: look for work now, unless waiting for a receipt's figures (see step). */
  nudge(): void {
    this.waker.nudge();
  }

  /** Sales figures were stored: the receipt the relay waits for may be ready now. */
  figuresSaved(): void {
    if (!this.waitingForFigures) return;
    this.waitingForFigures = false;
    this.waker.wake();
  }

  /** The manager changed the address or asked to try again: forget past failures. */
  reset(): void {
    this.breaker = this.newBreaker();
    this.ahead = null;
    this.failures = 0;
    this.lastError = null;
    this.waker.nudge();
  }

  gauges(): RelayGauges {
    const s = this.o.settings();
    const counts = this.o.queries().counts(CLOUD_DESTINATION);
    const on = s.enabled && s.url !== '' && s.storeId !== '';
    // Retrying says a receipt waits for its next try. Once the failed batch was given up
    // (refused for good) nothing does: the refusal stays in the last error and the dead count.
    // An open circuit stays open: the next receipt waits for its probe.
    const state = !on
      ? 'disabled'
      : this.breaker.state === 'retrying' && counts.backlog === 0
        ? 'ok'
        : this.breaker.state;
    return {
      state,
      backlog: counts.backlog,
      oldestAgeS: oldestAgeS(counts, this.o.now()),
      deliveredPerMin: this.delivered.perMinute(),
      dead: counts.dead,
      lastError: on ? this.lastError : null,
    };
  }

  private loop(): Promise<void> {
    // The store closing under us, or a bug: said once per failure, tried again later.
    const failed = (err: Error) => {
      this.lastError = `Relay stopped for a moment: ${err.message}`;
      this.o.log(this.lastError);
    };
    return runSteps(this.waker, () => this.step(), failed, this.o.idleMs ?? 2_000);
  }

  /** One batch sent (or nothing to do); returns how long to pause before the next. */
  private async step(): Promise<Pause | null> {
    const idleMs = this.o.idleMs ?? 2_000;
    const s = this.o.settings();
    if (!s.enabled || s.url === '' || s.storeId === '') return { ms: idleMs, forWork: true };
    let { rows, waiting } = this.readyRows(s.batchReceipts);
    if (rows.length === 0 && !waiting && this.sentUpTo > 0) {
      // Caught up: once the marks are written, read from the start again (a receipt the
      // manager sent again sits before the cursor).
      await this.recording;
      this.sentUpTo = 0;
      ({ rows, waiting } = this.readyRows(s.batchReceipts));
    }
    // The next receipt's figures are being read. The receipts printed meanwhile come after it,
    // so they do not end the wait (during a rush that read the outbox once per receipt): the
    // figures' saving does, or a second.
    this.waitingForFigures = rows.length === 0 && waiting;
    if (this.waitingForFigures) return { ms: this.o.figuresWaitMs ?? 1_000, forWork: false };
    if (rows.length === 0) return { ms: idleMs, forWork: true };
    const { token, secret } = await this.o.credentials();
    if (!token || !secret) {
      this.lastError =
        'The relay token and signing secret are not set: enter them in Settings › Cloud relay.';
      return { ms: idleMs, forWork: true };
    }
    if (this.breaker.msUntilAllowed() > 0) {
      return { ms: this.breaker.msUntilAllowed(), forWork: false };
    }
    const ahead = this.ahead;
    this.ahead = null;
    const batch =
      ahead?.settings === s && ahead.firstId === rows[0].id
        ? ahead.batch
        : await this.prepare(rows, s);
    if (!batch) return null; // only receipts too large to send: marked dead, nothing went out
    if (!this.breaker.tryAcquire()) {
      return { ms: Math.max(250, this.breaker.msUntilAllowed()), forWork: false };
    }
    let outcome: PostOutcome;
    let next: { firstId: number; batch: Prepared | null } | null = null;
    try {
      const posting = postBatch({
        url: s.url,
        token,
        secret,
        body: batch.body,
        timeoutMs: s.requestTimeoutS * 1000,
      });
      // While the request is out, the next batch is made ready (its reading and JSON run
      // while this thread would only wait for the answer); still one batch in flight. First
      // the request is let go: made ready at once, the next batch held this one back.
      await new Promise((resolve) => setTimeout(resolve, 1));
      const last = batch.rows[batch.rows.length - 1].id;
      const following = this.readyRows(s.batchReceipts, last).rows;
      if (following.length > 0) {
        next = { firstId: following[0].id, batch: await this.prepare(following, s) };
      }
      outcome = await posting;
    } catch (err) {
      this.breaker.recordFailure();
      throw err;
    }
    if (outcome.kind === 'accepted') this.breaker.recordSuccess();
    else this.breaker.recordFailure();
    const accepted = outcome.kind === 'accepted' ? new Set(outcome.ids) : null;
    const complete =
      accepted !== null && batch.rows.every((r) => accepted.has(this.cloudId(s.storeId, r)));
    if (complete) {
      // Marked delivered in the background (the marks ride along with the next receipts'
      // commit); the next batch goes at once.
      this.sentUpTo = batch.rows[batch.rows.length - 1].id;
      if (next?.batch) this.ahead = { settings: s, firstId: next.firstId, batch: next.batch };
      const marking = this.record(batch.rows, outcome, s).catch((err: Error) => {
        this.o.log(`Relay: delivered receipts not marked yet (${err.message}); sent again.`);
        this.sentUpTo = 0;
      });
      this.recording = Promise.all([this.recording, marking]).then(() => undefined);
      return this.o.tillsBusy?.() ? { ms: BUSY_PAUSE_MS, forWork: false } : null;
    }
    await this.recording;
    await this.record(batch.rows, outcome, s);
    if (outcome.kind === 'accepted' && this.failures === 0) return null;
    const retryAfter = outcome.kind === 'retry' ? outcome.retryAfterMs : null;
    // An open circuit waits its own cool-down (a probe then); otherwise the backoff, whose
    // growth the circuit bounds: after an outage the desk is back within one cool-down.
    const backoff =
      this.breaker.state === 'circuit-open'
        ? Math.max(this.breaker.msUntilAllowed(), retryAfter ?? 0)
        : nextDelay(this.failures - 1, retryAfter, {
            random: this.o.random,
            capMs: s.retryCapS * 1000,
          });
    return { ms: backoff, forWork: false };
  }

  private newBreaker(): CircuitBreaker {
    const coolDownMs = this.o.settings().circuitCoolDownS * 1000;
    return new CircuitBreaker({
      coolDownMs,
      maxCoolDownMs: Math.min(10 * 60_000, Math.max(coolDownMs, coolDownMs * 20)),
    });
  }

  /**
   * The first rows still to send whose receipts are ready: read, with their figures (or failed
   * to read, or waiting for figures too long). A row not ready stops the batch there: order.
   */
  private readyRows(limit: number, after = this.sentUpTo): { rows: QueuedRow[]; waiting: boolean } {
    const rows = this.o.queries().queued(CLOUD_DESTINATION, after, limit);
    const now = this.o.now();
    let ready = 0;
    while (ready < rows.length) {
      const r = rows[ready];
      const waited = now - r.receivedAt > FIGURES_WAIT_MS;
      const isReady = r.status === 'failed' || (r.status === 'ok' && (r.hasFigures || waited));
      if (!isReady) break;
      ready++;
    }
    return { rows: rows.slice(0, ready), waiting: ready < rows.length };
  }

  /**
   * The next request body from these rows, masked; receipts too large for any request are
   * marked dead here. Null when nothing is left to send.
   */
  private async prepare(rows: QueuedRow[], s: CloudRelaySettings): Promise<Prepared | null> {
    const payloads = this.o.queries().payloads(
      rows.map((r) => r.receiptId),
      s.includeRaw,
    );
    const redaction = this.compiled(s.redactions);
    const byCloudId = new Map<string, QueuedRow>();
    const receipts: OutgoingReceipt[] = [];
    let slice = performance.now();
    for (const row of rows) {
      // A batch is made ready in slices of about a millisecond, the tills' receipts between
      // them: made in one go it held the main thread 4-7 ms at a time.
      if (performance.now() - slice > 1) {
        await new Promise((resolve) => setImmediate(resolve));
        slice = performance.now();
      }
      const p = payloads.get(row.receiptId);
      const id = this.cloudId(s.storeId, row);
      byCloudId.set(id, row);
      // Figures with nothing to mask go as they were stored, not parsed and written again.
      const asStored = p?.figures && figuresNeedNoMasking(p.figures, redaction) ? p.figures : null;
      const receipt: RelayReceipt = {
        id,
        seq: row.id,
        station: row.station,
        receivedAt: row.receivedAt,
        businessDay: this.o.businessDayOf(row.receivedAt),
        text: p?.text ?? '',
        figures: p?.figures && !asStored ? (JSON.parse(p.figures) as ReceiptFigures) : null,
        drawerKicks: p?.drawerKicks ?? 0,
      };
      if (s.includeRaw && p?.raw) receipt.raw = p.raw.toString('base64');
      const masked = redactReceipt(receipt, redaction);
      receipts.push(asStored ? { ...masked, figuresJson: asStored } : masked);
    }
    const cut = cutBatches(
      receipts,
      { ...this.o.envelope(), storeId: s.storeId },
      { maxReceipts: s.batchReceipts, maxBytes: s.batchKiB * 1024 },
    );
    if (cut.tooLarge.length > 0) {
      const at = this.o.now();
      await this.o.writer().updateOutbox(
        cut.tooLarge.map((t) => {
          const row = byCloudId.get(t.id)!;
          return { id: row.id, state: 'dead', attempts: row.attempts, error: t.reason, at };
        }),
      );
    }
    const batch = cut.batches[0];
    if (!batch) return null;
    return { body: batch.body, rows: batch.receiptIds.map((id) => byCloudId.get(id)!) };
  }

  /** The receipt's id at the endpoint: the store, this receipts file, the receipt. */
  private cloudId(storeId: string, row: QueuedRow): string {
    return `${storeId}.${this.o.queries().installId()}.${row.receiptId}`;
  }

  /** Writes what became of each row of the batch; counts failures for the backoff. */
  private async record(rows: QueuedRow[], outcome: PostOutcome, s: CloudRelaySettings) {
    const deadAfter = s.deadAfterAttempts;
    const at = this.o.now();
    const updates: OutboxUpdate[] = [];
    if (outcome.kind === 'accepted') {
      const accepted = new Set(outcome.ids);
      let missing = 0;
      for (const row of rows) {
        if (accepted.has(this.cloudId(s.storeId, row))) {
          updates.push({
            id: row.id,
            state: 'delivered',
            attempts: row.attempts + 1,
            error: null,
            at,
          });
        } else {
          missing++;
          updates.push(
            failed(row, 'The endpoint answered but did not list this receipt as stored.'),
          );
        }
      }
      this.delivered.add(rows.length - missing);
      this.failures = missing > 0 ? this.failures + 1 : 0;
      this.lastError = missing > 0 ? `The endpoint did not confirm ${missing} receipts.` : null;
    } else {
      this.failures++;
      this.lastError = outcome.reason;
      for (const row of rows) updates.push(failed(row, outcome.reason));
    }
    // Delivered marks may be lost in a crash (the receipts go again and the endpoint answers
    // "already stored"), so they need no commit of their own; a failure's must be kept.
    const lazy = updates.every((u) => u.state === 'delivered');
    await this.o.writer().updateOutbox(updates, { lazy });

    function failed(row: QueuedRow, reason: string): OutboxUpdate {
      const attempts = row.attempts + 1;
      // Only a refusal gives a receipt up; an endpoint that is down is waited for, however long.
      const dead = outcome.kind !== 'retry' && attempts >= deadAfter;
      return { id: row.id, state: dead ? 'dead' : 'queued', attempts, error: reason, at };
    }
  }

  private compiled(rules: readonly RedactionRule[]): CompiledRedaction {
    if (this.redaction?.rules !== rules) {
      this.redaction = { rules, compiled: compileRedaction(rules) };
    }
    return this.redaction.compiled;
  }
}
