/**
 * Who may send a batch: the relay token (compared in constant time) and the Stripe-style
 * signature `t=<unix s>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">`, whose time must be within
 * RELAY_SIGNATURE_TOLERANCE_S of this server's clock.
 */
import { RELAY_SIGNATURE_TOLERANCE_S } from '../../src/shared/relay-wire';

const encoder = new TextEncoder();

/** The token of an `Authorization: Bearer <token>` header, or null. */
export function bearerToken(request: Request): string | null {
  const header = request.headers.get('Authorization');
  const m = header === null ? null : /^Bearer +(\S+) *$/iu.exec(header);
  return m === null ? null : m[1];
}

/**
 * Whether `given` is `expected`, taking the same time whatever they hold: both are hashed
 * first, so even their lengths are not given away.
 */
export async function sameSecret(given: string, expected: string): Promise<boolean> {
  const [a, b] = await Promise.all([
    crypto.subtle.digest('SHA-256', encoder.encode(given)),
    crypto.subtle.digest('SHA-256', encoder.encode(expected)),
  ]);
  return crypto.subtle.timingSafeEqual(a, b);
}

export type SignatureCheck =
  | { ok: true; signedAt: number }
  | {
      ok: false;
      code: 'signature-missing' | 'signature-invalid' | 'signature-expired';
      error: string;
    };

/** Checks the signature header against the raw body at `nowMs`. */
export async function checkSignature(
  header: string | null,
  body: Uint8Array,
  secret: string,
  nowMs: number,
): Promise<SignatureCheck> {
  if (header === null || header.trim() === '') {
    return {
      ok: false,
      code: 'signature-missing',
      error: 'The batch has no X-Receipt-Desk-Signature header. Update Receipt Desk.',
    };
  }
  let t: string | null = null;
  const signatures: Uint8Array[] = [];
  for (const part of header.split(',')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const key = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (key === 't' && /^\d{1,12}$/u.test(value)) t = value;
    else if (key === 'v1' && /^[0-9a-f]{64}$/iu.test(value)) signatures.push(hexBytes(value));
  }
  const invalid: SignatureCheck = {
    ok: false,
    code: 'signature-invalid',
    error:
      'The signature does not match this batch. Check that the signing secret in Receipt Desk is the RELAY_HMAC_SECRET set on the Worker.',
  };
  if (t === null || signatures.length === 0) return invalid;
  const key = await crypto.subtle.importKey(
    'raw',
    encoder.encode(secret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['verify'],
  );
  const signed = concat(encoder.encode(`${t}.`), body);
  let matches = false;
  // verify() compares in constant time; every signature is tried so none is cut short.
  for (const s of signatures) {
    if (await crypto.subtle.verify('HMAC', key, s, signed)) matches = true;
  }
  if (!matches) return invalid;
  const signedAt = Number(t);
  const skew = Math.round(nowMs / 1000 - signedAt);
  if (Math.abs(skew) > RELAY_SIGNATURE_TOLERANCE_S) {
    return {
      ok: false,
      code: 'signature-expired',
      error: `The signature's timestamp is ${Math.abs(skew)} s ${skew > 0 ? 'old' : 'in the future'}, more than the ${RELAY_SIGNATURE_TOLERANCE_S} s allowed: the request was played again, or the clock of the PC running Receipt Desk is wrong. Set that PC's clock to the right time.`,
    };
  }
  return { ok: true, signedAt };
}

function hexBytes(hex: string): Uint8Array {
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}
