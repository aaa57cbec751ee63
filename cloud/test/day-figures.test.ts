/**
 * The cloud's figures of a store's day are the desk's: the same printed days, read by the
 * desk's interpreter and extractor into a real receipts file, summed by the desk's DailyReports,
 * and relayed to the Worker, whose GET /v1/stores/:store/days/:date answers the same report to
 * the cent (payments per method, hours across clock changes, reprints, the tills' Z reports).
 * The side-by-side view shows each store's headline figures of that same report.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DailyReport, RelayAccepted } from '../../src/shared';
import type { SeedReceipt } from '../../test/helpers/seed-figures';
import { HEADLINE_FIGURES, type StoreDayReport, type StoresDay } from '../src/day-report-types';
import { type Desk, seedDesk } from './desk-days';
import { type Cloud, startCloud } from './harness';
import { batchOf, post, read, SECRETS, type StoreSettings } from './relay-client';

const BERLIN: StoreSettings = {
  storeId: 'berlin-mitte',
  timezone: 'Europe/Berlin',
  dayStart: '04:00',
  currency: null,
  restaurantName: 'Mitte Diner',
};
const NEW_YORK: StoreSettings = {
  storeId: 'nyc-5',
  timezone: 'America/New_York',
  dayStart: '05:30',
  currency: 'USD',
  restaurantName: 'Fifth Avenue Pizza',
};

/** Receipts the desk could not read, received inside a day (after the day's others in the file). */
function unread(at: string, station: string): SeedReceipt {
  return { receivedAt: Date.parse(at), station, text: '#?!', drawerKicks: 0, figures: null };
}

const DAYS: Record<string, string[]> = {
  // The 23-hour night before the clocks go forward and the 25-hour night before they go back.
  [BERLIN.storeId]: ['2026-03-28', '2026-10-24'],
  // A day starting at 05:30 (its first and last hours are halves), on the spring-forward night.
  [NEW_YORK.storeId]: ['2026-03-07', '2026-06-12'],
};

let cloud: Cloud;
let desks: Desk[];
beforeAll(async () => {
  cloud = await startCloud(SECRETS);
  desks = [
    await seedDesk(
      BERLIN,
      DAYS[BERLIN.storeId].map((day, i) => ({ day, seed: 130 + i, receipts: 90 })),
      [unread('2026-03-28T21:15:00+01:00', 'Bar'), unread('2026-10-25T02:30:00+01:00', 'Front')],
    ),
    await seedDesk(
      NEW_YORK,
      DAYS[NEW_YORK.storeId].map((day, i) => ({ day, seed: 230 + i, receipts: 90 })),
      [unread('2026-06-12T12:00:00-04:00', 'Front')],
    ),
  ];
  // Each desk relays in batches of 25, in the order it received its receipts.
  for (const desk of desks) {
    for (let i = 0; i < desk.relayed.length; i += 25) {
      const res = await post<RelayAccepted>(
        cloud.relayUrl,
        batchOf(desk.store, desk.relayed.slice(i, i + 25)),
      );
      expect(res.status).toBe(200);
    }
  }
}, 120_000);
afterAll(async () => {
  for (const d of desks ?? []) d.close();
  await cloud?.dispose();
});

/** The cloud's report in the desk's terms: receipts named by the desk's numbers. */
function asDesk(cloudReport: StoreDayReport): DailyReport {
  const { storeId: _s, lastBatchAt: _l, ...report } = cloudReport;
  const deskId = (id: string) => Number(id.split('.').at(-1));
  return {
    ...report,
    reprintIds: report.reprintIds.map(deskId),
    unparsed: report.unparsed.map((u) => ({ ...u, id: deskId(u.id) })),
    zReport:
      report.zReport === null
        ? null
        : { ...report.zReport, receiptIds: report.zReport.receiptIds.map(deskId) },
  };
}

/** The reasons a receipt has no figures are worded for where it is read; the rest must match. */
function withoutUnreadReasons(r: DailyReport) {
  return {
    ...r,
    unparsed: r.unparsed.map((u) => ({
      ...u,
      reason: u.reason.includes('sales figures') ? '-' : u.reason,
    })),
  };
}

describe("a store's day in the cloud is the desk's daily report", () => {
  for (const store of [BERLIN, NEW_YORK]) {
    for (const date of DAYS[store.storeId]) {
      it(`${store.storeId} ${date} (${store.timezone}, day starts ${store.dayStart})`, async () => {
        const desk = desks.find((d) => d.store === store)!;
        const expected = await desk.daily(date);
        const res = await read<StoreDayReport>(
          `${cloud.url}/v1/stores/${store.storeId}/days/${date}`,
        );
        expect(res.status).toBe(200);
        expect(res.body.storeId).toBe(store.storeId);
        const got = asDesk(res.body);
        expect(withoutUnreadReasons(got)).toEqual(withoutUnreadReasons(expected));

        // What the owner checks first, to the cent: the total and each payment method.
        expect(got.total).toBe(expected.total);
        expect(got.payments).toEqual(expected.payments);
        const paid = Object.values(got.payments).reduce((n, v) => n + (v ?? 0), 0);
        expect(paid).toBe(got.total);
        expect(got.saleCount).toBeGreaterThan(30);
        expect(got.hourly.length).toBe(expected.hourly.length);
      });
    }
  }

  it('covers what makes the sums hard: clock changes, reprints, refunds, Z reports, unread receipts', async () => {
    const reports = await Promise.all(
      desks.flatMap((d) => DAYS[d.store.storeId].map((date) => d.daily(date))),
    );
    // Berlin: 23 and 25 hours. New York from 05:30: 23 and 24 hours, each with its first and
    // last hour cut in half.
    expect(reports.map((r) => r.hourly.length)).toEqual([23, 25, 24, 25]);
    expect(reports.some((r) => r.reprints > 0)).toBe(true);
    expect(reports.some((r) => r.refundCount > 0)).toBe(true);
    expect(reports.some((r) => r.zReport !== null)).toBe(true);
    expect(reports.reduce((n, r) => n + r.unparsedCount, 0)).toBeGreaterThanOrEqual(3);
  });

  it('one station’s figures, as the desk filters them', async () => {
    const desk = desks[1];
    const date = DAYS[desk.store.storeId][1];
    const expected = await desk.daily(date, 'Bar');
    const res = await read<StoreDayReport>(
      `${cloud.url}/v1/stores/${desk.store.storeId}/days/${date}?station=Bar`,
    );
    expect(res.body.station).toBe('Bar');
    expect(withoutUnreadReasons(asDesk(res.body))).toEqual(withoutUnreadReasons(expected));
  });

  it('a receipt relayed without figures is listed as unread, saying so', async () => {
    const res = await read<StoreDayReport>(`${cloud.url}/v1/stores/nyc-5/days/2026-06-12`);
    const unreadOnes = res.body.unparsed.filter((u) => u.reason.includes('without sales figures'));
    expect(unreadOnes).toHaveLength(1);
    expect(unreadOnes[0].id).toMatch(/^nyc-5\.desk-1\.\d+$/u);
  });
});

describe('every store side by side', () => {
  it("shows each store's headline figures of its own report", async () => {
    const date = '2026-06-12';
    const res = await read<StoresDay>(`${cloud.url}/v1/days/${date}`);
    expect(res.status).toBe(200);
    expect(res.body.stores.map((s) => s.storeId)).toEqual(['berlin-mitte', 'nyc-5']);
    for (const headline of res.body.stores) {
      const full = await read<StoreDayReport>(
        `${cloud.url}/v1/stores/${headline.storeId}/days/${date}`,
      );
      const picked: Record<string, unknown> = {
        storeId: full.body.storeId,
        lastBatchAt: full.body.lastBatchAt,
      };
      for (const k of HEADLINE_FIGURES) picked[k] = full.body[k];
      expect(headline).toEqual(picked);
    }
    // Berlin relayed nothing for that day: its row is there, with nothing in it.
    expect(res.body.stores[0]).toMatchObject({ receiptCount: 0, total: 0 });
    expect(res.body.stores[1].receiptCount).toBeGreaterThan(80);
  });

  it('keeps each store’s receipts in the order the desk received them (per-store seq)', async () => {
    for (const desk of desks) {
      const bySeq = await cloud.query<{ id: string }>(
        'SELECT id FROM receipts WHERE store_id = ?1 ORDER BY seq',
        desk.store.storeId,
      );
      expect(bySeq.map((r) => r.id)).toEqual(desk.relayed.map((r) => r.id));
      // Stored in that order too: the rows went in as the batches came, one store at a time.
      const stored = await cloud.query<{ seq: number }>(
        'SELECT seq FROM receipts WHERE store_id = ?1 ORDER BY rowid',
        desk.store.storeId,
      );
      const seqs = stored.map((r) => r.seq);
      expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    }
  });
});
