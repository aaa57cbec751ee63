import { describe, expect, it } from 'vitest';
import { addDays, dueDays } from './due-days';

const BERLIN = { dayStart: '04:00', timeZone: 'Europe/Berlin' };
const GRACE = 15 * 60_000;
const at = (iso: string) => Date.parse(iso);
const plan = (now: string, since: string, written: string[] = [], maxDays = 31) =>
  dueDays({
    now: at(now),
    rule: BERLIN,
    since,
    isWritten: (d) => written.includes(d),
    graceMs: GRACE,
    maxDays,
  });

describe('the business days the automatic export owes', () => {
  it('owes a day from 15 minutes after its end, not before', () => {
    // 2026-12-06 ends at 04:00 in Berlin on the 7th: 03:00 UTC.
    expect(plan('2026-12-07T03:14:59Z', '2026-12-06').due).toEqual([]);
    expect(plan('2026-12-07T03:14:59Z', '2026-12-06').next).toEqual({
      businessDay: '2026-12-06',
      at: at('2026-12-07T03:15:00Z'),
    });
    expect(plan('2026-12-07T03:15:00Z', '2026-12-06').due).toEqual(['2026-12-06']);
  });

  it('ends the 23-hour and the 25-hour day at the day start by the clock on the wall', () => {
    // Clocks go forward on 29 March: the day of the 28th has 23 hours, ends 04:00 CEST.
    expect(plan('2026-03-29T02:14:00Z', '2026-03-28').due).toEqual([]);
    expect(plan('2026-03-29T02:15:00Z', '2026-03-28').due).toEqual(['2026-03-28']);
    // Clocks go back on 25 October: the day of the 24th has 25 hours, ends 04:00 CET.
    expect(plan('2026-10-25T03:14:00Z', '2026-10-24').due).toEqual([]);
    expect(plan('2026-10-25T03:15:00Z', '2026-10-24').due).toEqual(['2026-10-24']);
  });

  it('owes every day missed since it was turned on, oldest first, and none written', () => {
    const p = plan('2026-12-10T09:00:00Z', '2026-12-05', ['2026-12-05', '2026-12-07']);
    expect(p.due).toEqual(['2026-12-06', '2026-12-08', '2026-12-09']);
    expect(p.next.businessDay).toBe('2026-12-06');
    expect(p.beyondBound).toBeNull();
  });

  it('when all is written, the next is today, after it ends', () => {
    const p = plan('2026-12-10T09:00:00Z', '2026-12-09', ['2026-12-09']);
    expect(p).toEqual({
      due: [],
      next: { businessDay: '2026-12-10', at: at('2026-12-11T03:15:00Z') },
      beyondBound: null,
    });
  });

  it('after a long closure, catches up the last 31 days and says which were left', () => {
    const p = plan('2026-12-10T09:00:00Z', '2026-09-01');
    expect(p.due).toHaveLength(31);
    expect(p.due[0]).toBe('2026-11-09');
    expect(p.due.at(-1)).toBe('2026-12-09');
    expect(p.beyondBound).toEqual({ from: '2026-09-01', to: '2026-11-08' });
  });

  it('owes nothing again when the clock is set back', () => {
    expect(plan('2026-12-01T09:00:00Z', '2026-12-05').due).toEqual([]);
  });

  it('counts dates across months and years', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29');
  });
});
