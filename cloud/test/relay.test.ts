/**
 * POST /v1/receipts as the desk's relay meets it: a batch stored and its ids answered, a retry
 * stored once, and every request that is not the desk's own, fresh and whole refused with the
 * status the relay acts on (401 and 400 are not retried; 409 is a replay; 413 too large).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  RELAY_MAX_BODY_BYTES,
  RELAY_MAX_TEXT_CHARS,
  RELAY_SIGNATURE_TOLERANCE_S,
  type RelayAccepted,
} from '../../src/shared/relay-wire';
import type { Refusal } from '../src/http';
import { type Cloud, startCloud } from './harness';
import {
  batchOf,
  nowS,
  PARIS,
  post,
  relayRequest,
  saleReceipt,
  SECRETS,
  send,
  sendAlone,
  signature,
  type StoreSettings,
} from './relay-client';

let cloud: Cloud;
beforeAll(async () => {
  cloud = await startCloud(SECRETS);
});
afterAll(() => cloud?.dispose());

const T0 = Date.parse('2026-06-12T12:00:00+02:00');
let next = 1;
/** Receipts no other test has sent. */
function fresh(count: number, store: StoreSettings = PARIS) {
  return Array.from({ length: count }, () => {
    const n = next++;
    return saleReceipt(store, n, T0 + n * 1000, 1000 + n);
  });
}

async function storedCount(ids: string[]): Promise<number> {
  const rows = await cloud.query<{ n: number }>(
    'SELECT count(*) AS n FROM receipts WHERE id IN (SELECT value FROM json_each(?1))',
    JSON.stringify(ids),
  );
  return rows[0].n;
}

describe('a batch from the desk', () => {
  it('is stored, and answered with its ids after the commit', async () => {
    const receipts = fresh(3);
    const batch = batchOf(PARIS, receipts);
    const res = await post<RelayAccepted>(cloud.relayUrl, batch);
    expect(res.status).toBe(200);
    expect(res.body.accepted).toEqual(receipts.map((r) => r.id));
    const rows = await cloud.query<{
      id: string;
      store_id: string;
      seq: number;
      station: string;
      received_at: number;
      text: string;
      figures: string;
      batch_id: string;
    }>('SELECT * FROM receipts WHERE id = ?1', receipts[1].id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      store_id: 'paris-11',
      seq: receipts[1].seq,
      station: 'Front',
      received_at: receipts[1].receivedAt,
      text: receipts[1].text,
      batch_id: batch.batchId,
    });
    expect(JSON.parse(rows[0].figures)).toEqual(receipts[1].figures);
    const store = await cloud.query('SELECT * FROM stores WHERE id = ?1', 'paris-11');
    expect(store[0]).toMatchObject({
      restaurant_name: 'Le Comptoir',
      timezone: 'Europe/Paris',
      day_start: '04:00',
      currency: 'EUR',
    });
  });

  it('sent again as a retry (a new batch id) is accepted again and stored once', async () => {
    const receipts = fresh(4);
    const first = await post<RelayAccepted>(cloud.relayUrl, batchOf(PARIS, receipts));
    expect(first.status).toBe(200);
    // The retry also carries a receipt the first batch did not have.
    const more = [...receipts, ...fresh(1)];
    const retry = await post<RelayAccepted>(cloud.relayUrl, batchOf(PARIS, more));
    expect(retry.status).toBe(200);
    expect(retry.body.accepted).toEqual(more.map((r) => r.id));
    expect(await storedCount(more.map((r) => r.id))).toBe(5);
  });

  it('is taken when one of several v1 signatures matches (a secret being changed)', async () => {
    const batch = batchOf(PARIS, fresh(1));
    const body = JSON.stringify(batch);
    const t = nowS();
    const old = signature(body, 'the-old-secret', t).split(',')[1];
    const header = `t=${t},${old},${signature(body, SECRETS.hmacSecret, t).split(',')[1]}`;
    const res = await post(cloud.relayUrl, batch, { body, signatureHeader: header });
    expect(res.status).toBe(200);
  });

  it('keeps the store settings of its latest batch', async () => {
    const store = { ...PARIS, storeId: 'lyon_2', restaurantName: 'Bouchon', dayStart: '05:30' };
    expect((await post(cloud.relayUrl, batchOf(store, fresh(1, store)))).status).toBe(200);
    const renamed = { ...store, restaurantName: 'Le Bouchon', currency: null };
    expect((await post(cloud.relayUrl, batchOf(renamed, fresh(1, renamed)))).status).toBe(200);
    const rows = await cloud.query('SELECT * FROM stores WHERE id = ?1', 'lyon_2');
    expect(rows[0]).toMatchObject({
      restaurant_name: 'Le Bouchon',
      currency: null,
      day_start: '05:30',
    });
  });
});

describe('refused', () => {
  it('a forged signature (another secret, or a body changed after signing): 401, nothing stored', async () => {
    const receipts = fresh(1);
    const batch = batchOf(PARIS, receipts);
    const forged = await post<Refusal>(cloud.relayUrl, batch, { secret: 'not-the-secret' });
    expect(forged.status).toBe(401);
    expect(forged.body.code).toBe('signature-invalid');

    const body = JSON.stringify(batch);
    const signed = signature(body, SECRETS.hmacSecret, nowS());
    const changed = body.replace('"total":1', '"total":9');
    const tampered = await post<Refusal>(cloud.relayUrl, batch, {
      body: changed,
      signatureHeader: signed,
    });
    expect(tampered.status).toBe(401);
    expect(tampered.body.code).toBe('signature-invalid');

    const missing = await post<Refusal>(cloud.relayUrl, batch, { signatureHeader: null });
    expect(missing.status).toBe(401);
    expect(missing.body.code).toBe('signature-missing');
    expect(await storedCount([receipts[0].id])).toBe(0);
  });

  it('a signature older or newer than the tolerance: 401 saying the clock may be wrong', async () => {
    const batch = batchOf(PARIS, fresh(1));
    for (const t of [
      nowS() - RELAY_SIGNATURE_TOLERANCE_S - 5,
      nowS() + RELAY_SIGNATURE_TOLERANCE_S + 5,
    ]) {
      const res = await post<Refusal>(cloud.relayUrl, batch, { t });
      expect(res.status).toBe(401);
      expect(res.body.code).toBe('signature-expired');
      expect(res.body.error).toMatch(/clock/u);
    }
    // Inside the window either way is fine (the desk's clock a little off).
    expect((await post(cloud.relayUrl, batch, { t: nowS() - 200 })).status).toBe(200);
  });

  it('a batch played again (same request, same batch id): 409, its receipts stored once', async () => {
    const receipts = fresh(2);
    const request = relayRequest(batchOf(PARIS, receipts));
    expect((await send(cloud.relayUrl, request)).status).toBe(200);
    const replay = await send<Refusal>(cloud.relayUrl, request);
    expect(replay.status).toBe(409);
    expect(replay.body.code).toBe('replayed');
    expect(await storedCount(receipts.map((r) => r.id))).toBe(2);
  });

  it('the same batch twice at once: one is stored, the other refused as a replay', async () => {
    const request = relayRequest(batchOf(PARIS, fresh(3)));
    const answers = await Promise.all([
      send(cloud.relayUrl, request),
      send(cloud.relayUrl, request),
    ]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
  });

  it('a batch id is remembered while its signature could be accepted, then forgotten', async () => {
    const batch = batchOf(PARIS, fresh(1));
    const t = nowS() - 100;
    expect((await post(cloud.relayUrl, batch, { t })).status).toBe(200);
    const [row] = await cloud.query<{ expires_at: number }>(
      'SELECT expires_at FROM relay_batches WHERE id = ?1',
      batch.batchId,
    );
    // Past this the signature's time is refused anyway; a minute's margin for clocks.
    expect(row.expires_at).toBe((t + RELAY_SIGNATURE_TOLERANCE_S + 60) * 1000);
    // An expired row is pruned by the next batch.
    await cloud.query('UPDATE relay_batches SET expires_at = 1 WHERE id = ?1', batch.batchId);
    expect((await post(cloud.relayUrl, batchOf(PARIS, fresh(1)))).status).toBe(200);
    const left = await cloud.query('SELECT 1 FROM relay_batches WHERE id = ?1', batch.batchId);
    expect(left).toHaveLength(0);
  });

  it('a body over the limit: 413, by its Content-Length or by its length as it streams', async () => {
    const headers = relayRequest(batchOf(PARIS, []), { body: '' }).headers as Record<
      string,
      string
    >;
    const big = Buffer.alloc(RELAY_MAX_BODY_BYTES + 1, 0x20);
    const declared = await sendAlone(cloud.relayUrl, headers, big);
    expect(declared.status).toBe(413);
    expect((JSON.parse(declared.text) as Refusal).code).toBe('too-large');

    // Chunked, no Content-Length: cut off as soon as it passes the limit.
    const chunk = new Uint8Array(64 * 1024).fill(0x20);
    const chunks = Array(Math.ceil((RELAY_MAX_BODY_BYTES * 2) / chunk.byteLength)).fill(chunk);
    const streamed = await sendAlone(cloud.relayUrl, headers, chunks);
    expect(streamed.status).toBe(413);

    // A body of exactly the limit passes the size check (and is then refused for its signature,
    // made for another body).
    const limit = await sendAlone(
      cloud.relayUrl,
      headers,
      Buffer.alloc(RELAY_MAX_BODY_BYTES, 0x20),
    );
    expect(limit.status).toBe(401);
  });

  it('a wrong or missing relay token: 401, whatever the signature', async () => {
    const batch = batchOf(PARIS, fresh(1));
    const wrong = await post<Refusal>(cloud.relayUrl, batch, { token: 'guess' });
    expect(wrong.status).toBe(401);
    expect(wrong.body.code).toBe('relay-token');
    expect(wrong.headers.get('WWW-Authenticate')).toBe('Bearer');
    const read = await post<Refusal>(cloud.relayUrl, batch, { token: SECRETS.readToken });
    expect(read.status).toBe(401);
    const init = relayRequest(batch);
    delete (init.headers as Record<string, string>).Authorization;
    expect((await send(cloud.relayUrl, init)).status).toBe(401);
  });

  it('a batch that is not the wire format: 400 naming the field', async () => {
    const ok = batchOf(PARIS, fresh(1));
    const cases: [unknown, RegExp][] = [
      [{ ...ok, v: 2 }, /^v: .*version 1/u],
      [{ ...ok, storeId: 'no spaces' }, /^storeId: /u],
      [{ ...ok, timezone: 'Mars/Olympus' }, /^timezone: /u],
      [{ ...ok, dayStart: '25:00' }, /^dayStart: /u],
      [{ ...ok, receipts: fresh(101) }, /^receipts: .*at most 100/u],
      [{ ...ok, receipts: [] }, /^receipts: /u],
      [{ ...ok, receipts: [{ ...ok.receipts[0], seq: 1.5 }] }, /^receipts\[0\]\.seq: /u],
      [
        { ...ok, receipts: [{ ...ok.receipts[0], text: 'x'.repeat(RELAY_MAX_TEXT_CHARS + 1) }] },
        /^receipts\[0\]\.text: .*65536/u,
      ],
      [
        { ...ok, receipts: [{ ...ok.receipts[0], id: 'lyon_2.install-a.1' }] },
        /^receipts\[0\]\.id: .*paris-11/u,
      ],
      [
        {
          ...ok,
          receipts: [{ ...ok.receipts[0], figures: { ...ok.receipts[0].figures, taxes: null } }],
        },
        /^receipts\[0\]\.figures\.taxes: /u,
      ],
      [
        {
          ...ok,
          receipts: [
            {
              ...ok.receipts[0],
              figures: { ...ok.receipts[0].figures, total: 12.5 },
            },
          ],
        },
        /^receipts\[0\]\.figures\.total: /u,
      ],
      // The figures are checked in their place among the receipt's fields: missing, and named
      // before a wrong field after them (drawerKicks), after a wrong one before them (seq).
      [
        { ...ok, receipts: [{ ...ok.receipts[0], figures: undefined }] },
        /^receipts\[0\]\.figures: /u,
      ],
      [
        {
          ...ok,
          receipts: [
            {
              ...ok.receipts[0],
              figures: { ...ok.receipts[0].figures, kind: 'lunch' },
              drawerKicks: -1,
            },
          ],
        },
        /^receipts\[0\]\.figures\.kind: /u,
      ],
      [
        {
          ...ok,
          receipts: [
            { ...ok.receipts[0], seq: -1, figures: { ...ok.receipts[0].figures, kind: 'lunch' } },
          ],
        },
        /^receipts\[0\]\.seq: /u,
      ],
    ];
    for (const [batch, reason] of cases) {
      const res = await post<Refusal>(cloud.relayUrl, ok, { body: JSON.stringify(batch) });
      expect(res.status, JSON.stringify(res.body)).toBe(400);
      expect(res.body.error).toMatch(reason);
    }
    const notJson = await post<Refusal>(cloud.relayUrl, ok, { body: '{"v":1,' });
    expect(notJson.status).toBe(400);
    // A text of exactly the limit is fine.
    const longest = { ...ok.receipts[0], text: 'é'.repeat(RELAY_MAX_TEXT_CHARS) };
    expect((await post(cloud.relayUrl, batchOf(PARIS, [longest]))).status).toBe(200);
  });

  it('other methods and paths', async () => {
    expect((await send(cloud.relayUrl, { method: 'GET' })).status).toBe(405);
    expect((await send(`${cloud.url}/v1/nothing`, {})).status).toBe(404);
  });
});
