/**
 * `npm run serve` as a process: the ready line, the HTTP API and its errors, the event stream
 * and its bounds, the token rule, SIGTERM, and a kill -9 in the middle of a burst.
 */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ReceiptDetail, ReceiptPage, ReceiptSummary } from '../src/shared';
import { esc, openSocket, sendRaw, tempDir } from './helpers/desk';
import { getJson, type ServeProcess, startServe } from './helpers/serve-process';
import { openStream } from './helpers/sse';

const running: ServeProcess[] = [];
afterEach(async () => {
  for (const p of running.splice(0)) {
    if (p.child.exitCode === null && p.child.signalCode === null) {
      p.child.kill('SIGTERM');
      await p.exited;
    }
  }
});

async function serve(dataDir = tempDir(), extra: string[] = []): Promise<ServeProcess> {
  const p = await startServe([
    '--data-dir',
    dataDir,
    '--printer-port',
    '0',
    '--http-port',
    '0',
    ...extra,
  ]);
  running.push(p);
  return p;
}

describe('npm run serve', () => {
  it('serves the receipts over HTTP and SSE, and exits 0 on SIGTERM with the receipt in flight kept', async () => {
    const s = await serve();
    const health = await getJson<{
      status: string;
      printer: { listening: boolean; port: number };
      db: { ok: boolean };
    }>(s.url('/api/health'));
    expect(health.body).toMatchObject({
      status: 'ok',
      printer: { listening: true, port: s.printerPort },
      db: { ok: true },
    });
    const page = await fetch(s.url('/'));
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root">');

    const stream = await openStream(s.url('/api/stream'));
    const sent = [
      esc.receipt('CAFE MILANO', 'Order A-1043', 'TOTAL 12.50'),
      esc.receipt('Date 12/05/2026', 'TOTAL 7.00'),
      esc.receipt('Livraison Qu\x82bec', 'TOTAL 3.00'), // é in CP437, the printer's default table
    ];
    for (const r of sent) expect((await sendRaw(s.printerPort, r)).acknowledged).toBe(true);
    await stream.waitFor((_, all) => all.filter((e) => e.event === 'receipt').length === 3);
    const live = stream.events.filter((e) => e.event === 'receipt');
    const ids = live.map((e) => Number(e.id));
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect((JSON.parse(live[0].data) as ReceiptSummary).text).toBe(
      'CAFE MILANO\nOrder A-1043\nTOTAL 12.50',
    );
    await stream.waitFor((e) => e.event === 'metrics', 3000);
    stream.close();

    // Newest first, paged with a cursor.
    const first = await getJson<ReceiptPage>(s.url('/api/receipts?limit=2'));
    expect(first.body.items.map((r) => r.id)).toEqual([ids[2], ids[1]]);
    const second = await getJson<ReceiptPage>(
      s.url(`/api/receipts?limit=2&before=${first.body.nextCursor}`),
    );
    expect(second.body.items.map((r) => r.id)).toEqual([ids[0]]);
    expect(second.body.nextCursor).toBeNull();

    // Full text finds codes as typed.
    for (const [q, id] of [
      ['A-1043', ids[0]],
      ['1043', ids[0]],
      ['12/05', ids[1]],
      ['Quebec', ids[2]],
      ['milano total', ids[0]],
    ] as const) {
      const found = await getJson<ReceiptPage>(s.url(`/api/receipts?q=${encodeURIComponent(q)}`));
      expect(
        found.body.items.map((r) => r.id),
        q,
      ).toEqual([id]);
    }

    const detail = await getJson<ReceiptDetail>(s.url(`/api/receipts/${ids[2]}`));
    expect(Buffer.from(detail.body.rawBase64, 'base64')).toEqual(sent[2]);
    expect(
      detail.body.document?.blocks.some((b) => b.kind === 'event' && b.event === 'partial-cut'),
    ).toBe(true);
    expect(detail.body.text).toBe('Livraison Qu\u00e9bec\nTOTAL 3.00');

    const stats = await getJson<Record<string, number>>(s.url('/api/stats'));
    expect(stats.body).toMatchObject({
      receiptsTotal: 3,
      connectionsTotal: 3,
      failedTotal: 0,
      receiptsToday: 3,
    });
    const metrics = await getJson<{ osThreads: number | null; pool: { threads: number } }>(
      s.url('/api/metrics'),
    );
    expect(metrics.body.osThreads).toBeGreaterThan(0);
    expect(metrics.body.pool.threads).toBeGreaterThan(0);

    // Resume after the first id: the two later receipts come at once, nothing twice.
    const resumed = await openStream(s.url('/api/stream'), { 'Last-Event-ID': String(ids[0]) });
    await resumed.waitFor((_, all) => all.filter((e) => e.event === 'receipt').length === 2);
    expect(resumed.events.filter((e) => e.event === 'receipt').map((e) => Number(e.id))).toEqual([
      ids[1],
      ids[2],
    ]);
    resumed.close();

    // Bad requests: 4xx JSON with a code and a sentence, never a stack trace.
    for (const [p, status, code] of [
      ['/api/receipts?limit=0', 400, 'BAD_REQUEST'],
      ['/api/receipts?limit=501', 400, 'BAD_REQUEST'],
      ['/api/receipts?before=abc', 400, 'BAD_REQUEST'],
      ['/api/receipts/999999', 404, 'NOT_FOUND'],
      ['/api/receipts/x', 400, 'BAD_REQUEST'],
      ['/api/nothing-here', 404, 'NOT_FOUND'],
    ] as const) {
      const res = await getJson<{ ok: boolean; error: { code: string; message: string } }>(
        s.url(p),
      );
      expect(res.status, p).toBe(status);
      expect(res.body.ok).toBe(false);
      expect(res.body.error.code).toBe(code);
      expect(res.body.error.message).not.toMatch(/\bat .*\.(ts|js):\d+/u);
    }

    // A receipt half-sent when the service is told to stop is stored, then the process exits 0.
    const socket = await openSocket(s.printerPort);
    const serverClosed = new Promise<void>((r) => socket.once('end', () => r()));
    socket.write(esc.text('Table 9 still ordering\n'));
    await new Promise((r) => setTimeout(r, 200));
    s.child.kill('SIGTERM');
    expect(await s.exited).toBe(0);
    await serverClosed;
    socket.destroy();
    const db = new Database(path.join(s.dataDir, 'receipts.sqlite'), { readonly: true });
    const last = db
      .prepare('SELECT text, ended_by, status FROM receipts ORDER BY id DESC LIMIT 1')
      .get();
    db.close();
    expect(last).toEqual({ text: 'Table 9 still ordering', ended_by: 'shutdown', status: 'ok' });
  });

  it('without the allocator settings, runs the service in a child that has them and ends with the launcher', async () => {
    if (process.platform !== 'linux') {
      console.log('skipped: the allocator settings are for glibc, on Linux only');
      return;
    }
    const env = { ...process.env };
    delete env.MALLOC_ARENA_MAX;
    delete env.MALLOC_MMAP_THRESHOLD_;
    const s = await startServe(
      ['--data-dir', tempDir(), '--printer-port', '0', '--http-port', '0'],
      20_000,
      env,
    );
    running.push(s);
    const launcher = s.child.pid!;
    const [service] = fs
      .readFileSync(`/proc/${launcher}/task/${launcher}/children`, 'utf8')
      .trim()
      .split(' ')
      .map(Number);
    const environ = fs.readFileSync(`/proc/${service}/environ`, 'utf8').split('\0');
    expect(environ).toEqual(
      expect.arrayContaining(['MALLOC_ARENA_MAX=2', 'MALLOC_MMAP_THRESHOLD_=16384']),
    );
    expect((await sendRaw(s.printerPort, esc.receipt('Table 5', 'Tea  2.40'))).acknowledged).toBe(
      true,
    );
    // However the launcher ends, the service does not outlive it (no port held by an orphan).
    s.child.kill('SIGKILL');
    await s.exited;
    const deadline = Date.now() + 15_000;
    while (fs.existsSync(`/proc/${service}`) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(fs.existsSync(`/proc/${service}`)).toBe(false);
  });

  it('keeps every receipt it acknowledged through a kill -9 in the middle of a burst', async () => {
    const dataDir = tempDir();
    const s = await serve(dataDir);
    const acked: string[] = [];
    let killed = false;
    let sentCount = 0;
    const client = async (c: number): Promise<void> => {
      for (let n = 0; !killed && n < 2000; n++) {
        const marker = `KILLTEST-${c}-${n}`;
        sentCount++;
        const body = Array.from({ length: 10 + (n % 30) }, (_, k) => `${marker} line ${k}   1.00`);
        try {
          await sendRaw(s.printerPort, esc.receipt(...body), 5000);
          if (!killed) acked.push(marker);
        } catch {
          return; // the server is gone: this one was never acknowledged
        }
      }
    };
    const clients = Array.from({ length: 16 }, (_, c) => client(c));
    while (acked.length < 400) await new Promise((r) => setTimeout(r, 10));
    killed = true;
    s.child.kill('SIGKILL');
    await s.exited;
    await Promise.all(clients);
    expect(sentCount).toBeGreaterThan(acked.length);

    const again = await serve(dataDir);
    const stored = new Set<string>();
    let before: string | null = null;
    do {
      const url = `/api/receipts?limit=500${before ? `&before=${before}` : ''}`;
      const page: ReceiptPage = (await getJson<ReceiptPage>(again.url(url))).body;
      for (const r of page.items) {
        const raw = (await getJson<ReceiptDetail>(again.url(`/api/receipts/${r.id}`))).body
          .rawBase64;
        const marker = /KILLTEST-\d+-\d+/u.exec(Buffer.from(raw, 'base64').toString('latin1'));
        if (marker) stored.add(marker[0]);
      }
      before = page.nextCursor;
    } while (before);
    const missing = acked.filter((m) => !stored.has(m));
    expect(missing).toEqual([]);
  });

  it('refuses to open the API beyond this computer without a token, and checks the token', async () => {
    await expect(serve(tempDir(), ['--http-host', '0.0.0.0'])).rejects.toMatchObject({
      code: 'TOKEN_REQUIRED',
      exitCode: 2,
    });
    const token = 'kitchen-token-0123456789';
    const s = await serve(tempDir(), ['--http-host', '0.0.0.0', '--api-token', token]);
    const denied = await getJson<{ error: { code: string } }>(s.url('/api/health'));
    expect(denied.status).toBe(401);
    expect(denied.body.error.code).toBe('UNAUTHORIZED');
    const allowed = await getJson(s.url('/api/health'), {
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(allowed.status).toBe(200);
  });

  it('says which printer port is taken and exits, instead of a stack trace', async () => {
    const blocker = net.createServer();
    await new Promise<void>((r) => blocker.listen(0, '0.0.0.0', () => r()));
    const port = (blocker.address() as net.AddressInfo).port;
    try {
      const failure = await startServe([
        '--data-dir',
        tempDir(),
        '--printer-port',
        String(port),
        '--http-port',
        '0',
      ]).then(
        () => null,
        (err: unknown) => err as { code: string; message: string; exitCode: number },
      );
      expect(failure).toMatchObject({ code: 'PORT_IN_USE', exitCode: 2 });
      expect(failure!.message).toContain(`Printer port ${port} (Front) is already in use`);
    } finally {
      blocker.close();
    }
  });

  it('bounds live streams: at most maxStreamClients, each closed after streamMaxAgeS', async () => {
    const dataDir = tempDir();
    fs.writeFileSync(
      path.join(dataDir, 'settings.json'),
      JSON.stringify({ http: { maxStreamClients: 2, streamMaxAgeS: 5 } }),
    );
    const s = await serve(dataDir);
    const a = await openStream(s.url('/api/stream'));
    const b = await openStream(s.url('/api/stream'));
    const c = await getJson<{ error: { code: string } }>(s.url('/api/stream'));
    expect(c.status).toBe(503);
    expect(c.body.error.code).toBe('TOO_MANY_STREAMS');
    await Promise.all([a.ended, b.ended]);
    const d = await openStream(s.url('/api/stream'));
    expect(d.status).toBe(200);
    d.close();
  });

  it('saves settings only from its own page, and answers bad ones with the setting named', async () => {
    const s = await serve(tempDir());
    const current = (await getJson<{ settings: Record<string, unknown> }>(s.url('/api/settings')))
      .body.settings;
    const post = (body: string, headers: Record<string, string> = {}) =>
      getJson<{ error?: { code: string; message: string } }>(s.url('/api/settings'), {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...headers },
        body,
      });
    const page = { 'X-Receipt-Desk': '1' };
    // Another web page cannot send the custom header without a preflight the server refuses.
    expect((await post(JSON.stringify([current]))).status).toBe(403);
    const notJson = await post('[{"listeners":', page);
    expect([notJson.status, notJson.body.error?.code]).toEqual([400, 'BAD_REQUEST']);
    const bad = await post(
      JSON.stringify([{ ...current, capture: { allowList: ['till-one'] } }]),
      page,
    );
    expect(bad.status).toBe(400);
    expect(bad.body.error?.message).toContain('"till-one" is not an IP address');
    const good = await post(JSON.stringify([current]), page);
    expect(good.status).toBe(200);
    expect(fs.existsSync(path.join(s.dataDir, 'settings.json'))).toBe(true);
  });
});
