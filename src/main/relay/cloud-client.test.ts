/**
 * The cloud client against a real HTTP server on 127.0.0.1: what the endpoint receives, and what
 * each kind of answer (or silence, or a reset) becomes for the relay.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { RELAY_SIGNATURE_HEADER } from '../../shared';
import {
  RELAY_RESPONSE_MAX_BYTES,
  RelayConfigError,
  postBatch,
  type PostBatchOptions,
} from './cloud-client';
import { verifySignature } from './signature';

interface Received {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

type Handler = (req: http.IncomingMessage, res: http.ServerResponse, body: Buffer) => void;

const servers: (http.Server | https.Server)[] = [];

afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

/** A server that records each request and lets `handle` answer it (or not). */
async function endpoint(handle: Handler) {
  const received: Received[] = [];
  let arrived: () => void = () => {};
  const firstRequest = new Promise<void>((resolve) => (arrived = resolve));
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      received.push({ method: req.method!, url: req.url!, headers: req.headers, body });
      res.on('error', () => {});
      arrived();
      handle(req, res, body);
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/v1/receipts`, received, firstRequest };
}

function json(res: http.ServerResponse, status: number, value: unknown, headers = {}) {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(value));
}

const BODY = JSON.stringify({
  v: 1,
  batchId: 'b-1',
  receipts: [{ id: 'paris-11.x.1', text: 'Café' }],
});
const base = (url: string): PostBatchOptions => ({
  url,
  token: 'tok_live_123',
  secret: 'whsec_abc',
  body: BODY,
  timeoutMs: 5000,
});

describe('postBatch', () => {
  it('sends the batch signed and authorised, and returns the ids the endpoint stored', async () => {
    const ep = await endpoint((_req, res) => json(res, 200, { accepted: ['paris-11.x.1'] }));
    const before = Math.floor(Date.now() / 1000);
    const out = await postBatch(base(ep.url));
    const after = Math.floor(Date.now() / 1000);
    expect(out).toEqual({ kind: 'accepted', ids: ['paris-11.x.1'] });

    const [req] = ep.received;
    expect(req.method).toBe('POST');
    expect(req.url).toBe('/v1/receipts');
    expect(req.headers.authorization).toBe('Bearer tok_live_123');
    expect(req.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(req.body.toString('utf8')).toBe(BODY);
    const header = req.headers[RELAY_SIGNATURE_HEADER.toLowerCase()] as string;
    const check = verifySignature({
      secret: 'whsec_abc',
      body: req.body,
      header,
      nowSeconds: after,
    });
    expect(check.ok).toBe(true);
    // Fresh: signed during this request, not at some other time.
    if (check.ok) {
      expect(check.t).toBeGreaterThanOrEqual(before);
      expect(check.t).toBeLessThanOrEqual(after);
    }
    expect(verifySignature({ secret: 'other', body: req.body, header, nowSeconds: after }).ok).toBe(
      false,
    );
  });

  it('signs with the clock it is given', async () => {
    const ep = await endpoint((_req, res) => json(res, 200, { accepted: [] }));
    await postBatch({ ...base(ep.url), now: () => 1_700_000_000_999 });
    expect(ep.received[0].headers[RELAY_SIGNATURE_HEADER.toLowerCase()]).toMatch(
      /^t=1700000000,v1=/,
    );
  });

  it.each([
    ['an HTML page', 'text/html', '<html>OK</html>'],
    ['JSON without accepted', 'application/json', '{"ok":true}'],
    ['ids that are not strings', 'application/json', '{"accepted":[1,2]}'],
    ['nothing', 'application/json', ''],
  ])(
    'retries a 200 with %s: the endpoint did not list what it stored',
    async (_what, type, text) => {
      const ep = await endpoint((_req, res) => {
        res.writeHead(200, { 'content-type': type });
        res.end(text);
      });
      expect(await postBatch(base(ep.url))).toEqual({
        kind: 'retry',
        status: 200,
        retryAfterMs: null,
        reason:
          'The relay endpoint answered 200 but did not list what it stored; the batch is sent again later.',
      });
    },
  );

  it('retries a 200 whose answer is larger than any list of ids, without reading it all', async () => {
    const ep = await endpoint((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"accepted":["' + 'x'.repeat(RELAY_RESPONSE_MAX_BYTES) + '"]}');
      res.end();
    });
    expect(await postBatch(base(ep.url))).toMatchObject({ kind: 'retry', status: 200 });
  });

  it('retries a 500 and quotes what the endpoint says', async () => {
    const ep = await endpoint((_req, res) => json(res, 500, { error: 'D1 is\nbusy' }));
    expect(await postBatch(base(ep.url))).toEqual({
      kind: 'retry',
      status: 500,
      retryAfterMs: null,
      reason:
        'The relay endpoint had a problem of its own (500); the batch is sent again later. The endpoint says: “D1 is busy”.',
    });
  });

  it('retries a 503 with its Retry-After in seconds', async () => {
    const ep = await endpoint((_req, res) =>
      json(res, 503, { error: 'maintenance' }, { 'retry-after': '30' }),
    );
    expect(await postBatch(base(ep.url))).toMatchObject({
      kind: 'retry',
      status: 503,
      retryAfterMs: 30_000,
      reason: expect.stringMatching(/^The relay endpoint is unavailable for now \(503\)/),
    });
  });

  it("reads a Retry-After date against the server's own Date, not this PC's clock", async () => {
    const ep = await endpoint((_req, res) => {
      res.sendDate = false;
      res.writeHead(503, {
        date: 'Sat, 01 Jan 2000 00:00:00 GMT',
        'retry-after': 'Sat, 01 Jan 2000 00:00:20 GMT',
      });
      res.end();
    });
    expect(await postBatch(base(ep.url))).toMatchObject({ kind: 'retry', retryAfterMs: 20_000 });
  });

  it.each([
    [429, /^The relay endpoint asks the desk to send less often \(429\)/],
    [408, /^The relay endpoint gave up waiting for the batch \(408\)/],
    [502, /^The relay endpoint had a problem of its own \(502\)/],
  ])('retries a %i', async (status, reason) => {
    const ep = await endpoint((_req, res) => json(res, status, {}, { 'retry-after': '5' }));
    expect(await postBatch(base(ep.url))).toMatchObject({
      kind: 'retry',
      status,
      retryAfterMs: 5000,
      reason: expect.stringMatching(reason),
    });
  });

  it('is refused by a 401, with a sentence that says where to fix it', async () => {
    const ep = await endpoint((_req, res) => json(res, 401, { error: 'bad token' }));
    expect(await postBatch(base(ep.url))).toEqual({
      kind: 'refused',
      status: 401,
      reason:
        'The relay endpoint refused the token (401): check the relay token in Settings › Cloud relay. The endpoint says: “bad token”.',
    });
  });

  it('is refused by a 400, quoting a long error cut short', async () => {
    const ep = await endpoint((_req, res) =>
      json(res, 400, { error: `receipts[3].seq: ${'e'.repeat(1000)}` }),
    );
    const out = await postBatch(base(ep.url));
    expect(out).toMatchObject({ kind: 'refused', status: 400 });
    if (out.kind !== 'refused') return;
    expect(out.reason).toMatch(
      /^The relay endpoint refused the batch as invalid \(400\)\. The endpoint says: “receipts\[3\]\.seq: e+…”\.$/,
    );
    expect(out.reason.length).toBeLessThan(300);
  });

  it('is refused by a 413, and says to lower the batch size', async () => {
    const ep = await endpoint((_req, res) => {
      res.writeHead(413, { 'content-type': 'text/html' });
      res.end('<html><body>Too large</body></html>');
    });
    expect(await postBatch(base(ep.url))).toEqual({
      kind: 'refused',
      status: 413,
      reason:
        'The relay endpoint refused the batch as too large (413): lower the batch size in Settings › Cloud relay.',
    });
  });

  it('does not follow a redirect with the receipts', async () => {
    const ep = await endpoint((_req, res) => {
      res.writeHead(308, { location: 'https://elsewhere.example/v1/receipts' });
      res.end();
    });
    expect(await postBatch(base(ep.url))).toEqual({
      kind: 'refused',
      status: 308,
      reason:
        'The relay endpoint redirects to https://elsewhere.example/v1/receipts (308): put its final address in Settings › Cloud relay.',
    });
    expect(ep.received).toHaveLength(1);
  });

  it('retries when the endpoint never answers, after the timeout', async () => {
    const ep = await endpoint(() => {
      // Holds the request open and never answers.
    });
    const pending = postBatch({ ...base(ep.url), timeoutMs: 300 });
    await ep.firstRequest;
    expect(await pending).toEqual({
      kind: 'retry',
      status: null,
      retryAfterMs: null,
      reason: 'The relay endpoint did not answer within 0.3 s; the batch is sent again later.',
    });
  });

  it('retries when the endpoint stops in the middle of its answer, after the timeout', async () => {
    const ep = await endpoint((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"accepted":[');
    });
    expect(await postBatch({ ...base(ep.url), timeoutMs: 300 })).toMatchObject({
      kind: 'retry',
      reason: 'The relay endpoint did not answer within 0.3 s; the batch is sent again later.',
    });
  });

  it('retries when the connection is reset', async () => {
    const ep = await endpoint((req) => req.socket.resetAndDestroy());
    expect(await postBatch(base(ep.url))).toEqual({
      kind: 'retry',
      status: null,
      retryAfterMs: null,
      reason:
        'The connection to the relay endpoint broke before it answered; the batch is sent again later.',
    });
  });

  it('retries when nothing listens', async () => {
    const ep = await endpoint(() => {});
    const closed = servers.pop()!;
    await new Promise((resolve) => closed.close(resolve));
    expect(await postBatch(base(ep.url))).toMatchObject({
      kind: 'retry',
      status: null,
      reason: expect.stringMatching(
        /^Could not connect to the relay endpoint \(connection refused\)/,
      ),
    });
  });

  it('gives the batch back as not sent when the relay is stopped', async () => {
    const ep = await endpoint(() => {});
    const stop = new AbortController();
    const pending = postBatch({ ...base(ep.url), signal: stop.signal });
    await ep.firstRequest;
    stop.abort();
    expect(await pending).toMatchObject({
      kind: 'retry',
      reason: 'The relay was stopped before the endpoint answered; the batch is sent again later.',
    });
  });

  it('keeps one connection for batch after batch', async () => {
    const ep = await endpoint((_req, res) => json(res, 200, { accepted: ['paris-11.x.1'] }));
    const server = servers[servers.length - 1];
    let connections = 0;
    server.on('connection', () => connections++);
    for (let i = 0; i < 3; i++) expect((await postBatch(base(ep.url))).kind).toBe('accepted');
    expect(ep.received).toHaveLength(3);
    expect(connections).toBe(1);
  });

  it('refuses an HTTPS endpoint whose certificate this PC does not trust, sending nothing', async (ctx) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rd-tls-'));
    try {
      execFileSync(
        'openssl',
        [
          ...['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1'],
          ...['-keyout', path.join(dir, 'key.pem'), '-out', path.join(dir, 'cert.pem')],
          ...['-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'],
        ],
        { stdio: 'ignore' },
      );
    } catch {
      console.log('Skipped: openssl is not installed here, so no certificate can be made.');
      ctx.skip();
    }
    let requests = 0;
    const server = https.createServer(
      {
        key: fs.readFileSync(path.join(dir, 'key.pem')),
        cert: fs.readFileSync(path.join(dir, 'cert.pem')),
      },
      (_req, res) => {
        requests++;
        json(res, 200, { accepted: [] });
      },
    );
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    expect(await postBatch(base(`https://127.0.0.1:${port}/v1/receipts`))).toEqual({
      kind: 'retry',
      status: null,
      retryAfterMs: null,
      reason:
        "The relay endpoint's HTTPS certificate was not accepted (DEPTH_ZERO_SELF_SIGNED_CERT); the batch is sent again later.",
    });
    expect(requests).toBe(0);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('refuses plain http to another machine before connecting', async () => {
    // 192.0.2.1 is TEST-NET-1: a connection attempt would hang, not fail fast.
    const attempt = postBatch({ ...base('http://192.0.2.1/v1/receipts'), timeoutMs: 60_000 });
    await expect(attempt).rejects.toBeInstanceOf(RelayConfigError);
    await expect(attempt).rejects.toMatchObject({
      code: 'RELAY_URL',
      message: expect.stringMatching(/^The relay URL must start with https:\/\//),
    });
  });

  it('refuses a token that cannot go in a header, and a missing secret', async () => {
    await expect(
      postBatch({ ...base('https://x.example'), token: 'abc\r\nX-Evil: 1' }),
    ).rejects.toMatchObject({
      code: 'RELAY_TOKEN',
    });
    await expect(postBatch({ ...base('https://x.example'), token: '' })).rejects.toMatchObject({
      code: 'RELAY_TOKEN',
    });
    await expect(postBatch({ ...base('https://x.example'), secret: '' })).rejects.toMatchObject({
      code: 'RELAY_SECRET',
    });
  });
});
