/**
 * The checks every HTTP request passes before any route runs (VS Code's validateIPC, for HTTP):
 *
 * - Host: DNS rebinding points a stranger's name (evil.example) at 127.0.0.1, and the browser
 *   then treats that page and this API as one origin. The name a browser used is in the Host
 *   header, so only names that really mean this PC are served: loopback names and addresses on
 *   the web page's port, and, when the page is open to the network, this PC's own addresses, its
 *   host name and the names the manager added in Settings.
 * - The access token, when one is set: `Authorization: Bearer` on every call; in the query
 *   string only for the two addresses a browser opens without headers (the event stream and an
 *   export download).
 * - Calls that change anything: the page's own header (another page can send one only after a
 *   CORS preflight, which this server never grants) and, when the browser says where the request
 *   comes from, an Origin equal to this page's own.
 */
import crypto from 'node:crypto';
import type http from 'node:http';
import os from 'node:os';
import { DeskFailure, isLoopback } from '../../shared';

export interface DoorOptions {
  /** The address the web page listens on (127.0.0.1 keeps it on this PC). */
  host: string;
  apiToken: string | null;
  /** Extra names this PC is reached by (Settings, Web page), e.g. "office-pc.lan". */
  allowedHosts: string[];
  /** This PC's own addresses and host name; the system's by default. */
  ownNames?: () => string[];
}

const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '[::1]'];
/** Interfaces come and go (Wi-Fi, VPN); read again at most this often. */
const OWN_NAMES_TTL_MS = 10_000;

export class Door {
  private port = 0;
  private ownNamesCache: { at: number; names: Set<string> } | null = null;
  private readonly exposed: boolean;
  /** The bind address itself (127.0.0.2, or this PC's LAN address) as a Host header names it. */
  private readonly bindName: string;

  constructor(private readonly options: DoorOptions) {
    this.exposed = !isLoopback(options.host);
    const bound = options.host.includes(':') ? `[${options.host}]` : options.host;
    this.bindName = bound.toLowerCase();
  }

  /** The port the web page is served on (known once listening). */
  setPort(port: number): void {
    this.port = port;
  }

  checkHost(req: http.IncomingMessage): void {
    const header = req.headers.host;
    const parsed = header ? splitHost(header) : null;
    if (parsed && parsed.port === this.port && this.knownName(parsed.name)) return;
    throw new DeskFailure(
      'BAD_HOST',
      `This Receipt Desk answers only to its own addresses, not to "${header ?? ''}". Open it at http://127.0.0.1:${this.port}/ on this PC, or add the name you use in Settings, Web page.`,
    );
  }

  /** `queryToken`: the route is one a browser opens without headers (stream, download). */
  checkToken(req: http.IncomingMessage, url: URL, queryToken: boolean): void {
    const token = this.options.apiToken;
    if (!token) return;
    const header = req.headers.authorization ?? '';
    const given = header.startsWith('Bearer ')
      ? header.slice(7)
      : queryToken
        ? (url.searchParams.get('token') ?? '')
        : '';
    const a = Buffer.from(given);
    const b = Buffer.from(token);
    if (a.length !== b.length || !crypto.timingSafeEqual(a, b)) {
      throw new DeskFailure(
        'UNAUTHORIZED',
        'This Receipt Desk asks for its access token. Open the address shown in Settings, Web page, on the PC (it ends in #token=…), or send Authorization: Bearer.',
      );
    }
  }

  /** Before any call that changes something. The Host was checked first. */
  checkStateChange(req: http.IncomingMessage): void {
    if (req.headers['x-receipt-desk'] !== '1') {
      throw new DeskFailure('FORBIDDEN', 'Only the Receipt Desk page may ask for this.');
    }
    const origin = req.headers.origin;
    if (origin !== undefined && origin !== `http://${req.headers.host}`) {
      throw new DeskFailure(
        'FORBIDDEN',
        `A page from ${origin} may not change this Receipt Desk. Use the Receipt Desk page itself.`,
      );
    }
  }

  private knownName(name: string): boolean {
    if (LOOPBACK_NAMES.includes(name) || name === this.bindName) return true;
    if (!this.exposed) return false;
    if (this.options.allowedHosts.some((h) => h.toLowerCase() === name)) return true;
    return this.ownNames().has(name);
  }

  private ownNames(): Set<string> {
    const now = Date.now();
    if (!this.ownNamesCache || now - this.ownNamesCache.at > OWN_NAMES_TTL_MS) {
      const names = (this.options.ownNames ?? systemNames)().map((n) => n.toLowerCase());
      this.ownNamesCache = { at: now, names: new Set(names) };
    }
    return this.ownNamesCache.names;
  }
}

/** "Host: [::1]:9180" -> { name: "[::1]", port: 9180 }; names are compared in lower case. */
export function splitHost(header: string): { name: string; port: number } | null {
  const m = /^(\[[0-9a-f:.]+\]|[^:[\]]+)(?::(\d{1,5}))?$/iu.exec(header.trim());
  if (!m) return null;
  return { name: m[1].toLowerCase().replace(/\.$/u, ''), port: m[2] ? Number(m[2]) : 80 };
}

/** This PC's addresses (IPv6 in brackets, as in a Host header) and host names. */
function systemNames(): string[] {
  const names = [os.hostname(), `${os.hostname()}.local`];
  for (const list of Object.values(os.networkInterfaces())) {
    for (const a of list ?? []) {
      names.push(a.family === 'IPv6' ? `[${a.address.replace(/%.*$/u, '')}]` : a.address);
    }
  }
  return names;
}
