/**
 * The business day as a manager counts it: the night belongs to the evening before, clock
 * changes give 23- and 25-hour days, and every receipt lands in exactly one day and one hour.
 * Every zone is named in the test and every instant written with its UTC offset, so nothing
 * depends on the time zone of the machine running it.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { businessDaySchema, parseDayStart, timeZoneProblem } from '../../shared';
import {
  type BusinessDayRule,
  businessDayBounds,
  businessDayHours,
  businessDayOf,
  businessHourIndex,
  businessHourOf,
  systemTimeZone,
} from './business-day';

const HOUR = 60 * 60 * 1000;
const at = (isoWithOffset: string) => Date.parse(isoWithOffset);
const rule = (timeZone: string, dayStart = '04:00'): BusinessDayRule => ({ dayStart, timeZone });
const berlin = rule('Europe/Berlin');

const clockFormats = new Map<string, Intl.DateTimeFormat>();

/** The local clock in a zone, read with formatToParts (not the way the module reads it). */
function localClock(t: number, timeZone: string) {
  let format = clockFormats.get(timeZone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    });
    clockFormats.set(timeZone, format);
  }
  const parts = format.formatToParts(t);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  const date = `${get('year')}-${get('month')}-${get('day')}`;
  const time = `${get('hour')}:${get('minute')}`;
  const wall = Date.parse(`${date}T${time}:00Z`) + (t % 60_000);
  return { date, time, hour: Number(get('hour')), offset: wall - t };
}

/** Every date of a year, "YYYY-MM-DD". */
function datesOf(year: number): string[] {
  const dates: string[] = [];
  for (let t = Date.UTC(year, 0, 1); t < Date.UTC(year + 1, 0, 1); t += 24 * HOUR) {
    dates.push(new Date(t).toISOString().slice(0, 10));
  }
  return dates;
}

const hoursOf = (day: string, r: BusinessDayRule) => businessDayHours(day, r).map((h) => h.hour);
const lengthOf = (day: string, r: BusinessDayRule) => {
  const [start, end] = businessDayBounds(day, r);
  return (end - start) / HOUR;
};

describe('the night belongs to the evening before', () => {
  it('with the day starting at 04:00, 23:59, 00:30 and 03:59 are one business day', () => {
    expect(businessDayOf(at('2026-06-12T23:59:00+02:00'), berlin)).toBe('2026-06-12');
    expect(businessDayOf(at('2026-06-13T00:30:00+02:00'), berlin)).toBe('2026-06-12');
    expect(businessDayOf(at('2026-06-13T03:59:59.999+02:00'), berlin)).toBe('2026-06-12');
    expect(businessDayOf(at('2026-06-13T04:00:00+02:00'), berlin)).toBe('2026-06-13');
    expect(businessDayBounds('2026-06-12', berlin)).toEqual([
      at('2026-06-12T04:00:00+02:00'),
      at('2026-06-13T04:00:00+02:00'),
    ]);
  });

  it('a day starting at 06:30 keeps a breakfast at 06:29 in the night before', () => {
    const r = rule('Europe/Berlin', '06:30');
    expect(businessDayOf(at('2026-01-15T06:29:00+01:00'), r)).toBe('2026-01-14');
    expect(businessDayOf(at('2026-01-15T06:30:00+01:00'), r)).toBe('2026-01-15');
    const hours = businessDayHours('2026-01-15', r);
    // The half hour before 07:00 opens the day and the half hour after 06:00 closes it.
    expect(hours[0]).toEqual({
      hour: 6,
      start: at('2026-01-15T06:30:00+01:00'),
      end: at('2026-01-15T07:00:00+01:00'),
    });
    expect(hours.at(-1)).toEqual({
      hour: 6,
      start: at('2026-01-16T06:00:00+01:00'),
      end: at('2026-01-16T06:30:00+01:00'),
    });
    expect(hours).toHaveLength(25);
  });

  it('a day starting at 00:00 is the calendar day', () => {
    const r = rule('Europe/Berlin', '00:00');
    expect(businessDayOf(at('2026-06-12T23:59:59.999+02:00'), r)).toBe('2026-06-12');
    expect(businessDayOf(at('2026-06-13T00:00:00+02:00'), r)).toBe('2026-06-13');
    expect(hoursOf('2026-06-13', r)).toEqual([...Array(24).keys()]);
  });

  it('the hour of a receipt is its local clock hour', () => {
    expect(businessHourOf(at('2026-06-12T23:59:00+02:00'), berlin)).toBe(23);
    expect(businessHourOf(at('2026-06-13T00:30:00+02:00'), berlin)).toBe(0);
    expect(businessHourOf(at('2026-06-13T03:59:00+02:00'), berlin)).toBe(3);
    expect(businessHourIndex(at('2026-06-13T03:59:00+02:00'), berlin)).toBe(23);
    expect(hoursOf('2026-06-12', berlin)).toEqual([
      4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 0, 1, 2, 3,
    ]);
  });
});

describe('clock changes', () => {
  // With the day starting at 04:00 the change at 02:00/03:00 falls in the night, so it is the
  // business day before the change's date that is short or long.
  const cases = [
    {
      zone: 'Europe/Berlin',
      spring: '2026-03-29',
      autumn: '2026-10-25',
      winter: '+01:00',
      summer: '+02:00',
      skipped: 2,
      repeated: 2,
    },
    {
      zone: 'America/New_York',
      spring: '2026-03-08',
      autumn: '2026-11-01',
      winter: '-05:00',
      summer: '-04:00',
      skipped: 2,
      repeated: 1,
    },
  ];
  const dayAfter = (day: string, days = 1) =>
    new Date(Date.parse(`${day}T00:00:00Z`) + days * 24 * HOUR).toISOString().slice(0, 10);
  const dayBefore = (day: string) => dayAfter(day, -1);

  for (const c of cases) {
    it(`${c.zone}: ${c.spring} is 23 hours as a calendar day, the business night before it too`, () => {
      const midnight = rule(c.zone, '00:00');
      expect(businessDayBounds(c.spring, midnight)).toEqual([
        at(`${c.spring}T00:00:00${c.winter}`),
        at(`${dayAfter(c.spring)}T00:00:00${c.summer}`),
      ]);
      expect(lengthOf(c.spring, midnight)).toBe(23);
      expect(hoursOf(c.spring, midnight)).not.toContain(c.skipped);
      expect(hoursOf(c.spring, midnight)).toHaveLength(23);

      const r = rule(c.zone);
      const night = dayBefore(c.spring);
      expect(businessDayBounds(night, r)).toEqual([
        at(`${night}T04:00:00${c.winter}`),
        at(`${c.spring}T04:00:00${c.summer}`),
      ]);
      expect(hoursOf(night, r).slice(-3)).toEqual([0, 1, 3]);
      expect(lengthOf(c.spring, r)).toBe(24);
      // 01:59 winter time and 03:00 summer time are one minute apart, in the same night.
      expect(businessDayOf(at(`${c.spring}T01:59:00${c.winter}`), r)).toBe(night);
      expect(businessDayOf(at(`${c.spring}T03:00:00${c.summer}`), r)).toBe(night);
    });

    it(`${c.zone}: ${c.autumn} is 25 hours, and its repeated hour is counted twice`, () => {
      const midnight = rule(c.zone, '00:00');
      expect(lengthOf(c.autumn, midnight)).toBe(25);
      const hours = businessDayHours(c.autumn, midnight);
      expect(hours).toHaveLength(25);
      const twice = hours.filter((h) => h.hour === c.repeated);
      expect(twice).toHaveLength(2);
      const first = `${c.autumn}T0${c.repeated}:30:00`;
      expect(twice[0].start).toBeLessThanOrEqual(at(`${first}${c.summer}`));
      expect(twice[0].end).toBe(twice[1].start);
      expect(twice[1].end - twice[1].start).toBe(HOUR);

      const r = rule(c.zone);
      const night = dayBefore(c.autumn);
      expect(lengthOf(night, r)).toBe(25);
      expect(hoursOf(night, r).slice(-5)).toEqual(
        c.repeated === 2 ? [0, 1, 2, 2, 3] : [0, 1, 1, 2, 3],
      );
      // The same clock time, once in summer time and once an hour later in winter time.
      const summerReceipt = at(`${first}${c.summer}`);
      const winterReceipt = at(`${first}${c.winter}`);
      expect(winterReceipt - summerReceipt).toBe(HOUR);
      expect(businessDayOf(summerReceipt, r)).toBe(night);
      expect(businessDayOf(winterReceipt, r)).toBe(night);
      expect(businessHourOf(summerReceipt, r)).toBe(c.repeated);
      expect(businessHourOf(winterReceipt, r)).toBe(c.repeated);
      expect(businessHourIndex(winterReceipt, r)).toBe(businessHourIndex(summerReceipt, r) + 1);
    });
  }

  it('a day start inside the skipped hour starts the day when the clocks jump', () => {
    const r = rule('Europe/Berlin', '02:30');
    expect(businessDayBounds('2026-03-29', r)[0]).toBe(at('2026-03-29T03:00:00+02:00'));
    expect(businessDayBounds('2026-03-28', r)[1]).toBe(at('2026-03-29T03:00:00+02:00'));
    expect(businessDayOf(at('2026-03-29T01:59:59+01:00'), r)).toBe('2026-03-28');
    expect(businessDayOf(at('2026-03-29T03:00:00+02:00'), r)).toBe('2026-03-29');
  });

  it('a day start inside the repeated hour starts the day the first time the clock reads it', () => {
    const r = rule('Europe/Berlin', '02:30');
    expect(businessDayBounds('2026-10-25', r)[0]).toBe(at('2026-10-25T02:30:00+02:00'));
    // 02:15 the second time round is after the day began, though the clock reads earlier.
    expect(businessDayOf(at('2026-10-25T02:15:00+01:00'), r)).toBe('2026-10-25');
    expect(businessDayOf(at('2026-10-25T02:29:00+02:00'), r)).toBe('2026-10-24');
    expect(lengthOf('2026-10-25', r)).toBe(25);
  });

  it('Lord Howe Island moves its clocks by half an hour', () => {
    const r = rule('Australia/Lord_Howe');
    // 5 April 2026, 02:00 +11:00 becomes 01:30 +10:30: the night of the 4th has 24.5 hours.
    expect(businessDayBounds('2026-04-04', r)).toEqual([
      at('2026-04-04T04:00:00+11:00'),
      at('2026-04-05T04:00:00+10:30'),
    ]);
    const autumn = businessDayHours('2026-04-04', r).slice(-5);
    expect(autumn.map((h) => [h.hour, (h.end - h.start) / HOUR])).toEqual([
      [0, 1],
      [1, 1],
      [1, 0.5],
      [2, 1],
      [3, 1],
    ]);
    expect(businessDayOf(at('2026-04-05T01:45:00+10:30'), r)).toBe('2026-04-04');
    // 4 October 2026, 02:00 +10:30 becomes 02:30 +11:00: the night of the 3rd has 23.5 hours.
    expect(lengthOf('2026-10-03', r)).toBe(23.5);
    const spring = businessDayHours('2026-10-03', r).slice(-3);
    expect(spring.map((h) => [h.hour, (h.end - h.start) / HOUR])).toEqual([
      [1, 1],
      [2, 0.5],
      [3, 1],
    ]);
  });

  it('Tokyo has no clock changes: every day is 24 hours from 04:00', () => {
    const r = rule('Asia/Tokyo');
    expect(businessDayBounds('2026-03-29', r)).toEqual([
      at('2026-03-29T04:00:00+09:00'),
      at('2026-03-30T04:00:00+09:00'),
    ]);
    expect(businessDayOf(at('2026-03-30T03:59:00+09:00'), r)).toBe('2026-03-29');
    expect(datesOf(2026).every((d) => lengthOf(d, r) === 24)).toBe(true);
  });

  it('Samoa skipped 30 December 2011: that business day is only the hours before 04:00', () => {
    const r = rule('Pacific/Apia');
    // The clocks went from 29 December 23:59:59 -10:00 to 31 December 00:00 +14:00.
    expect(businessDayBounds('2011-12-30', r)).toEqual([
      at('2011-12-31T00:00:00+14:00'),
      at('2011-12-31T04:00:00+14:00'),
    ]);
    expect(businessDayOf(at('2011-12-31T02:00:00+14:00'), r)).toBe('2011-12-30');
    expect(businessDayOf(at('2011-12-29T23:00:00-10:00'), r)).toBe('2011-12-29');
  });
});

describe('a whole year of business days', () => {
  const zones = [
    { zone: 'Europe/Berlin', short: [23], long: [25] },
    { zone: 'America/New_York', short: [23], long: [25] },
    { zone: 'Australia/Lord_Howe', short: [23.5], long: [24.5] },
    { zone: 'Asia/Tokyo', short: [], long: [] },
  ];
  for (const { zone, short, long } of zones) {
    for (const dayStart of ['04:00', '00:00', '06:30']) {
      it(`${zone}, day start ${dayStart}: each day ends where the next starts`, () => {
        const r = rule(zone, dayStart);
        const dates = datesOf(2026);
        const odd: number[] = [];
        for (let i = 0; i < dates.length; i++) {
          const [start, end] = businessDayBounds(dates[i], r);
          if (i + 1 < dates.length) expect(businessDayBounds(dates[i + 1], r)[0]).toBe(end);
          // Every day starts at the day start on its own date, on the zone's own clock.
          expect(localClock(start, zone)).toMatchObject({ date: dates[i], time: dayStart });
          expect(businessDayOf(start, r)).toBe(dates[i]);
          expect(businessDayOf(end - 1, r)).toBe(dates[i]);
          const hours = (end - start) / HOUR;
          if (hours !== 24) odd.push(hours);
          expect(businessDayHours(dates[i], r).length).toBe(
            Math.ceil(hours) + (dayStart.endsWith(':00') ? 0 : 1),
          );
        }
        expect(odd.sort()).toEqual([...short, ...long].sort());
      });
    }
  }
});

describe('every instant has one business day and one hour', () => {
  const zones = [
    'Europe/Berlin',
    'America/New_York',
    'Australia/Lord_Howe',
    'Asia/Tokyo',
    'America/St_Johns',
    'Asia/Kathmandu',
    'Pacific/Chatham',
    'Pacific/Apia',
    'America/Sao_Paulo',
    'UTC',
  ];
  const instants = fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2040, 0, 1) });
  const dayStarts = fc
    .tuple(fc.integer({ min: 0, max: 23 }), fc.oneof(fc.constantFrom(0, 30), fc.nat(59)))
    .map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);

  it('the day a receipt is given holds it, and its hours cover the day exactly', () => {
    fc.assert(
      fc.property(instants, fc.constantFrom(...zones), dayStarts, (t, zone, dayStart) => {
        const r = rule(zone, dayStart);
        const day = businessDayOf(t, r);
        const [start, end] = businessDayBounds(day, r);
        expect(start).toBeLessThanOrEqual(t);
        expect(t).toBeLessThan(end);

        const hours = businessDayHours(day, r);
        expect(hours[0].start).toBe(start);
        expect(hours.at(-1)?.end).toBe(end);
        for (let i = 0; i < hours.length; i++) {
          expect(hours[i].start).toBeLessThan(hours[i].end);
          if (i > 0) expect(hours[i].start).toBe(hours[i - 1].end);
          // The clock reads the same hour from the first instant to the last.
          expect(hours[i].hour).toBe(localClock(hours[i].start, zone).hour);
          expect(hours[i].hour).toBe(localClock(hours[i].end - 1, zone).hour);
        }
        const index = businessHourIndex(t, r);
        expect(hours[index].start).toBeLessThanOrEqual(t);
        expect(t).toBeLessThan(hours[index].end);
        expect(businessHourOf(t, r)).toBe(localClock(t, zone).hour);

        // Away from clock changes the day is simply the local date of (time - day start).
        const nearby = [t - 30 * HOUR, t + 30 * HOUR].map((x) => localClock(x, zone).offset);
        const offset = localClock(t, zone).offset;
        if (nearby.every((o) => o === offset)) {
          const minutes = Number(dayStart.slice(0, 2)) * 60 + Number(dayStart.slice(3));
          const shifted = new Date(t + offset - minutes * 60_000).toISOString().slice(0, 10);
          expect(day).toBe(shifted);
        }
      }),
      { numRuns: 2000 },
    );
  });
});

describe('what the manager types', () => {
  it('reads a day start as hours and minutes', () => {
    expect(parseDayStart('04:00')).toBe(240);
    expect(parseDayStart('4:00')).toBe(240);
    expect(parseDayStart('23:59')).toBe(23 * 60 + 59);
    for (const bad of ['24:00', '04:60', '4', '0400', '', 'noon', '04:00 am']) {
      expect(() => parseDayStart(bad)).toThrow(
        `"${bad}" is not a time of day. Write when the business day starts as hours and minutes, such as 04:00.`,
      );
    }
  });

  it('the settings schema fills in 04:00 and the PC zone, and names what is wrong', () => {
    expect(businessDaySchema.parse({})).toEqual({ dayStart: '04:00', timeZone: '' });
    expect(businessDaySchema.parse({ dayStart: '06:30', timeZone: 'Asia/Tokyo' })).toEqual({
      dayStart: '06:30',
      timeZone: 'Asia/Tokyo',
    });
    const bad = businessDaySchema.safeParse({ dayStart: '25:00', timeZone: 'Europe/Berlinn' });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues.map((i) => i.message)).toEqual([
      expect.stringContaining('"25:00" is not a time of day.'),
      expect.stringContaining('"Europe/Berlinn" is not a time zone this PC knows.'),
    ]);
  });

  it('a rule with an unknown zone, a bad day start or a date that is none says so', () => {
    expect(() => businessDayOf(0, rule('Mars/Olympus_Mons'))).toThrow(
      '"Mars/Olympus_Mons" is not a time zone this PC knows.',
    );
    expect(() => businessDayOf(0, rule('Europe/Berlin', '4am'))).toThrow(
      '"4am" is not a time of day.',
    );
    for (const bad of ['2026-02-30', '2026-3-29', '29.03.2026']) {
      expect(() => businessDayBounds(bad, berlin)).toThrow(
        `"${bad}" is not a date. Write a business day as 2026-03-29.`,
      );
    }
  });

  it("the PC's own time zone is one the rule accepts", () => {
    const zone = systemTimeZone();
    expect(timeZoneProblem(zone)).toBeNull();
    expect(businessDayOf(at('2026-06-12T12:00:00Z'), rule(zone))).toMatch(/^2026-06-1[23]$/);
  });
});
