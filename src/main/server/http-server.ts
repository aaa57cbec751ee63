/**
 * The HTTP API and the browser UI. JSON endpoints mirror DeskApi; `/api/stream` is SSE.
 * Binds 127.0.0.1 unless told otherwise, and any other bind requires a bearer token.
 */
import crypto from 'node:crypto';
import http from 'node:http';
import type { DeskBackend } from '../../shared';
import { DeskFailure, isLoopback } from '../../shared';
import { EventStreamHub, type StreamSource } from './event-stream';
import { type ExportBackend, handleExportRoute } from './export-routes';
import { readJsonBody } from './json-body';
import { parse, parseId, parseReceiptQuery, rangeSchema, saveSettingsBody } from './query-params';
import { sendError, sendJson } from './respond';
import { serveStatic } from './static-files';

export interface HttpServerOptions {
  host: string;
  port: number;
  apiToken: string | null;
  maxStreamClients: number;
  streamMaxAgeS: number;
  /** Folder of the built renderer (index.html); null when the UI is not built. */
  uiDir: string | null;
  backend: DeskBackend & { reinterpret(from: number, to: number): Promise<number> } & ExportBackend;
  stream: StreamSource;
}

export class HttpServer {
  private readonly server: http.Server;
  private readonly hub: EventStreamHub;
  private boundPort = 0;

  constructor(private readonly options: HttpServerOptions) {
    if (!isLoopback(options.host) && !options.apiToken) {
      throw new DeskFailure(
        'TOKEN_REQUIRED',
        `The web interface would be open to the network on ${options.host}; set an API token (--api-token or settings) or bind to 127.0.0.1.`,
      );
    }
    this.hub = new EventStreamHub(options.stream, {
      maxClients: options.maxStreamClients,
      maxAgeS: options.streamMaxAgeS,
    });
    this.server = http.createServer((req, res) => {
      this.handle(req, res).catch((err: unknown) => sendError(res, err));
    });
    this.server.keepAliveTimeout = 5_000;
  }

  get port(): number {
    return this.boundPort;
  }

  listen(): Promise<number> {
    return new Promise((resolve, reject) => {
      this.server.once('error', (err: NodeJS.ErrnoException) =>
        reject(
          err.code === 'EADDRINUSE'
            ? new DeskFailure(
                'PORT_IN_USE',
                `Web port ${this.options.port} is already in use. Close the program using it or pick another with --http-port.`,
              )
            : err,
        ),
      );
      this.server.listen(this.options.port, this.options.host, () => {
        const address = this.server.address();
        this.boundPort = address && typeof address === 'object' ? address.port : this.options.port;
        resolve(this.boundPort);
      });
    });
  }

  async close(): Promise<void> {
    this.hub.close();
    this.server.closeIdleConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const path = url.pathname;
    if (!path.startsWith('/api/')) {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        throw new DeskFailure('METHOD_NOT_ALLOWED', 'Only GET is served here.');
      }
      serveStatic(this.options.uiDir, path, res);
      return;
    }
    this.authorize(req, url);
    const b = this.options.backend;
    if (await handleExportRoute(req, res, url, b)) return;
    if (req.method === 'POST' && path === '/api/reinterpret') {
      const range = parse(rangeSchema, {
        from: url.searchParams.get('from'),
        to: url.searchParams.get('to'),
      });
      sendJson(res, 200, { reinterpreted: await b.reinterpret(range.from, range.to) });
      return;
    }
    if (req.method === 'POST') {
      // A custom header means the Receipt Desk page sent it: a browser lets another web page
      // send one only after a CORS preflight, which this server never grants.
      if (req.headers['x-receipt-desk'] !== '1') {
        throw new DeskFailure('FORBIDDEN', 'Only the Receipt Desk page may ask for this.');
      }
    }
    if (req.method === 'POST' && path === '/api/test-print') {
      sendJson(res, 200, await b.printTestReceipt());
      return;
    }
    if (req.method === 'POST' && path === '/api/settings') {
      const body = parse(saveSettingsBody, await readJsonBody(req));
      sendJson(res, 200, await b.saveSettings(body.settings, body.options));
      return;
    }
    if (req.method !== 'GET') {
      throw new DeskFailure('METHOD_NOT_ALLOWED', `${req.method} is not allowed on ${path}.`);
    }
    if (path === '/api/health') return sendJson(res, 200, await b.getHealth());
    if (path === '/api/stats') return sendJson(res, 200, await b.getStats());
    if (path === '/api/metrics') return sendJson(res, 200, await b.getMetrics());
    if (path === '/api/today') return sendJson(res, 200, await b.getToday());
    if (path === '/api/settings') return sendJson(res, 200, await b.getSettings());
    if (path === '/api/printer-addresses') {
      return sendJson(res, 200, await b.getPrinterAddresses());
    }
    if (path === '/api/receipts') {
      return sendJson(res, 200, await b.listReceipts(parseReceiptQuery(url.searchParams)));
    }
    const one = /^\/api\/receipts\/([^/]+)$/u.exec(path);
    if (one) return sendJson(res, 200, await b.getReceipt(parseId(one[1])));
    if (path === '/api/stream') {
      const header = req.headers['last-event-id'];
      const last =
        (Array.isArray(header) ? header[0] : header) ?? url.searchParams.get('lastEventId');
      this.hub.open(req, res, last ?? null);
      return;
    }
    throw new DeskFailure('NOT_FOUND', `There is no ${path} in the Receipt Desk API.`);
  }

  private authorize(req: http.IncomingMessage, url: URL): void {
    const token = this.options.apiToken;
    if (!token) return;
    const header = req.headers.authorization ?? '';
    // EventSource cannot set headers: the stream also accepts ?token=.
    const given = header.startsWith('Bearer ')
      ? header.slice(7)
      : (url.searchParams.get('token') ?? '');
    const a = Buffer.from(given);
    const b = Buffer.from(token);
    if (a.length !== b.length || !crypto.timingSafeEqual(a, b)) {
      throw new DeskFailure(
        'UNAUTHORIZED',
        'This Receipt Desk asks for its access token. Open the address shown in Settings, Web page, on the PC (it ends in #token=…), or send Authorization: Bearer.',
      );
    }
  }
}
