import { afterEach, describe, expect, it, vi } from 'vitest';
import { CircuitBreaker } from './circuit-breaker';

/** A monotonic clock the test moves by hand. */
function manualClock(start = 1000) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms), set: (ms: number) => (t = ms) };
}

function failTimes(b: CircuitBreaker, n: number) {
  for (let i = 0; i < n; i++) {
    expect(b.tryAcquire()).toBe(true);
    b.recordFailure();
  }
}

describe('CircuitBreaker', () => {
  it('is ok, then retrying, then open after five failures in a row', () => {
    const clock = manualClock();
    const b = new CircuitBreaker({ now: clock.now });
    expect(b.state).toBe('ok');
    failTimes(b, 4);
    expect(b.state).toBe('retrying');
    expect(b.tryAcquire()).toBe(true);
    b.recordFailure();
    expect(b.state).toBe('circuit-open');
    expect(b.tryAcquire()).toBe(false);
    expect(b.msUntilAllowed()).toBe(30_000);
  });

  it('forgets earlier failures after a success', () => {
    const b = new CircuitBreaker({ now: manualClock().now });
    failTimes(b, 4);
    b.recordSuccess();
    expect(b.state).toBe('ok');
    failTimes(b, 4);
    expect(b.state).toBe('retrying');
    expect(b.tryAcquire()).toBe(true);
  });

  it('lets exactly one probe through after the cool-down, and closes when it succeeds', () => {
    const clock = manualClock();
    const b = new CircuitBreaker({ now: clock.now, failureThreshold: 2, coolDownMs: 1000 });
    failTimes(b, 2);
    clock.advance(999);
    expect(b.tryAcquire()).toBe(false);
    expect(b.msUntilAllowed()).toBe(1);
    clock.advance(1);
    expect(b.tryAcquire()).toBe(true);
    expect(b.tryAcquire()).toBe(false);
    clock.advance(60_000);
    expect(b.tryAcquire()).toBe(false);
    expect(b.state).toBe('circuit-open');
    b.recordSuccess();
    expect(b.snapshot()).toEqual({
      state: 'ok',
      consecutiveFailures: 0,
      coolDownMs: 1000,
      msUntilAllowed: 0,
    });
    expect(b.tryAcquire()).toBe(true);
    expect(b.tryAcquire()).toBe(true);
  });

  it('opens again with a doubled cool-down when the probe fails, up to the maximum', () => {
    const clock = manualClock();
    const b = new CircuitBreaker({
      now: clock.now,
      failureThreshold: 1,
      coolDownMs: 1000,
      maxCoolDownMs: 5000,
    });
    failTimes(b, 1);
    const coolDowns: number[] = [];
    for (let i = 0; i < 5; i++) {
      clock.advance(b.msUntilAllowed());
      expect(b.tryAcquire()).toBe(true);
      b.recordFailure();
      coolDowns.push(b.msUntilAllowed());
    }
    expect(coolDowns).toEqual([2000, 4000, 5000, 5000, 5000]);
    clock.advance(5000);
    expect(b.tryAcquire()).toBe(true);
    b.recordSuccess();
    failTimes(b, 1);
    expect(b.msUntilAllowed()).toBe(1000);
  });

  it('a clock that leaps forward lets one probe through, not a stream of them', () => {
    const clock = manualClock();
    const b = new CircuitBreaker({ now: clock.now, failureThreshold: 1, coolDownMs: 1000 });
    failTimes(b, 1);
    clock.advance(24 * 3600_000);
    expect(b.tryAcquire()).toBe(true);
    expect(b.tryAcquire()).toBe(false);
    b.recordFailure();
    expect(b.tryAcquire()).toBe(false);
    expect(b.msUntilAllowed()).toBe(2000);
  });

  it('a clock that goes back waits one cool-down from then, not until the clock catches up', () => {
    const clock = manualClock(10 * 24 * 3600_000);
    const b = new CircuitBreaker({ now: clock.now, failureThreshold: 1, coolDownMs: 1000 });
    failTimes(b, 1);
    clock.advance(-24 * 3600_000);
    expect(b.msUntilAllowed()).toBe(1000);
    clock.advance(1000);
    expect(b.tryAcquire()).toBe(true);
  });

  it('reset closes it at once', () => {
    const b = new CircuitBreaker({ now: manualClock().now, failureThreshold: 1 });
    failTimes(b, 1);
    b.reset();
    expect(b.state).toBe('ok');
    expect(b.tryAcquire()).toBe(true);
  });
});

describe('CircuitBreaker on its own clock while the wall clock jumps', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  // Only Date is faked: setTimeout and performance.now stay real, as on a PC whose clock is set.
  it('is not released early when the wall clock jumps a day forward', () => {
    const b = new CircuitBreaker({ failureThreshold: 1, coolDownMs: 60_000 });
    failTimes(b, 1);
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 24 * 3600_000);
    expect(b.tryAcquire()).toBe(false);
    expect(b.msUntilAllowed()).toBeGreaterThan(59_000);
  });

  it('is not held open when the wall clock jumps a day back', async () => {
    const b = new CircuitBreaker({ failureThreshold: 1, coolDownMs: 40 });
    failTimes(b, 1);
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() - 24 * 3600_000);
    expect(b.msUntilAllowed()).toBeLessThanOrEqual(40);
    // Wait as long as the breaker itself says, on a real timer (which may fire a millisecond
    // early by the monotonic clock: Node's timers start from the loop's cached time).
    for (let i = 0; i < 5 && b.msUntilAllowed() > 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, b.msUntilAllowed() + 2));
    }
    expect(b.tryAcquire()).toBe(true);
  });
});
