/**
 * Sends one batch to the restaurant's relay endpoint and says what became of it, in words the
 * manager understands: accepted (with the ids the endpoint stored), to be retried (408, 429, 5xx,
 * no answer, a broken connection, or a 2xx that does not list what it stored), or refused (any
 * other answer; the consumer marks the receipts dead after its attempts). One request, no retry
 * of its own: the consumer owns backoff and the circuit breaker.
 */
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
  const timeout = AbortSignal.timeout(o.timeoutMs);
  const signal = o.signal ? AbortSignal.any([timeout, o.signal]) : timeout;
  const seconds = Math.round(o.timeoutMs / 100) / 10;
  try {
    const response = await fetch(o.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json; charset=utf-8',
        accept: 'application/json',
        authorization: `Bearer ${o.token}`,
        [RELAY_SIGNATURE_HEADER]: signBody(o.secret, o.body, Math.floor(now() / 1000)),
      },
      body: o.body,
      // A redirect would re-send the receipts somewhere the manager did not set: say so instead.
      redirect: 'manual',
      signal,
    });
    const text = await readCapped(response);
    return outcome(response, text, now);
  } catch (error) {
    if (o.signal?.aborted && !timeout.aborted) {
      return retry(
        'The relay was stopped before the endpoint answered; the batch is sent again later.',
      );
    }
    if (timeout.aborted) {
      return retry(
        `The relay endpoint did not answer within ${seconds} s; the batch is sent again later.`,
      );
    }
    return retry(networkReason(error));
  }
}

function retry(reason: string, status: number | null = null, retryAfterMs: number | null = null) {
  return { kind: 'retry', reason, retryAfterMs, status } as const;
}

/** The answer's text, up to the cap; `complete` false when it was longer. */
async function readCapped(response: Response): Promise<{ text: string; complete: boolean }> {
  if (!response.body) return { text: '', complete: true };
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (size + value.byteLength > RELAY_RESPONSE_MAX_BYTES) {
      chunks.push(value.subarray(0, RELAY_RESPONSE_MAX_BYTES - size));
      await reader.cancel().catch(() => undefined);
      return { text: Buffer.concat(chunks).toString('utf8'), complete: false };
    }
    chunks.push(value);
    size += value.byteLength;
  }
  return { text: Buffer.concat(chunks).toString('utf8'), complete: true };
}

function outcome(
  response: Response,
  body: { text: string; complete: boolean },
  now: () => number,
): PostOutcome {
  const status = response.status;
  if (status >= 200 && status < 300) {
    const ids = body.complete ? acceptedIds(body.text) : null;
    if (ids) return { kind: 'accepted', ids };
    return retry(
      `The relay endpoint answered ${status} but did not list what it stored; the batch is sent again later.`,
      status,
    );
  }
  const says = endpointSays(body.text, response.headers.get('content-type'));
  if (status === 408 || status === 429 || status >= 500) {
    // The server's own Date, when it sends one, so a date-form Retry-After does not depend on
    // this PC's clock agreeing with the server's.
    const serverNow = parseHttpDate(response.headers.get('date') ?? '') ?? now();
    const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), serverNow);
    return retry(retryReason(status) + says, status, retryAfterMs);
  }
  if (status >= 300 && status < 400) {
    const to = response.headers.get('location');
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
    case 'UND_ERR_SOCKET':
    case 'UND_ERR_CLOSED':
      return 'The connection to the relay endpoint broke before it answered; the batch is sent again later.';
    case 'ETIMEDOUT':
    case 'UND_ERR_CONNECT_TIMEOUT':
    case 'UND_ERR_HEADERS_TIMEOUT':
    case 'UND_ERR_BODY_TIMEOUT':
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

/** fetch wraps the socket's error in `cause` (sometimes twice); the code is on the innermost. */
function errorCode(error: unknown): string | null {
  let e: unknown = error;
  for (let depth = 0; depth < 4 && e; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    e = (e as { cause?: unknown }).cause;
  }
  return null;
}
