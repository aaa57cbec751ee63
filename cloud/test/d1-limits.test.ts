/**
 * D1's limits on the Free plan (which the Paid plan's are not below): at most 50 queries per
 * Worker invocation, 100 bound parameters and 100,000 bytes of SQL per statement, and a string
 * value of at most 2,000,000 bytes. The largest batch the endpoint takes (100 receipts, a body
 * of just under 1 MiB) is counted statement by statement by the metered Worker, and the real
 * local D1 takes it; so do the read endpoints over that day and over 60 stores at once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RELAY_MAX_BODY_BYTES, type RelayAccepted } from '../../src/shared/relay-wire';
import { MAX_BATCH_RECEIPTS } from '../src/batch-schema';
import type { StoresDay } from '../src/day-report-types';
import { type Cloud, startCloud } from './harness';
import {
  batchOf,
  PARIS,
  post,
  read,
  saleFigures,
  saleReceipt,
  SECRETS,
  type Posted,
} from './relay-client';
import { D1_USAGE_HEADER, type D1Usage } from './worker/d1-usage';

const FREE_PLAN = {
  queriesPerInvocation: 50,
  paramsPerStatement: 100,
  sqlBytesPerStatement: 100_000,
  valueBytes: 2_000_000,
};

let cloud: Cloud;
beforeAll(async () => {
  cloud = await startCloud({ ...SECRETS, meter: true });
});
afterAll(() => cloud?.dispose());

function usageOf(res: Posted): D1Usage {
  const header = res.headers.get(D1_USAGE_HEADER);
  expect(header, 'the metered Worker reports its D1 use').not.toBeNull();
  return JSON.parse(header!) as D1Usage;
}

function expectInsideLimits(u: D1Usage): void {
  expect(u.queries).toBeLessThanOrEqual(FREE_PLAN.queriesPerInvocation);
  expect(u.statements).toHaveLength(u.queries);
  for (const s of u.statements) {
    expect(s.params).toBeLessThanOrEqual(FREE_PLAN.paramsPerStatement);
    expect(s.sqlBytes).toBeLessThanOrEqual(FREE_PLAN.sqlBytesPerStatement);
    expect(s.largestValueBytes).toBeLessThan(FREE_PLAN.valueBytes);
  }
}

const bytes = (s: string) => Buffer.byteLength(s);
const T0 = Date.parse('2026-06-12T10:00:00+02:00');

/**
 * MAX_BATCH_RECEIPTS sales with 25 items each, their texts (Latin, accented and Japanese, so
 * the bytes are not the characters) padded until the body is within a few bytes of the limit.
 */
function maximalBatch() {
  const receipts = Array.from({ length: MAX_BATCH_RECEIPTS }, (_, i) => {
    const items = Array.from({ length: 25 }, (_, k) => ({
      name: `Plat du jour ${k} – crème brûlée 抹茶`,
      quantity: 1,
      amount: 100 + k,
      modifiers: ['sans oignon'],
      line: 3 + k,
    }));
    const total = items.reduce((n, it) => n + it.amount, 0);
    return {
      ...saleReceipt(PARIS, i + 1, T0 + i * 60_000, total),
      figures: saleFigures(total, { items }),
    };
  });
  const batch = batchOf(PARIS, receipts);
  const room = RELAY_MAX_BODY_BYTES - bytes(JSON.stringify(batch));
  const unit = 'Café 抹茶 crème – ';
  const perReceipt = Math.floor(room / receipts.length);
  for (const r of receipts) {
    let pad = unit.repeat(Math.floor(perReceipt / bytes(unit)));
    pad += 'x'.repeat(perReceipt - bytes(pad));
    r.text += pad;
  }
  return batch;
}

describe('the largest batch the endpoint takes', () => {
  it('fits D1 on the Free plan: 5 statements, none near 100 parameters or 100 KB of SQL', async () => {
    const batch = maximalBatch();
    const body = JSON.stringify(batch);
    expect(bytes(body)).toBeLessThanOrEqual(RELAY_MAX_BODY_BYTES);
    expect(bytes(body)).toBeGreaterThan(RELAY_MAX_BODY_BYTES - 200);

    const res = await post<RelayAccepted>(cloud.relayUrl, batch);
    expect(res.status).toBe(200);
    expect(res.body.accepted).toHaveLength(MAX_BATCH_RECEIPTS);
    const u = usageOf(res);
    expectInsideLimits(u);
    // One db.batch(): prune, batch id (which refuses a replay), store, receipts, ids read back.
    expect(u.queries).toBe(5);
    expect(Math.max(...u.statements.map((s) => s.params))).toBeLessThanOrEqual(6);
    expect(Math.max(...u.statements.map((s) => s.sqlBytes))).toBeLessThan(2_000);
    // The receipts' JSON is the one large value: at most the body's size, about half of 2 MB.
    const largest = Math.max(...u.statements.map((s) => s.largestValueBytes));
    expect(largest).toBeGreaterThan(RELAY_MAX_BODY_BYTES * 0.95);
    expect(largest).toBeLessThanOrEqual(RELAY_MAX_BODY_BYTES);
    console.info(
      `maximal batch: body ${bytes(body)} B, ${u.queries} queries, ` +
        `max ${Math.max(...u.statements.map((s) => s.params))} params, ` +
        `max ${Math.max(...u.statements.map((s) => s.sqlBytes))} B of SQL, largest value ${largest} B`,
    );

    // The real local D1 holds all of it, texts whole.
    const rows = await cloud.query<{ n: number; chars: number }>(
      'SELECT count(*) AS n, sum(length(text)) AS chars FROM receipts WHERE store_id = ?1',
      PARIS.storeId,
    );
    expect(rows[0].n).toBe(MAX_BATCH_RECEIPTS);
    expect(rows[0].chars).toBe(batch.receipts.reduce((n, r) => n + r.text.length, 0));

    // Sent again as a retry: the same statements, nothing new stored.
    const retry = await post<RelayAccepted>(cloud.relayUrl, batchOf(PARIS, batch.receipts));
    expect(retry.body.accepted).toHaveLength(MAX_BATCH_RECEIPTS);
    expectInsideLimits(usageOf(retry));
  });

  it("that day's figures read in 2 queries", async () => {
    const res = await read(`${cloud.url}/v1/stores/${PARIS.storeId}/days/2026-06-12`);
    expect(res.status).toBe(200);
    const u = usageOf(res);
    expectInsideLimits(u);
    expect(u.queries).toBe(2);
  });
});

describe('a batch D1 could not take', () => {
  it('numbers sent short ("1e15") that grow past 2 MB when written out: 413, not a D1 failure', async () => {
    const receipt = saleReceipt(PARIS, 9999, T0, 1000);
    const lines = {
      subtotal: null,
      total: null,
      tip: [0],
      service: [],
      discounts: [],
      change: null,
    };
    const batch = batchOf(PARIS, [{ ...receipt, figures: saleFigures(1000, { lines }) }]);
    const count = Math.floor((RELAY_MAX_BODY_BYTES - bytes(JSON.stringify(batch))) / 5);
    const body = JSON.stringify(batch).replace(
      '"tip":[0]',
      `"tip":[${Array(count).fill('1e15').join(',')}]`,
    );
    expect(bytes(body)).toBeLessThanOrEqual(RELAY_MAX_BODY_BYTES);
    const res = await post<{ code: string }>(cloud.relayUrl, batch, { body });
    expect(res.status).toBe(413);
    expect(res.body.code).toBe('too-large');
  });
});

describe('every store side by side', () => {
  it('reads 60 stores in 2 queries (one per store would pass the Free plan’s 50)', async () => {
    for (let s = 0; s < 60; s++) {
      const store = { ...PARIS, storeId: `store-${String(s).padStart(2, '0')}` };
      const receipts = [1, 2, 3].map((n) => saleReceipt(store, n, T0 + n * 60_000, 1000 * n));
      expect((await post(cloud.relayUrl, batchOf(store, receipts))).status).toBe(200);
    }
    const res = await read<StoresDay>(`${cloud.url}/v1/days/2026-06-12`);
    expect(res.status).toBe(200);
    expect(res.body.stores).toHaveLength(61);
    expect(res.body.stores.find((s) => s.storeId === 'store-07')).toMatchObject({
      receiptCount: 3,
      total: 6000,
    });
    const u = usageOf(res);
    expectInsideLimits(u);
    expect(u.queries).toBe(2);
  });
});
