/**
 * The cloud Worker (cloud/) started from a root-level test, as the relay's end-to-end tests
 * start it: Miniflare and esbuild come from cloud/node_modules (npm ci --prefix cloud), and a
 * batch signed the way the wire says is stored and answered.
 */
import { createHmac } from 'node:crypto';
import { expect, it } from 'vitest';
import { startCloud } from '../cloud/test/harness';
import {
  RELAY_SIGNATURE_HEADER,
  RELAY_WIRE_VERSION,
  type RelayAccepted,
  type RelayBatch,
} from '../src/shared';

it('starts from the root and stores a signed batch', async () => {
  const secrets = { relayToken: 'root-relay', hmacSecret: 'root-secret', readToken: 'root-read' };
  const cloud = await startCloud(secrets);
  try {
    const batch: RelayBatch = {
      v: RELAY_WIRE_VERSION,
      batchId: 'root-harness-1',
      storeId: 'root-store',
      timezone: 'Europe/Berlin',
      dayStart: '04:00',
      currency: 'EUR',
      restaurantName: 'Root',
      receipts: [
        {
          id: 'root-store.install.1',
          seq: 1,
          station: 'Front',
          receivedAt: Date.parse('2026-06-12T12:00:00Z'),
          businessDay: '2026-06-12',
          text: 'NO SALE',
          figures: null,
          drawerKicks: 1,
        },
      ],
    };
    const body = JSON.stringify(batch);
    const t = Math.floor(Date.now() / 1000);
    const mac = createHmac('sha256', secrets.hmacSecret).update(`${t}.${body}`).digest('hex');
    const res = await fetch(cloud.relayUrl, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${secrets.relayToken}`,
        [RELAY_SIGNATURE_HEADER]: `t=${t},v1=${mac}`,
        'Content-Type': 'application/json',
      },
      body,
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as RelayAccepted).accepted).toEqual(['root-store.install.1']);
    const rows = await cloud.query<{ id: string }>('SELECT id FROM receipts');
    expect(rows).toEqual([{ id: 'root-store.install.1' }]);
  } finally {
    await cloud.dispose();
  }
});
