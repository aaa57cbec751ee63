/**
 * A desk with its web page (HTTP API) in the test's process, on ephemeral 127.0.0.1 ports, and a
 * raw HTTP client that can send what a browser would not let a script set (a Host header).
 */
import http from 'node:http';
import { HttpServer, type HttpServerOptions } from '../../src/main/server';
import type { SettingsInput } from '../../src/shared';
import { type Desk, startDesk } from './desk';

export interface WebDesk {
  desk: Desk;
  port: number;
  url: (path: string) => string;
  stop(): Promise<void>;
}

export async function startWebDesk(
  input: SettingsInput = {},
  options: Partial<HttpServerOptions> = {},
): Promise<WebDesk> {
  const desk = await startDesk(input);
  const server = new HttpServer({
    host: '127.0.0.1',
    port: 0,
    apiToken: null,
    allowedHosts: [],
    maxStreamClients: 4,
    streamMaxAgeS: 60,
    uiDir: null,
    backend: desk.service,
    stream: desk.service.stream(),
    log: () => {},
    ...options,
  });
  const port = await server.listen();
  return {
    desk,
    port,
    url: (p) => `http://127.0.0.1:${port}${p}`,
    async stop() {
      await server.close();
      await desk.stop();
    },
  };
}

export interface RawAnswer {
  status: number;
  body: string;
  json<T = { ok?: boolean; error?: { code: string; message: string } }>(): T;
}

/** One request with exactly these headers (Host included); the answer read whole. */
export function rawRequest(
  port: number,
  method: string,
  target: string,
  headers: Record<string, string>,
  body?: string,
): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, method, path: target, headers, setHost: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status: res.statusCode ?? 0, body: text, json: () => JSON.parse(text) });
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}
