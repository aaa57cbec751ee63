/**
 * A proxy between the desk's relay and the cloud endpoint that breaks the world on purpose:
 * each request it receives is passed on, or answered 500/503, or passed on and then answered
 * 503 (the endpoint stored it; the desk must retry and the endpoint deduplicate), or held past
 * the relay's timeout and then passed on, or reset, or the proxy goes away for a while (an outage). What it did to
 * each request is counted, so a test can check every fault was met.
 */
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export type Fault = 'pass' | '500' | '503' | 'pass-then-503' | 'hold' | 'reset';

export interface FaultProxy {
  url: string;
  /** How many requests met each fault. */
  counts: Record<Fault, number>;
  /** Requests refused while down (connections refused). */
  outage(ms: number): Promise<void>;
  close(): Promise<void>;
}

/** `choose` picks each request's fault (seeded in the test, so a run can be replayed). */
export async function startFaultProxy(
  target: string,
  choose: () => Fault,
  holdMs = 5_000,
): Promise<FaultProxy> {
  const counts: Record<Fault, number> = {
    pass: 0,
    '500': 0,
    '503': 0,
    'pass-then-503': 0,
    hold: 0,
    reset: 0,
  };
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  const handler = (req: http.IncomingMessage, res: http.ServerResponse): void => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const fault = choose();
      counts[fault]++;
      const body = Buffer.concat(chunks);
      if (fault === 'reset') {
        req.socket.resetAndDestroy();
        return;
      }
      if (fault === 'hold') {
        // Held past the relay's timeout, then passed on all the same: the endpoint stores a
        // batch the desk has given up on and sent again.
        const t = setTimeout(() => {
          timers.delete(t);
          void forward(target, req, body)
            .catch(() => null)
            .then(() => {
              if (!res.writableEnded) res.writeHead(504).end('{"error":"held"}');
            });
        }, holdMs);
        timers.add(t);
        return;
      }
      if (fault === '500' || fault === '503') {
        res.writeHead(Number(fault), { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ error: `injected ${fault}` }));
        return;
      }
      void forward(target, req, body).then(
        (answer) => {
          if (fault === 'pass-then-503') {
            res.writeHead(503, { 'Content-Type': 'application/json' });
            res.end(JSON.stringify({ error: 'injected 503 after the endpoint stored it' }));
            return;
          }
          res.writeHead(answer.status, { 'Content-Type': 'application/json' });
          res.end(answer.body);
        },
        () => res.writeHead(502).end('{"error":"endpoint unreachable"}'),
      );
    });
  };
  let server = http.createServer(handler);
  const track = (s: http.Server) =>
    s.on('connection', (socket) => {
      sockets.add(socket);
      socket.once('close', () => sockets.delete(socket));
    });
  track(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  const closeServer = async () => {
    for (const t of timers) clearTimeout(t);
    timers.clear();
    for (const s of sockets) s.destroy();
    await new Promise<void>((r) => server.close(() => r()));
  };
  return {
    url: `http://127.0.0.1:${port}`,
    counts,
    async outage(ms: number) {
      await closeServer();
      await new Promise((r) => setTimeout(r, ms));
      server = http.createServer(handler);
      track(server);
      await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
    },
    close: closeServer,
  };
}

async function forward(
  target: string,
  req: http.IncomingMessage,
  body: Buffer,
): Promise<{ status: number; body: string }> {
  const headers: Record<string, string> = {};
  for (const name of ['authorization', 'content-type', 'x-receipt-desk-signature']) {
    const v = req.headers[name];
    if (typeof v === 'string') headers[name] = v;
  }
  const res = await fetch(`${target}${req.url ?? '/'}`, {
    method: req.method,
    headers,
    body: req.method === 'POST' ? new Uint8Array(body) : undefined,
  });
  return { status: res.status, body: await res.text() };
}
