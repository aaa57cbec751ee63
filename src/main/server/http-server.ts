/**
 * The HTTP API and the browser UI. One door: every request passes the Host check, then the
 * token, then (for calls that change anything) the state-change check, before any handler runs;
 * the calls themselves come from the contract table. `/api/stream` is SSE.
 * Binds 127.0.0.1 unless told otherwise, and any other bind requires a bearer token.
 */
import http from 'node:http';
import {
  DESK_CONTRACT,
  DeskFailure,
  EVENT_STREAM_PATH,
  EXPORT_FILE_PATH,
  idSchema,
  isLoopback,
  REPORT_FILE_PATH,
  REPORT_FORMATS,
  reportDaySchema,
} from '../../shared';
import { invokeCall } from '../calls';
import { CallRoutes, pathPattern } from './call-routes';
import { Door } from './door';
import { EventStreamHub, type StreamSource } from './event-stream';
import { type ExportBackend, sendExportFile, sendReportFile } from './export-file';
import { sendError, sendJson, statusFor } from './respond';
import { serveStatic } from './static-files';

export interface HttpServerOptions {
  host: string;
  port: number;
  apiToken: string | null;
  /** Names besides this PC's own addresses that reach the page when it is open to the network. */
  allowedHosts: string[];
  maxStreamClients: number;
  streamMaxAgeS: number;
  /** Folder of the built renderer (index.html); null when the UI is not built. */
  uiDir: string | null;
  backend: ExportBackend;
  stream: StreamSource;
  /** Where failures nobody expected are written (the user is told the log has details). */
  log?: (message: string) => void;
  /** This PC's addresses and names (tests pretend to be on a network). */
  ownNames?: () => string[];
}

const EXPORT_FILE = pathPattern(EXPORT_FILE_PATH);

export class HttpServer {
  private readonly server: http.Server;
  private readonly hub: EventStreamHub;
  private readonly door: Door;
  private readonly routes = new CallRoutes();
  private readonly log: (message: string) => void;
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
    this.log = options.log ?? ((message) => console.error(message));
    this.door = new Door(options);
    this.server = http.createServer((req, res) => {
      this.handle(req, res).catch((err: unknown) => sendError(res, err, this.log));
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
        this.door.setPort(this.boundPort);
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
    // Before anything else, the page included: a rebound name must not even get the UI.
    this.door.checkHost(req);
    const url = new URL(req.url ?? '/', 'http://localhost');
    const path = url.pathname;
    const method = req.method ?? 'GET';
    if (!path.startsWith('/api/')) {
      if (method !== 'GET' && method !== 'HEAD') {
        throw new DeskFailure('METHOD_NOT_ALLOWED', 'Only GET is served here.');
      }
      serveStatic(this.options.uiDir, path, res);
      return;
    }
    if (path === EVENT_STREAM_PATH && method === 'GET') {
      this.door.checkToken(req, url, true);
      const header = req.headers['last-event-id'];
      const last =
        (Array.isArray(header) ? header[0] : header) ?? url.searchParams.get('lastEventId');
      this.hub.open(req, res, last ?? null);
      return;
    }
    const file = EXPORT_FILE.exec(path);
    if (file && (method === 'GET' || method === 'HEAD')) {
      this.door.checkToken(req, url, true);
      const id = idSchema.safeParse(Number(file[1]));
      if (!id.success)
        throw new DeskFailure('BAD_REQUEST', 'An export file is asked for by its number.');
      await sendExportFile(req, res, this.options.backend.exportFile(id.data));
      return;
    }
    const format = url.searchParams.get('format');
    if (path === REPORT_FILE_PATH && format !== null && (method === 'GET' || method === 'HEAD')) {
      url.searchParams.delete('format');
      if (format !== 'json') {
        // A download the browser opens itself: the token may come in the address.
        this.door.checkToken(req, url, true);
        if (!(REPORT_FORMATS as readonly string[]).includes(format)) {
          throw new DeskFailure(
            'BAD_REQUEST',
            `A daily report comes as json or ${REPORT_FORMATS.join(', ')}, not ${format}.`,
          );
        }
        const query = Object.fromEntries([...url.searchParams].filter(([k]) => k !== 'token'));
        const day = reportDaySchema.safeParse(query);
        if (!day.success) throw new DeskFailure('BAD_REQUEST', day.error.issues[0].message);
        sendReportFile(
          req,
          res,
          await this.options.backend.dailyReportFile(day.data, format as never),
        );
        return;
      }
    }
    const match = this.routes.match(method, path);
    if (!match) throw new DeskFailure('NOT_FOUND', `There is no ${path} in the Receipt Desk API.`);
    this.door.checkToken(req, url, false);
    const { changes } = DESK_CONTRACT[match.name];
    if (changes) this.door.checkStateChange(req);
    const args = await this.routes.decodeArgs(match, url, req);
    const result = await invokeCall(this.options.backend, match.name, args, (message) =>
      this.log(`HTTP ${message}`),
    );
    if (result.ok) sendJson(res, 200, result.value);
    else sendJson(res, statusFor(result.error.code), result);
  }
}
