/**
 * The relay's side of the wire for the tests: batches of receipts, signed as the desk signs
 * them (src/shared/relay-wire.ts), posted to the Worker, with every part of the request open to
 * being made wrong on purpose.
 */
import { createHmac, randomUUID } from 'node:crypto';
import http from 'node:http';
import {
  RELAY_SIGNATURE_HEADER,
  RELAY_WIRE_VERSION,
  type RelayBatch,
  type RelayReceipt,
} from '../../src/shared/relay-wire';
import type { ReceiptFigures } from '../../src/shared/sales';

export const SECRETS = {
  relayToken: 'relay-token-for-tests',
  hmacSecret: 'hmac-secret-for-tests',
  readToken: 'read-token-for-tests',
};

/** `t=<unix s>,v1=<hex HMAC-SHA256 of "<t>.<body>">`. */
export function signature(body: string | Buffer, secret: string, t: number): string {
  const mac = createHmac('sha256', secret).update(`${t}.`).update(body).digest('hex');
  return `t=${t},v1=${mac}`;
}

export const nowS = () => Math.floor(Date.now() / 1000);

export interface StoreSettings {
  storeId: string;
  timezone: string;
  dayStart: string;
  currency: string | null;
  restaurantName: string;
}

export const PARIS: StoreSettings = {
  storeId: 'paris-11',
  timezone: 'Europe/Paris',
  dayStart: '04:00',
  currency: 'EUR',
  restaurantName: 'Le Comptoir',
};

export function batchOf(store: StoreSettings, receipts: RelayReceipt[]): RelayBatch {
  return { v: RELAY_WIRE_VERSION, batchId: randomUUID(), ...store, receipts };
}

/** A paid sale of `total` cents (card), as the extractor would read it. */
export function saleFigures(
  total: number,
  overrides: Partial<ReceiptFigures> = {},
): ReceiptFigures {
  return {
    kind: 'sale',
    currency: 'EUR',
    header: {
      order: null,
      table: null,
      covers: null,
      server: null,
      terminal: null,
      printedAt: null,
    },
    items: [{ name: 'Soup', quantity: 1, amount: total, modifiers: [], line: 3 }],
    discounts: 0,
    subtotal: total,
    serviceCharge: null,
    taxes: [
      {
        label: 'TVA 10%',
        rate: 1000,
        base: null,
        amount: Math.round(total / 11),
        included: true,
        line: 5,
      },
    ],
    tip: null,
    total,
    payments: [{ method: 'card', label: 'CB', brand: null, amount: total, last4: '4242', line: 6 }],
    change: null,
    posDay: null,
    confidence: 1,
    problems: [],
    ...overrides,
  };
}

/** Receipt number `n` of a store: a sale received at `receivedAt`. */
export function saleReceipt(
  store: StoreSettings,
  n: number,
  receivedAt: number,
  total = 1250,
): RelayReceipt {
  return {
    id: `${store.storeId}.install-a.${n}`,
    seq: n,
    station: 'Front',
    receivedAt,
    businessDay: '2026-06-12',
    text: `LE COMPTOIR\nSoup  ${(total / 100).toFixed(2)}\nTOTAL ${(total / 100).toFixed(2)}\n`,
    figures: saleFigures(total),
    drawerKicks: 0,
  };
}

export interface Posted<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

export interface PostOptions {
  token?: string;
  secret?: string;
  /** The signature's time (unix s); now when absent. */
  t?: number;
  /** A whole signature header instead of the right one (null: none). */
  signatureHeader?: string | null;
  /** Bytes to send instead of the batch's JSON (signed all the same). */
  body?: string | Buffer;
}

/** The exact request a desk would send for `batch`, as fetch() arguments. */
export function relayRequest(batch: RelayBatch, o: PostOptions = {}): RequestInit {
  const body = o.body ?? JSON.stringify(batch);
  const sig =
    o.signatureHeader === undefined
      ? signature(body, o.secret ?? SECRETS.hmacSecret, o.t ?? nowS())
      : o.signatureHeader;
  const headers: Record<string, string> = {
    'Content-Type': 'application/json',
    Authorization: `Bearer ${o.token ?? SECRETS.relayToken}`,
  };
  if (sig !== null) headers[RELAY_SIGNATURE_HEADER] = sig;
  return { method: 'POST', headers, body };
}

export async function send<T = unknown>(url: string, init: RequestInit): Promise<Posted<T>> {
  const response = await fetch(url, init);
  const text = await response.text();
  return {
    status: response.status,
    body: (text ? JSON.parse(text) : null) as T,
    headers: response.headers,
  };
}

export function post<T = unknown>(
  relayUrl: string,
  batch: RelayBatch,
  o: PostOptions = {},
): Promise<Posted<T>> {
  return send<T>(relayUrl, relayRequest(batch, o));
}

export function read<T = unknown>(url: string, token = SECRETS.readToken): Promise<Posted<T>> {
  return send<T>(url, { headers: { Authorization: `Bearer ${token}` } });
}

/**
 * A POST on a connection of its own, closed after: for bodies the Worker refuses before reading
 * them whole, after which the connection cannot carry another request. `body` as chunks is
 * sent chunked (no Content-Length), a chunk at a time until the answer comes.
 */
export async function sendAlone(
  url: string,
  headers: Record<string, string>,
  body: Buffer | Iterable<Uint8Array>,
): Promise<{ status: number; text: string }> {
  // A refusal answered while the body is still being written can reach this side after the
  // server's reset, which then throws the answer away (about one run in twelve): that is the
  // test client's race, not the Worker's, so such a try is made again.
  const chunks = Buffer.isBuffer(body) ? body : [...body];
  for (let attempt = 1; ; attempt++) {
    try {
      return await sendOnce(url, headers, chunks);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (attempt >= 5 || (code !== 'ECONNRESET' && code !== 'EPIPE')) throw err;
    }
  }
}

function sendOnce(
  url: string,
  headers: Record<string, string>,
  body: Buffer | Uint8Array[],
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    let answered = false;
    const req = http.request(url, { method: 'POST', headers, agent: false }, (res) => {
      answered = true;
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    // Writing on after the refusal may fail; the answer is what counts.
    req.on('error', (e) => {
      if (!answered) reject(e);
    });
    if (Buffer.isBuffer(body)) {
      req.end(body);
      return;
    }
    const chunks = body[Symbol.iterator]();
    const pump = () => {
      for (;;) {
        const next = chunks.next();
        if (next.done || answered) return void req.end();
        if (!req.write(next.value)) return void req.once('drain', pump);
      }
    };
    pump();
  });
}
