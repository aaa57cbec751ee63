/**
 * A receipt the cloud endpoint refuses for good (a wrong token: 401) is given up with the reason,
 * and the relay's gauge then says so without claiming to retry: nothing is waiting to be tried
 * again, so the state is back to sending while the refusal stays in the last error and the dead
 * count. Sending it again (retryRelay) with the endpoint accepting delivers it.
 */
import http from 'node:http';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { afterEach, expect, it } from 'vitest';
import { desksStoppedAfterEach, eventually, sendRaw } from './helpers/desk';

const startDesk = desksStoppedAfterEach();
const servers: http.Server[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    await new Promise((r) => s.close(r));
  }
});

/** An endpoint that refuses the token until `accept` is set, then stores every batch. */
async function endpoint() {
  const state = { accept: false, requests: 0 };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      state.requests++;
      if (!state.accept) {
        res.writeHead(401, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: 'relay-token', message: 'Not this store.' }));
        return;
      }
      const batch = JSON.parse(Buffer.concat(chunks).toString()) as { receipts: { id: string }[] };
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ accepted: batch.receipts.map((r) => r.id) }));
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  servers.push(server);
  return { state, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/receipts` };
}

it('a refused receipt is given up with the reason, and the relay does not claim to retry', async () => {
  const cloud = await endpoint();
  const desk = await startDesk({
    cloudRelay: { enabled: true, url: cloud.url, storeId: 'paris-11', deadAfterAttempts: 1 },
  });
  await desk.service.setRelayCredentials({
    token: 'a-token-from-another-store',
    secret: 'signing-secret-of-the-test-0123456789',
  });
  await sendRaw(desk.port, Buffer.from('\x1b@ORDER 7\nTOTAL 4.20\n\x1dV\x00', 'latin1'));
  const [receipt] = await desk.waitForReceipts(1);

  const status = await eventually(async () => {
    const s = await desk.service.getRelay();
    return s.dead.length === 1 && s.cloud.dead === 1 && s;
  }, 30_000);
  expect(status.dead[0]).toMatchObject({ receiptId: receipt.id, destination: 'cloud' });
  expect(status.dead[0].error).toMatch(/refused the token \(401\)/);
  expect(status.cloud).toMatchObject({ state: 'ok', backlog: 0, dead: 1 });
  expect(status.cloud.lastError).toMatch(/refused the token \(401\)/);
  expect(cloud.state.requests).toBe(1);

  // The right token at the endpoint; the manager sends the receipt again.
  cloud.state.accept = true;
  expect(await desk.service.retryRelay({ receiptId: receipt.id })).toBe(1);
  await eventually(
    async () =>
      (await desk.service.getReceipt(receipt.id)).relay?.[0]?.state === 'delivered' || undefined,
    30_000,
  );
  const after = await desk.service.getRelay();
  expect(after.dead).toEqual([]);
  expect(after.cloud).toMatchObject({ state: 'ok', dead: 0, lastError: null });
});
