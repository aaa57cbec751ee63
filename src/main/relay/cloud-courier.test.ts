/**
 * The cloud courier's waits, against a stand-in outbox: while the next receipt waits for its
 * figures, the receipts the tills print meanwhile (each a nudge) do not make it read the outbox
 * again, and the figures' saving ends the wait at once.
 */
import { afterEach, expect, it } from 'vitest';
import { CLOUD_RELAY_DEFAULTS } from '../../shared';
import type { OutboxQueries, QueuedRow, WriterClient } from '../store';
import { CloudCourier } from './cloud-courier';

const couriers: CloudCourier[] = [];
afterEach(async () => {
  for (const c of couriers.splice(0)) await c.stop();
});

const until = async (check: () => boolean, ms = 5_000) => {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 5));
  }
};

it('waits for a receipt’s figures without reading the outbox for every receipt printed meanwhile', async () => {
  let reads = 0;
  const row: QueuedRow = {
    id: 1,
    receiptId: 1,
    attempts: 0,
    queuedAt: Date.now(),
    station: 'Front',
    receivedAt: Date.now(),
    status: 'ok',
    hasFigures: false,
  };
  const queries = {
    queued: () => {
      reads++;
      return [row];
    },
    installId: () => 'install',
  } as unknown as OutboxQueries;
  const courier = new CloudCourier({
    queries: () => queries,
    writer: () => ({}) as WriterClient,
    settings: () => ({
      ...CLOUD_RELAY_DEFAULTS,
      enabled: true,
      url: 'http://127.0.0.1:9/v1/receipts',
      storeId: 'paris-11',
    }),
    envelope: () => ({ timezone: 'UTC', dayStart: '04:00', currency: null, restaurantName: '' }),
    credentials: () => Promise.resolve({ token: null, secret: null }),
    businessDayOf: () => '2026-12-07',
    now: Date.now,
    log: () => {},
    // Only the figures' saving can end this wait within the test.
    figuresWaitMs: 60_000,
  });
  couriers.push(courier);
  courier.start();
  await until(() => reads === 1);

  // A rush: 200 receipts printed while the first one's figures are read.
  for (let i = 0; i < 200; i++) {
    courier.nudge();
    await new Promise((r) => setImmediate(r));
  }
  expect(reads).toBe(1);

  // Its figures are saved: the courier looks again at once.
  courier.figuresSaved();
  await until(() => reads === 2);
});
