/**
 * Sends one batch to the restaurant's relay endpoint and says what became of it, in words the
 * manager understands: accepted (with the ids the endpoint stored), to be retried (408, 429, 5xx,
 * no answer, a broken connection, or a 2xx that does not list what it stored), or refused (any
 * other answer; the consumer marks the receipts dead after its attempts). One request, no retry
 * of its own: the consumer owns backoff and the circuit breaker.
 */
import http from 'node:http';
import https from 'node:https';
import { RELAY_SIGNATURE_HEADER, relayUrlProblem } from '../../shared';
import { parseHttpDate, parseRetryAfter } from './backoff';
import { signBody } from './signature';

export type PostOutcome =
  | { kind: 'accepted'; ids: string[] }
  | { kind: 'retry'; reason: string; retryAfterMs: number | null; status: number | null }
  | { kind: 'refused'; status: number; reason: string };

export interface PostBatchOptions {
  url: string;
  token: string;
  /** The HMAC secret shared with the endpoint. */
  secret: string;
  /** The JSON body exactly as it is signed and sent. */
  body: string;
  /** For the whole exchange: connecting, sending, and reading the answer. */
  timeoutMs: number;
  /** Wall-clock milliseconds for the signature's timestamp (the endpoint compares it to its own). */
  now?: () => number;
  /** Aborts the request, as when the service stops; the batch then counts as not sent. */
  signal?: AbortSignal;
}

/** Enough for the accepted ids of any batch; an answer past this is not read further. */
export const RELAY_RESPONSE_MAX_BYTES = 256 * 1024;
const ERROR_TEXT_MAX_CHARS = 200;
const SETTINGS = 'Settings › Cloud relay';

/** A setting that stops every request before it is made: fix the setting, not the batch. */
export class RelayConfigError extends Error {
  constructor(
    readonly code: 'RELAY_URL' | 'RELAY_TOKEN' | 'RELAY_SECRET',
    message: string,
  ) {
    super(message);
    this.name = 'RelayConfigError';
  }
}

/**
 * POSTs one batch. Resolves with an outcome for anything the network or the endpoint does;
 * throws only RelayConfigError, before connecting, for a URL, token or secret that cannot be used.
 */
export async function postBatch(o: PostBatchOptions): Promise<PostOutcome> {
  const urlProblem = relayUrlProblem(o.url);
  if (urlProblem) throw new RelayConfigError('RELAY_URL', urlProblem);
  if (!o.token) throw new RelayConfigError('RELAY_TOKEN', `Set the relay token in ${SETTINGS}.`);
  if (!/^[\x21-\x7e]+$/.test(o.token)) {
    throw new RelayConfigError(
      'RELAY_TOKEN',
      `The relay token has a space, a line break or a character that cannot be sent: paste it again in ${SETTINGS}.`,
    );
  }
  if (!o.secret) {
    throw new RelayConfigError('RELAY_SECRET', `Set the relay signing secret in ${SETTINGS}.`);
  }

  const now = o.now ?? Date.now;
  const seconds = Math.round(o.timeoutMs / 100) / 10;
  // Turned into UTF-8 once, for the signature and the request both.
  const body = Buffer.from(o.body, 'utf8');
  const answer = await exchange(o.url, {
    headers: {
      'content-type': 'application/json; charset=utf-8',
      accept: 'application/json',
      authorization: `Bearer ${o.token}`,
      [RELAY_SIGNATURE_HEADER]: signBody(o.secret, body, Math.floor(now() / 1000)),
    },
    body,
    timeoutMs: o.timeoutMs,
    signal: o.signal,
  });
  switch (answer.kind) {
    case 'answered':
      return outcome(answer, now);
    case 'stopped':
      return retry(
        'The relay was stopped before the endpoint answered; the batch is sent again later.',
      );
    case 'timeout':
      return retry(
        `The relay endpoint did not answer within ${seconds} s; the batch is sent again later.`,
      );
    case 'failed':
      return retry(networkReason(answer.error));
  }
}

/** Connections kept open between batches (one batch is in flight at a time). */
const agents = {
  http: new http.Agent({ keepAlive: true, maxSockets: 4 }),
  https: new https.Agent({ keepAlive: true, maxSockets: 4 }),
};

interface Answer {
  kind: 'answered';
  status: number;
  headers: http.IncomingHttpHeaders;
  /** The answer's text, up to the cap; `complete` false when it was longer. */
  text: string;
  complete: boolean;
}

type Exchange =
  Answer | { kind: 'timeout' } | { kind: 'stopped' } | { kind: 'failed'; error: unknown };

/**
 * One POST with node's own http/https (fetch's stream layers cost ~1.5 ms of the main thread per
 * 120 KB batch here). Redirects are not followed: the consumer reports them. The timeout covers
 * connecting, sending and reading the whole answer; the socket is destroyed when it fires or the
 * signal aborts, so nothing is left waiting.
 */
function exchange(
  url: string,
  o: {
    headers: Record<string, string>;
    body: Buffer;
    timeoutMs: number;
    signal?: AbortSignal;
  },
): Promise<Exchange> {
  return new Promise((resolve) => {
    const target = new URL(url);
    const secure = target.protocol === 'https:';
    const body = o.body;
    let settled = false;
    const finish = (result: Exchange): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      o.signal?.removeEventListener('abort', onAbort);
      if (result.kind !== 'answered') request.destroy();
      resolve(result);
    };
    const request = (secure ? https : http).request(
      target,
      {
        method: 'POST',
        headers: { ...o.headers, 'content-length': String(body.length) },
        agent: secure ? agents.https : agents.http,
      },
      (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          if (size + chunk.length > RELAY_RESPONSE_MAX_BYTES) {
            chunks.push(chunk.subarray(0, RELAY_RESPONSE_MAX_BYTES - size));
            // Not read further: the connection goes rather than being drained.
            response.destroy();
            finish(answered(response, chunks, false));
            return;
          }
          chunks.push(chunk);
          size += chunk.length;
        });
        response.on('end', () => finish(answered(response, chunks, true)));
        response.on('error', (error) => finish({ kind: 'failed', error }));
      },
    );
    const timer = setTimeout(() => finish({ kind: 'timeout' }), o.timeoutMs);
    const onAbort = (): void => finish({ kind: 'stopped' });
    if (o.signal?.aborted) {
      onAbort();
      return;
    }
    o.signal?.addEventListener('abort', onAbort, { once: true });
    request.on('error', (error) => finish({ kind: 'failed', error }));
    request.end(body);
  });
}

function answered(response: http.IncomingMessage, chunks: Buffer[], complete: boolean): Answer {
  return {
    kind: 'answered',
    status: response.statusCode ?? 0,
    headers: response.headers,
    text: Buffer.concat(chunks).toString('utf8'),
    complete,
  };
}

function retry(reason: string, status: number | null = null, retryAfterMs: number | null = null) {
  return { kind: 'retry', reason, retryAfterMs, status } as const;
}

function outcome(answer: Answer, now: () => number): PostOutcome {
  const { status, headers } = answer;
  const header = (name: string): string | null => {
    const value = headers[name];
    return typeof value === 'string' ? value : null;
  };
  if (status >= 200 && status < 300) {
    const ids = answer.complete ? acceptedIds(answer.text) : null;
    if (ids) return { kind: 'accepted', ids };
    return retry(
      `The relay endpoint answered ${status} but did not list what it stored; the batch is sent again later.`,
      status,
    );
  }
  const says = endpointSays(answer.text, header('content-type'));
  if (status === 408 || status === 429 || status >= 500) {
    // The server's own Date, when it sends one, so a date-form Retry-After does not depend on
    // this PC's clock agreeing with the server's.
    const serverNow = parseHttpDate(header('date') ?? '') ?? now();
    const retryAfterMs = parseRetryAfter(header('retry-after'), serverNow);
    return retry(retryReason(status) + says, status, retryAfterMs);
  }
  if (status >= 300 && status < 400) {
    const to = header('location');
    const where = to ? ` to ${clip(to)}` : '';
    return {
      kind: 'refused',
      status,
      reason: `The relay endpoint redirects${where} (${status}): put its final address in ${SETTINGS}.`,
    };
  }
  if (status >= 400) return { kind: 'refused', status, reason: refusalReason(status) + says };
  return retry(`The relay endpoint gave an answer the desk does not know (${status}).`, status);
}

function acceptedIds(text: string): string[] | null {
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed === null || typeof parsed !== 'object') return null;
    const accepted = (parsed as { accepted?: unknown }).accepted;
    if (!Array.isArray(accepted) || !accepted.every((id) => typeof id === 'string')) return null;
    return accepted as string[];
  } catch {
    return null;
  }
}

function retryReason(status: number): string {
  if (status === 408) {
    return `The relay endpoint gave up waiting for the batch (408); it is sent again later.`;
  }
  if (status === 429) {
    return `The relay endpoint asks the desk to send less often (429); the batch waits and is sent again.`;
  }
  if (status === 503) {
    return `The relay endpoint is unavailable for now (503); the batch is sent again later.`;
  }
  return `The relay endpoint had a problem of its own (${status}); the batch is sent again later.`;
}

function refusalReason(status: number): string {
  switch (status) {
    case 401:
      return `The relay endpoint refused the token (401): check the relay token in ${SETTINGS}.`;
    case 403:
      return `The relay endpoint refused the request (403): check the relay token and signing secret in ${SETTINGS}, and that this PC's clock is right.`;
    case 404:
    case 405:
      return `There is no relay endpoint at this address (${status}): check the relay URL in ${SETTINGS}.`;
    case 413:
      return `The relay endpoint refused the batch as too large (413): lower the batch size in ${SETTINGS}.`;
    case 400:
    case 422:
      return `The relay endpoint refused the batch as invalid (${status}).`;
    default:
      return `The relay endpoint refused the batch (${status}).`;
  }
}

/** The endpoint's own `error` text (RelayRefused), as a sentence to append; '' when none. */
function endpointSays(text: string, contentType: string | null): string {
  let message: string | null = null;
  if (contentType?.includes('json')) {
    try {
      const parsed: unknown = JSON.parse(text);
      const error = (parsed as { error?: unknown } | null)?.error;
      if (typeof error === 'string') message = error;
    } catch {
      // Not the JSON it claims: say nothing rather than quote a broken body.
    }
  } else if (contentType?.startsWith('text/plain')) {
    message = text;
  }
  if (!message) return '';
  const clean = clip(message);
  return clean ? ` The endpoint says: “${clean}”.` : '';
}

/** One line of printable text, cut to a length a status line can show. */
function clip(s: string): string {
  const flat = s
    .replace(/\p{Cc}+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return flat.length > ERROR_TEXT_MAX_CHARS ? `${flat.slice(0, ERROR_TEXT_MAX_CHARS - 1)}…` : flat;
}

function networkReason(error: unknown): string {
  const code = errorCode(error);
  switch (code) {
    case 'ECONNREFUSED':
      return 'Could not connect to the relay endpoint (connection refused): it may be down, or the URL may be wrong. The batch is sent again later.';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return "The relay endpoint's name could not be looked up: check the internet connection and the relay URL. The batch is sent again later.";
    case 'ECONNRESET':
    case 'EPIPE':
      return 'The connection to the relay endpoint broke before it answered; the batch is sent again later.';
    case 'ETIMEDOUT':
      return 'The relay endpoint did not answer in time; the batch is sent again later.';
    case 'ENETUNREACH':
    case 'EHOSTUNREACH':
      return 'The relay endpoint cannot be reached from this PC (no route): check the internet connection. The batch is sent again later.';
  }
  if (code && /CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_VERIFY/.test(code)) {
    return `The relay endpoint's HTTPS certificate was not accepted (${code}); the batch is sent again later.`;
  }
  const message = error instanceof Error ? error.message : String(error);
  return `The relay endpoint could not be reached (${clip(code ?? message)}); the batch is sent again later.`;
}

/** The error's code, or its cause's (TLS and lookup errors may come wrapped). */
function errorCode(error: unknown): string | null {
  let e: unknown = error;
  for (let depth = 0; depth < 4 && e; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    e = (e as { cause?: unknown }).cause;
  }
  return null;
}
