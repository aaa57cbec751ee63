import { describe, expect, it } from 'vitest';
import { describeRange, monthOf, shiftRange, weekOf } from './report-range';

describe('the ranges a manager picks', () => {
  it('a week runs Monday to Sunday, whichever day is picked', () => {
    expect(weekOf('2026-12-07')).toEqual({ from: '2026-12-07', to: '2026-12-13' });
    expect(weekOf('2026-12-13')).toEqual({ from: '2026-12-07', to: '2026-12-13' });
    expect(weekOf('2027-01-01')).toEqual({ from: '2026-12-28', to: '2027-01-03' });
  });

  it('a month has its own length, February of a leap year too', () => {
    expect(monthOf('2028-02-10')).toEqual({ from: '2028-02-01', to: '2028-02-29' });
    expect(monthOf('2026-12-31')).toEqual({ from: '2026-12-01', to: '2026-12-31' });
  });

  it('steps back and forward over year ends', () => {
    expect(shiftRange('week', '2026-12-09', -1)).toEqual({ from: '2026-11-30', to: '2026-12-06' });
    expect(shiftRange('month', '2026-12-09', 1)).toEqual({ from: '2027-01-01', to: '2027-01-31' });
    expect(describeRange({ from: '2026-11-30', to: '2026-12-06' })).toBe(
      'Mon 30 Nov – Sun 6 Dec 2026',
    );
  });
});
