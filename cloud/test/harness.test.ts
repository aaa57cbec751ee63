/**
 * The harness as other tests use it: a Worker kept on disk (persistTo) still holds its receipts
 * when started again, its migrations applied once, as a desk restarted mid-stream would find it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import type { RelayAccepted } from '../../src/shared/relay-wire';
import { startCloud } from './harness';
import { batchOf, PARIS, post, saleReceipt, SECRETS } from './relay-client';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'receipt-desk-cloud-persist-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

it('keeps D1 in persistTo across restarts, migrating it once', async () => {
  const receipts = [1, 2, 3].map((n) => saleReceipt(PARIS, n, Date.parse('2026-06-12T12:00Z') + n));
  const first = await startCloud({ ...SECRETS, persistTo: dir });
  expect(first.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/u);
  expect(first.relayUrl).toBe(`${first.url}/v1/receipts`);
  const res = await post<RelayAccepted>(first.relayUrl, batchOf(PARIS, receipts.slice(0, 2)));
  expect(res.body.accepted).toHaveLength(2);
  await first.dispose();

  const again = await startCloud({ ...SECRETS, persistTo: dir });
  try {
    const retry = await post<RelayAccepted>(again.relayUrl, batchOf(PARIS, receipts));
    expect(retry.body.accepted).toEqual(receipts.map((r) => r.id));
    const rows = await again.query<{ n: number }>('SELECT count(*) AS n FROM receipts');
    expect(rows[0].n).toBe(3);
    const migrations = await again.query<{ name: string }>('SELECT name FROM d1_migrations');
    expect(migrations.map((m) => m.name)).toEqual(['0001_receipts.sql']);
  } finally {
    await again.dispose();
  }
});
