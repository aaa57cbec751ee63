/**
 * The relay's request signature, in the style of Stripe's webhooks: the header value
 * `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">`. The endpoint recomputes it with the
 * shared secret, so a forged body or a body replayed after the tolerance window is refused. The
 * verifier here serves the tests and documents the check; the Worker has its own (WebCrypto).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { RELAY_SIGNATURE_TOLERANCE_S } from '../../shared';

/** The header value for `body` signed at `unixSeconds` (whole seconds since the epoch). */
export function signBody(secret: string, body: string | Uint8Array, unixSeconds: number): string {
  const t = Math.floor(unixSeconds);
  return `t=${t},v1=${hmacHex(secret, t, body)}`;
}

export type SignatureCheck =
  | { ok: true; t: number }
  | { ok: false; reason: 'malformed' | 'expired' | 'mismatch'; message: string };

export interface VerifyOptions {
  secret: string;
  /** The raw body exactly as received: re-serialised JSON would not verify. */
  body: string | Uint8Array;
  /** The X-Receipt-Desk-Signature header value. */
  header: string | null | undefined;
  nowSeconds: number;
  toleranceS?: number;
}

/**
 * Checks a signature header. Every `v1=` entry is tried, so a secret can be rotated by sending
 * both signatures for a while (as Stripe does). Compared in constant time.
 */
export function verifySignature(o: VerifyOptions): SignatureCheck {
  const parsed = parseHeader(o.header);
  if (!parsed) {
    return {
      ok: false,
      reason: 'malformed',
      message: 'The signature header is missing or not of the form t=<seconds>,v1=<hex>.',
    };
  }
  const tolerance = o.toleranceS ?? RELAY_SIGNATURE_TOLERANCE_S;
  if (Math.abs(o.nowSeconds - parsed.t) > tolerance) {
    return {
      ok: false,
      reason: 'expired',
      message: `The signature's time is more than ${tolerance} s away from now: a replay, or a clock set wrong.`,
    };
  }
  const expected = Buffer.from(hmacHex(o.secret, parsed.t, o.body), 'hex');
  let match = false;
  for (const candidate of parsed.v1) {
    const given = Buffer.from(candidate, 'hex');
    // Lengths are not secret (every v1 is 32 bytes); only the bytes are compared in constant time.
    if (given.length === expected.length && timingSafeEqual(given, expected)) match = true;
  }
  if (!match) {
    return {
      ok: false,
      reason: 'mismatch',
      message: 'The signature does not match the body: a different secret, or a changed body.',
    };
  }
  return { ok: true, t: parsed.t };
}

function hmacHex(secret: string, t: number, body: string | Uint8Array): string {
  const mac = createHmac('sha256', secret);
  mac.update(`${t}.`, 'utf8');
  if (typeof body === 'string') mac.update(body, 'utf8');
  else mac.update(body);
  return mac.digest('hex');
}

function parseHeader(header: string | null | undefined): { t: number; v1: string[] } | null {
  if (!header || header.length > 1024) return null;
  let t: number | null = null;
  const v1: string[] = [];
  for (const part of header.split(',')) {
    const eq = part.indexOf('=');
    if (eq < 0) return null;
    const key = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (key === 't') {
      if (t !== null || !/^\d{1,12}$/.test(value)) return null;
      t = Number(value);
    } else if (key === 'v1') {
      if (!/^[0-9a-f]{64}$/i.test(value)) return null;
      v1.push(value);
    }
    // Other schemes (v0, a future v2) are ignored, as Stripe's verifiers do.
  }
  if (t === null || v1.length === 0) return null;
  return { t, v1 };
}
