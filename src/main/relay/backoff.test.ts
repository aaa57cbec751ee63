import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BACKOFF_CAP_MS,
  RETRY_AFTER_MAX_MS,
  backoffDelay,
  nextDelay,
  parseHttpDate,
  parseRetryAfter,
} from './backoff';

const top = () => 1 - Number.EPSILON;

describe('backoffDelay (full jitter)', () => {
  it('doubles its ceiling from 1 s and stops at 5 min', () => {
    const ceilings = [0, 1, 2, 3, 8, 9, 20, 5000].map((a) => backoffDelay(a, { random: top }));
    expect(ceilings).toEqual([
      1000,
      2000,
      4000,
      8000,
      256_000,
      BACKOFF_CAP_MS,
      BACKOFF_CAP_MS,
      BACKOFF_CAP_MS,
    ]);
  });

  it('can be zero: the jitter is full, not a fraction added to a fixed wait', () => {
    expect(backoffDelay(6, { random: () => 0 })).toBe(0);
  });

  it('takes its base and cap from the options', () => {
    expect(backoffDelay(3, { baseMs: 50, capMs: 300, random: top })).toBe(300);
    expect(backoffDelay(1, { baseMs: 50, capMs: 300, random: () => 0.5 })).toBe(50);
  });

  it('treats a negative, fractional or non-number attempt as the nearest sensible one', () => {
    expect(backoffDelay(-3, { random: top })).toBe(1000);
    expect(backoffDelay(Number.NaN, { random: top })).toBe(1000);
    expect(backoffDelay(2.7, { random: top })).toBe(4000);
  });

  it('stays within [0, min(cap, base·2^attempt)] for any attempt and random value', () => {
    fc.assert(
      fc.property(
        fc.nat(2000),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (a, r) => {
          const d = backoffDelay(a, { random: () => r });
          return Number.isInteger(d) && d >= 0 && d <= Math.min(BACKOFF_CAP_MS, 1000 * 2 ** a);
        },
      ),
    );
  });

  it('spreads the delays over the whole range with Math.random', () => {
    const delays = Array.from({ length: 2000 }, () => backoffDelay(3));
    const low = delays.filter((d) => d < 4000).length;
    // Uniform on [0, 8000]: about half below the middle.
    expect(low).toBeGreaterThan(800);
    expect(low).toBeLessThan(1200);
  });
});

describe('nextDelay', () => {
  it('waits at least what Retry-After asks, even when the jitter drew less', () => {
    expect(nextDelay(0, 30_000, { random: () => 0.5 })).toBe(30_000);
  });

  it('keeps the backoff when it is longer than a short Retry-After', () => {
    expect(nextDelay(8, 1000, { random: () => 0.5 })).toBe(128_000);
  });

  it('is the jitter alone without Retry-After', () => {
    expect(nextDelay(2, null, { random: () => 0.25 })).toBe(1000);
  });
});

describe('parseRetryAfter', () => {
  const now = Date.UTC(2025, 2, 14, 12, 0, 0);

  it('reads delay-seconds', () => {
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter(' 0 ', now)).toBe(0);
  });

  it('reads an IMF-fixdate against the given now', () => {
    expect(parseRetryAfter('Fri, 14 Mar 2025 12:00:45 GMT', now)).toBe(45_000);
  });

  it('reads the obsolete RFC 850 and asctime forms', () => {
    expect(parseRetryAfter('Friday, 14-Mar-25 12:01:00 GMT', now)).toBe(60_000);
    expect(parseRetryAfter('Fri Mar 14 12:00:10 2025', now)).toBe(10_000);
    expect(parseRetryAfter('Sun Nov  6 08:49:37 1994', Date.UTC(1994, 10, 6, 8, 49, 30))).toBe(
      7000,
    );
  });

  it('gives 0 for a date already past', () => {
    expect(parseRetryAfter('Fri, 14 Mar 2025 11:00:00 GMT', now)).toBe(0);
  });

  it('clamps a huge value to the maximum, for both forms', () => {
    expect(parseRetryAfter('86400', now)).toBe(RETRY_AFTER_MAX_MS);
    expect(parseRetryAfter('99999999999999999999999', now)).toBe(RETRY_AFTER_MAX_MS);
    expect(parseRetryAfter('Sat, 15 Mar 2025 12:00:00 GMT', now)).toBe(RETRY_AFTER_MAX_MS);
    expect(parseRetryAfter('600', now, 60_000)).toBe(60_000);
  });

  it.each([
    [null],
    [undefined],
    [''],
    ['-5'],
    ['1.5'],
    ['soon'],
    ['120 seconds'],
    ['Fri, 31 Feb 2025 12:00:00 GMT'],
    ['Fri, 14 Mar 2025 25:00:00 GMT'],
    ['Fri, 14 Mar 2025 12:00:00 CET'],
    ['2025-03-14T12:00:45Z'],
  ])('ignores %j', (value) => {
    expect(parseRetryAfter(value, now)).toBeNull();
  });
});

describe('parseHttpDate', () => {
  it('reads the three forms of RFC 9110 as the same instant', () => {
    const at = Date.UTC(1994, 10, 6, 8, 49, 37);
    const now = Date.UTC(2025, 0, 1);
    expect(parseHttpDate('Sun, 06 Nov 1994 08:49:37 GMT', now)).toBe(at);
    expect(parseHttpDate('Sunday, 06-Nov-94 08:49:37 GMT', now)).toBe(at);
    expect(parseHttpDate('Sun Nov  6 08:49:37 1994', now)).toBe(at);
  });

  it('puts a two-digit year more than 50 years ahead in the past century', () => {
    const now = Date.UTC(2025, 0, 1);
    expect(new Date(parseHttpDate('Monday, 01-Jan-74 00:00:00 GMT', now)!).getUTCFullYear()).toBe(
      2074,
    );
    expect(new Date(parseHttpDate('Tuesday, 01-Jan-76 00:00:00 GMT', now)!).getUTCFullYear()).toBe(
      1976,
    );
  });
});
