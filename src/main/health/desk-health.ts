/**
 * What /api/health and the System screen say about the desk, and the faults behind it: a write
 * that failed, a full disk (during which the printer ports answer "out of paper"), tills turned
 * away, a printer port that is not listening. Each problem is a sentence that says what to do.
 */
import type { Health, HealthProblem } from '../../shared';
import { DeskFailure } from '../../shared';
import type { CaptureService } from '../capture';
import type { Store } from '../store';

export interface DeskHealthOptions {
  capture: CaptureService;
  /** The store once open. */
  store: () => Store;
  now: () => number;
  log: (message: string) => void;
  /** Told each fault as it happens (the desktop app's notices). */
  notify: (problem: DeskFailure) => void;
}

export class DeskHealth {
  private readonly startedAt: number;
  private lastWriteError: DeskFailure | null = null;
  /** When the disk last filled up, and the refusals counted then (for the log line after). */
  private diskFull: { since: number; refusedBefore: number } | null = null;

  constructor(private readonly o: DeskHealthOptions) {
    this.startedAt = o.now();
  }

  /** A write the store could not make. */
  writeFailed(err: DeskFailure): void {
    this.lastWriteError = err;
    this.o.notify(err);
    this.o.log(`${err.code}: ${err.message}`);
  }

  /** A receipt was committed: the last write failure is over (unless the disk still is full). */
  receiptStored(): void {
    if (!this.o.store().writer.diskFull) this.lastWriteError = null;
  }

  /** Tills were turned away (at most once a minute, from capture). */
  refusing(problem: HealthProblem): void {
    this.o.notify(new DeskFailure('CONNECTIONS_REFUSED', problem.message));
  }

  /**
   * The disk filled up (failure) or has room again (null). While full the printer ports answer
   * "out of paper", so a till that checks holds its job; health shows DISK_FULL.
   */
  diskFullChanged(failure: DeskFailure | null): void {
    const refusedNow = this.o.store().writer.diskGauges().refusedWhileFull;
    if (failure) {
      this.diskFull = { since: this.o.now(), refusedBefore: refusedNow };
      this.writeFailed(failure);
      this.o.capture.setPrinterCondition('paper-out', 'the disk is full');
      return;
    }
    if (this.lastWriteError?.code === 'DISK_FULL') this.lastWriteError = null;
    const seconds = Math.round((this.o.now() - (this.diskFull?.since ?? this.o.now())) / 1000);
    const refused = refusedNow - (this.diskFull?.refusedBefore ?? 0);
    this.diskFull = null;
    this.o.log(
      `The disk has room again after ${seconds} s; receipts refused meanwhile: ${refused} (their tills were told the job failed).`,
    );
    this.o.capture.setPrinterCondition('online', 'the disk has room again');
  }

  health(): Health {
    const store = this.o.store();
    const ports = this.o.capture.listeners();
    const last = store.queries.lastReceiptAt(ports.map((l) => l.station));
    const listeners = ports.map((l) => ({ ...l, lastReceiptAt: last.get(l.station) ?? null }));
    const first = listeners[0];
    const dbOk = store.healthy() && this.lastWriteError === null;
    const problems: HealthProblem[] = [];
    if (!dbOk) {
      problems.push(
        this.lastWriteError
          ? { code: this.lastWriteError.code, message: this.lastWriteError.message }
          : { code: 'DB_UNHEALTHY', message: 'The receipts file cannot be read. Check the disk.' },
      );
    }
    const refusing = this.o.capture.refusalProblem();
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
      uptimeS: Math.round((this.o.now() - this.startedAt) / 1000),
    };
  }
}
