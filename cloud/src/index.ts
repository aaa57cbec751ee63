/**
 * Receipt Desk's cloud endpoint, a Cloudflare Worker with D1: it takes the batches the desks
 * relay (POST /v1/receipts, token + signature + replay guard, stored once each) and shows every
 * store's business day with the desktop's own figures (GET /v1/…, the read token; GET /, a page).
 */
import {
  RELAY_MAX_BODY_BYTES,
  RELAY_SIGNATURE_HEADER,
  type RelayAccepted,
  STORE_ID_PATTERN,
} from '../../src/shared/relay-wire';
import { readBatch } from './batch-schema';
import { readCapped } from './body';
import { BadDay, storeDay, storesDay, UnknownStore } from './day-figures';
import { type Env, missingSecret } from './env';
import { json, refuse } from './http';
import { pageFile } from './page';
import { bearerToken, checkSignature, sameSecret } from './relay-auth';
import { ReplayedBatch, storeBatch, TooLargeForD1 } from './store-batch';

export type { Env } from './env';

const STORE_DAY = /^\/v1\/stores\/([^/]+)\/days\/([^/]+)$/u;
const ALL_STORES_DAY = /^\/v1\/days\/([^/]+)$/u;
const DATE = /^\d{4}-\d{2}-\d{2}$/u;

export default {
  async fetch(request, env): Promise<Response> {
    try {
      return await route(request, env);
    } catch (e) {
      console.error('receipt-desk-cloud:', e);
      return refuse(
        500,
        'internal',
        "The endpoint could not answer this time; the desk will try again. If it keeps happening, read the Worker's logs (npx wrangler tail).",
      );
    }
  },
} satisfies ExportedHandler<Env>;

async function route(request: Request, env: Env): Promise<Response> {
  const { pathname, searchParams } = new URL(request.url);
  const method = request.method;
  if (pathname === '/v1/receipts') {
    return method === 'POST' ? receive(request, env) : notAllowed('POST');
  }
  const storeDayPath = STORE_DAY.exec(pathname);
  const allStoresPath = ALL_STORES_DAY.exec(pathname);
  if (storeDayPath !== null || allStoresPath !== null) {
    if (method !== 'GET') return notAllowed('GET');
    const denied = await readDenied(request, env);
    if (denied !== null) return denied;
    const date = decoded(allStoresPath !== null ? allStoresPath[1] : storeDayPath![2]);
    if (date === null || !DATE.test(date)) {
      return refuse(
        400,
        'bad-date',
        `"${(date ?? '').slice(0, 40)}" is not a date. Write it as 2026-03-29.`,
      );
    }
    try {
      if (allStoresPath !== null) return json(await storesDay(env.DB, date));
      const store = decoded(storeDayPath![1]);
      if (store === null || !STORE_ID_PATTERN.test(store)) {
        return refuse(400, 'bad-store', `"${(store ?? '').slice(0, 40)}" is not a store id.`);
      }
      return json(await storeDay(env.DB, store, date, searchParams.get('station')));
    } catch (e) {
      if (e instanceof BadDay) return refuse(400, 'bad-date', e.message);
      if (e instanceof UnknownStore) {
        return refuse(404, 'unknown-store', `No receipts have come from store "${e.message}" yet.`);
      }
      throw e;
    }
  }
  if (method === 'GET' || method === 'HEAD') {
    const page = pageFile(pathname);
    if (page !== null) return page;
  }
  return refuse(404, 'not-found', `Nothing is at ${pathname.slice(0, 100)}.`);
}

/** A path segment decoded, or null when it is not valid percent-encoding. */
function decoded(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

function notAllowed(allow: string): Response {
  return refuse(405, 'method-not-allowed', `Use ${allow} here.`, { Allow: allow });
}

function notSetUp(env: Env): Response | null {
  const missing = missingSecret(env);
  if (missing === null) return null;
  return refuse(
    500,
    'not-set-up',
    `The Worker has no ${missing}. Set it with: npx wrangler secret put ${missing}`,
  );
}

/** The read endpoints take the read token only. */
async function readDenied(request: Request, env: Env): Promise<Response | null> {
  const unset = notSetUp(env);
  if (unset !== null) return unset;
  const token = bearerToken(request);
  if (token !== null && (await sameSecret(token, env.READ_TOKEN))) return null;
  return refuse(
    401,
    'read-token',
    'Give the read token (READ_TOKEN) as "Authorization: Bearer <token>".',
    { 'WWW-Authenticate': 'Bearer' },
  );
}

/**
 * POST /v1/receipts, its checks from the cheapest: size, token, signature and its time, the
 * batch's fields; then one transaction, which refuses a batch id it remembers (409), and the ids
 * only after its commit.
 */
async function receive(request: Request, env: Env): Promise<Response> {
  const body = await readCapped(request, RELAY_MAX_BODY_BYTES);
  if (!body.ok) return refuse(413, 'too-large', body.reason);
  const unset = notSetUp(env);
  if (unset !== null) return unset;
  const token = bearerToken(request);
  if (token === null || !(await sameSecret(token, env.RELAY_TOKEN))) {
    return refuse(
      401,
      'relay-token',
      'The relay token is not the one this Worker has (RELAY_TOKEN). Enter it again in Receipt Desk.',
      { 'WWW-Authenticate': 'Bearer' },
    );
  }
  const now = Date.now();
  const signature = await checkSignature(
    request.headers.get(RELAY_SIGNATURE_HEADER),
    body.bytes,
    env.RELAY_HMAC_SECRET,
    now,
  );
  if (!signature.ok) return refuse(401, signature.code, signature.error);
  const read = readBatch(body.bytes);
  if (!read.ok) return refuse(400, 'bad-batch', read.reason);
  try {
    const accepted: RelayAccepted = {
      accepted: await storeBatch(env.DB, read.batch, signature.signedAt, now),
    };
    return json(accepted);
  } catch (e) {
    if (e instanceof ReplayedBatch) {
      return refuse(
        409,
        'replayed',
        `Batch ${read.batch.batchId.slice(0, 80)} was already received: a request is never taken twice. Receipt Desk sends a retry as a new batch.`,
      );
    }
    if (e instanceof TooLargeForD1) {
      return refuse(413, 'too-large', `${e.message} Lower the relay's batch size in Receipt Desk.`);
    }
    throw e;
  }
}
