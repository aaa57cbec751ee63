/**
 * The signature header the endpoint checks. The vectors were computed once, outside this code,
 * with `printf '%s' '<t>.<body>' | openssl dgst -sha256 -hmac '<secret>'`, so a mistake in how the
 * signed string is put together (separator, encoding, seconds vs milliseconds) cannot agree with
 * itself and pass.
 */
import { describe, expect, it } from 'vitest';
import { signBody, verifySignature } from './signature';

const SECRET = 'whsec_test_secret';
const T = 1_700_000_000;
const BODY = '{"v":1,"batchId":"b-1","receipts":[]}';
const BODY_HEX = 'db43f2db34e5cf1cce9f3fdc44866858b488b36bb78accdb2756d3da9709b00f';
const UTF8_BODY = 'Café ¥1,200';
const UTF8_HEX = '0f07d45e8a2229005fe51cbfb376bed0779da952866fe6069c7ff9f84833adc1';

describe('signBody', () => {
  it('matches the vector openssl computed', () => {
    expect(signBody(SECRET, BODY, T)).toBe(`t=${T},v1=${BODY_HEX}`);
  });

  it('signs the UTF-8 bytes of a string body, the same as those bytes given directly', () => {
    expect(signBody(SECRET, UTF8_BODY, T)).toBe(`t=${T},v1=${UTF8_HEX}`);
    expect(signBody(SECRET, new TextEncoder().encode(UTF8_BODY), T)).toBe(`t=${T},v1=${UTF8_HEX}`);
  });

  it('signs whole seconds', () => {
    expect(signBody(SECRET, BODY, T + 0.999)).toBe(`t=${T},v1=${BODY_HEX}`);
  });
});

describe('verifySignature', () => {
  const header = `t=${T},v1=${BODY_HEX}`;

  it('accepts the right body and secret within the tolerance', () => {
    expect(verifySignature({ secret: SECRET, body: BODY, header, nowSeconds: T + 299 })).toEqual({
      ok: true,
      t: T,
    });
    expect(verifySignature({ secret: SECRET, body: BODY, header, nowSeconds: T - 299 }).ok).toBe(
      true,
    );
  });

  it('refuses an old or future timestamp (a replay or a wrong clock)', () => {
    const late = verifySignature({ secret: SECRET, body: BODY, header, nowSeconds: T + 301 });
    expect(late).toMatchObject({ ok: false, reason: 'expired' });
    const early = verifySignature({ secret: SECRET, body: BODY, header, nowSeconds: T - 301 });
    expect(early).toMatchObject({ ok: false, reason: 'expired' });
    const tight = verifySignature({
      secret: SECRET,
      body: BODY,
      header,
      nowSeconds: T + 11,
      toleranceS: 10,
    });
    expect(tight).toMatchObject({ ok: false, reason: 'expired' });
  });

  it('refuses a changed body, another secret, or a timestamp moved without re-signing', () => {
    const now = T;
    expect(
      verifySignature({ secret: SECRET, body: BODY + ' ', header, nowSeconds: now }),
    ).toMatchObject({ ok: false, reason: 'mismatch' });
    expect(verifySignature({ secret: 'other', body: BODY, header, nowSeconds: now })).toMatchObject(
      { ok: false, reason: 'mismatch' },
    );
    expect(
      verifySignature({
        secret: SECRET,
        body: BODY,
        header: `t=${T + 1},v1=${BODY_HEX}`,
        nowSeconds: now,
      }),
    ).toMatchObject({ ok: false, reason: 'mismatch' });
  });

  it('accepts any of several v1 signatures (a secret being rotated) and ignores other schemes', () => {
    const other = signBody('old-secret', BODY, T).split('v1=')[1];
    const rotated = `t=${T},v0=abc,v1=${other},v1=${BODY_HEX}`;
    expect(verifySignature({ secret: SECRET, body: BODY, header: rotated, nowSeconds: T }).ok).toBe(
      true,
    );
  });

  it.each([
    ['missing', undefined],
    ['empty', ''],
    ['no time', `v1=${BODY_HEX}`],
    ['no v1', `t=${T}`],
    ['time in milliseconds', `t=${T}000x,v1=${BODY_HEX}`],
    ['short hex', `t=${T},v1=${BODY_HEX.slice(2)}`],
    ['not hex', `t=${T},v1=${'z'.repeat(64)}`],
    ['two times', `t=${T},t=${T},v1=${BODY_HEX}`],
    ['no equals sign', `t=${T},v1`],
  ])('refuses a malformed header (%s)', (_name, bad) => {
    expect(
      verifySignature({ secret: SECRET, body: BODY, header: bad, nowSeconds: T }),
    ).toMatchObject({ ok: false, reason: 'malformed' });
  });
});
