import { describe, expect, it } from 'vitest';
import { relayUrlProblem } from './relay';
import { settingsSchema } from './settings';

function problem(input: unknown): string | null {
  const r = settingsSchema.safeParse(input);
  return r.success ? null : `${r.error.issues[0].path.join('.')}: ${r.error.issues[0].message}`;
}

describe('relay settings', () => {
  it('are off by default, with the issue’s batch size', () => {
    const s = settingsSchema.parse({});
    expect(s.cloudRelay).toMatchObject({
      enabled: false,
      batchReceipts: 25,
      batchKiB: 256,
      includeRaw: false,
    });
    expect(s.passThrough).toEqual([]);
  });

  it('need an address and a store id before the relay is on', () => {
    expect(problem({ cloudRelay: { enabled: true } })).toMatch(/^cloudRelay.url: .*address/);
    expect(
      problem({ cloudRelay: { enabled: true, url: 'https://r.example.com/v1/receipts' } }),
    ).toMatch(/^cloudRelay.storeId/);
    expect(problem({ cloudRelay: { storeId: 'paris 11' } })).toMatch(/store id is up to 40/);
    expect(
      problem({
        cloudRelay: {
          enabled: true,
          url: 'https://r.example.com/v1/receipts',
          storeId: 'paris-11',
        },
      }),
    ).toBeNull();
  });

  it('pass through a real station to a printer that is not Receipt Desk itself', () => {
    const listeners = [{ station: 'Bar', port: 9100 }];
    expect(
      problem({ listeners, passThrough: [{ station: 'Bar', host: '192.168.1.50' }] }),
    ).toBeNull();
    expect(problem({ listeners, passThrough: [{ station: 'Patio', host: '10.0.0.9' }] })).toMatch(
      /no station called Patio/,
    );
    expect(problem({ listeners, passThrough: [{ station: 'Bar', host: '127.0.0.1' }] })).toMatch(
      /Receipt Desk's own printer port/,
    );
    expect(
      problem({
        listeners,
        passThrough: [
          { station: 'Bar', host: '10.0.0.9' },
          { station: 'bar', host: '10.0.0.10' },
        ],
      }),
    ).toMatch(/already passes its jobs through/);
  });
});

describe('relayUrlProblem', () => {
  it.each([
    'https://receipts.example.com/v1/receipts',
    'http://127.0.0.1:8787/v1/receipts',
    'http://127.9.8.7/',
    'http://127.1/',
    'http://localhost:8787/',
    'http://LOCALHOST/',
    'http://[::1]:8787/',
  ])('accepts %s', (url) => {
    expect(relayUrlProblem(url)).toBeNull();
  });

  it.each([
    [
      'http://10.0.0.5/v1/receipts',
      /^The relay URL must start with https:\/\/ \(http:\/\/ is allowed only/,
    ],
    ['http://localhost.example.com/', /^The relay URL must start with https:\/\/ \(http/],
    ['http://128.0.0.1/', /^The relay URL must start with https:\/\/ \(http/],
    ['http://[::2]/', /^The relay URL must start with https:\/\/ \(http/],
    ['ftp://127.0.0.1/', /^The relay URL must start with https:\/\/\. /],
    ['receipts.example.com', /^The relay URL is not a web address/],
    ['https://tok:secret@receipts.example.com/', /contains a user name or password/],
  ])('refuses %s', (url, message) => {
    expect(relayUrlProblem(url)).toMatch(message);
  });
});
