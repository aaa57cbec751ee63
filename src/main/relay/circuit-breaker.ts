/**
 * The relay's circuit breaker: after a run of failures it stops sending to a dead endpoint, and
 * after a cool-down lets exactly one probe through to see whether it is back. Durations come from
 * a monotonic clock, so a wall-clock change (NTP, daylight saving, the manager setting the time)
 * neither holds the circuit open for a day nor lets it spin.
 */
import { performance } from 'node:perf_hooks';

/** What the gauge shows for a destination (the consumer adds 'disabled' when it is off). */
export type LinkState = 'ok' | 'retrying' | 'circuit-open';

export const CIRCUIT_FAILURE_THRESHOLD = 5;
export const CIRCUIT_COOL_DOWN_MS = 30_000;
export const CIRCUIT_MAX_COOL_DOWN_MS = 10 * 60_000;

export interface CircuitBreakerOptions {
  /** Consecutive failures that open the circuit. */
  failureThreshold?: number;
  /** The first cool-down; each failed probe doubles it, up to maxCoolDownMs. */
  coolDownMs?: number;
  maxCoolDownMs?: number;
  /** Milliseconds from a monotonic clock; performance.now by default. Never Date.now. */
  now?: () => number;
}

export interface CircuitSnapshot {
  state: LinkState;
  consecutiveFailures: number;
  /** The cool-down the circuit waits (or will wait) while open. */
  coolDownMs: number;
  /** 0 when a request may go now. */
  msUntilAllowed: number;
}

type Phase = 'closed' | 'open' | 'half-open';

/**
 * Every request the breaker allows must be reported once, with recordSuccess or recordFailure;
 * the cloud client's own timeout makes sure each request ends. The half-open probe in particular
 * holds the circuit until it is reported.
 */
export class CircuitBreaker {
  private readonly threshold: number;
  private readonly baseCoolDown: number;
  private readonly maxCoolDown: number;
  private readonly now: () => number;
  private phase: Phase = 'closed';
  private failures = 0;
  private coolDown: number;
  private openedAt = 0;

  constructor(o: CircuitBreakerOptions = {}) {
    this.threshold = Math.max(1, Math.floor(o.failureThreshold ?? CIRCUIT_FAILURE_THRESHOLD));
    this.baseCoolDown = Math.max(0, o.coolDownMs ?? CIRCUIT_COOL_DOWN_MS);
    this.maxCoolDown = Math.max(this.baseCoolDown, o.maxCoolDownMs ?? CIRCUIT_MAX_COOL_DOWN_MS);
    this.now = o.now ?? (() => performance.now());
    this.coolDown = this.baseCoolDown;
  }

  /**
   * Whether a request may go now. Closed: always. Open: no, until the cool-down has passed; then
   * this call turns the circuit half-open and returns true once, for the probe. Half-open: no,
   * while the probe is out.
   */
  tryAcquire(): boolean {
    if (this.phase === 'closed') return true;
    if (this.phase === 'half-open') return false;
    if (this.remaining() > 0) return false;
    this.phase = 'half-open';
    return true;
  }

  recordSuccess(): void {
    this.phase = 'closed';
    this.failures = 0;
    this.coolDown = this.baseCoolDown;
  }

  recordFailure(): void {
    this.failures += 1;
    if (this.phase === 'half-open') {
      this.coolDown = Math.min(this.maxCoolDown, this.coolDown * 2);
      this.open();
    } else if (this.phase === 'closed' && this.failures >= this.threshold) {
      this.coolDown = this.baseCoolDown;
      this.open();
    }
  }

  /** Closed and counting nothing, as after a change of URL or the manager's "retry now". */
  reset(): void {
    this.recordSuccess();
  }

  /**
   * Milliseconds until tryAcquire can return true: 0 when closed or when the cool-down is over;
   * while the probe is out, the current cool-down (a time to look again; the probe's answer will
   * decide first).
   */
  msUntilAllowed(): number {
    if (this.phase === 'closed') return 0;
    if (this.phase === 'half-open') return this.coolDown;
    return this.remaining();
  }

  get state(): LinkState {
    if (this.phase !== 'closed') return 'circuit-open';
    return this.failures === 0 ? 'ok' : 'retrying';
  }

  snapshot(): CircuitSnapshot {
    return {
      state: this.state,
      consecutiveFailures: this.failures,
      coolDownMs: this.coolDown,
      msUntilAllowed: this.msUntilAllowed(),
    };
  }

  private open(): void {
    this.phase = 'open';
    this.openedAt = this.now();
  }

  private remaining(): number {
    const now = this.now();
    const elapsed = now - this.openedAt;
    if (elapsed < 0) {
      // Only an injected clock that is not monotonic goes back; start the cool-down again from
      // now rather than wait for the clock to catch up with where it was.
      this.openedAt = now;
      return this.coolDown;
    }
    return Math.max(0, this.coolDown - elapsed);
  }
}
