/**
 * The read side: the endpoints answer the read token only (never the relay's), refuse what is
 * not a date or a store in words, and the owner's page runs under a strict policy and shows
 * whatever a desk relayed as text, in a real browser.
 */
import fs from 'node:fs';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Refusal } from '../src/http';
import type { StoresDay } from '../src/day-report-types';
import { type Cloud, startCloud } from './harness';
import { batchOf, PARIS, post, read, saleReceipt, SECRETS, send } from './relay-client';

let cloud: Cloud;
const DATE = '2026-06-12';
/** A store name a hostile desk might send: it must appear as these characters, not as markup. */
const HOSTILE_NAME = '<img src=x onerror="document.title=`pwned`">Café <b>Bold</b>';

beforeAll(async () => {
  cloud = await startCloud(SECRETS);
  const store = { ...PARIS, restaurantName: HOSTILE_NAME };
  const receipts = [1, 2].map((n) =>
    saleReceipt(store, n, Date.parse(`${DATE}T12:0${n}:00+02:00`), 2000),
  );
  expect((await post(cloud.relayUrl, batchOf(store, receipts))).status).toBe(200);
});
afterAll(() => cloud?.dispose());

describe('the read endpoints', () => {
  const paths = [`/v1/days/${DATE}`, `/v1/stores/${PARIS.storeId}/days/${DATE}`];

  it('answer the read token', async () => {
    for (const p of paths) {
      const res = await read(`${cloud.url}${p}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('Cache-Control')).toBe('no-store');
    }
  });

  it('refuse no token, a wrong one, and the relay token', async () => {
    for (const p of paths) {
      for (const token of ['', 'guess', SECRETS.relayToken]) {
        const res = await read<Refusal>(`${cloud.url}${p}`, token);
        expect(res.status, `${p} with "${token}"`).toBe(401);
        expect(res.body.code).toBe('read-token');
      }
      expect((await send(`${cloud.url}${p}`, {})).status).toBe(401);
    }
  });

  it('say what is wrong with a date or a store', async () => {
    const bad = await read<Refusal>(`${cloud.url}/v1/days/12-06-2026`);
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatch(/2026-03-29/u);
    const impossible = await read<Refusal>(
      `${cloud.url}/v1/stores/${PARIS.storeId}/days/2026-02-30`,
    );
    expect(impossible.status).toBe(400);
    const unknown = await read<Refusal>(`${cloud.url}/v1/stores/rome-1/days/${DATE}`);
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toMatch(/rome-1/u);
    const notAStore = await read<Refusal>(`${cloud.url}/v1/stores/no%20store/days/${DATE}`);
    expect(notAStore.status).toBe(400);
    const malformed = await read<Refusal>(`${cloud.url}/v1/stores/%E0%A4%A/days/${DATE}`);
    expect(malformed.status).toBe(400);
  });

  it('carry what the desk sent as data, untouched', async () => {
    const res = await read<StoresDay>(`${cloud.url}/v1/days/${DATE}`);
    expect(res.headers.get('Content-Type')).toMatch(/^application\/json/u);
    expect(res.body.stores[0]).toMatchObject({
      restaurantName: HOSTILE_NAME,
      receiptCount: 2,
      total: 4000,
    });
  });
});

describe("the owner's page", () => {
  it('is served under a policy that runs its own script only', async () => {
    const page = await fetch(`${cloud.url}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('Content-Type')).toMatch(/^text\/html/u);
    const policy = page.headers.get('Content-Security-Policy') ?? '';
    expect(policy).toContain("default-src 'none'");
    expect(policy).toContain("script-src 'self'");
    expect(policy).toContain("connect-src 'self'");
    expect(policy).not.toMatch(/unsafe/u);
    expect(page.headers.get('X-Frame-Options')).toBe('DENY');
    const html = await page.text();
    expect(html).not.toMatch(/<script>|<style>|\son\w+=/u);
    for (const file of ['/dashboard.js', '/dashboard.css']) {
      const res = await fetch(`${cloud.url}${file}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('X-Content-Type-Options')).toBe('nosniff');
    }
  });

  it('builds its tables from text only, never from markup', () => {
    const script = fs.readFileSync(new URL('../src/page/dashboard.js', import.meta.url), 'utf8');
    expect(script).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(/u);
  });

  const browserPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  const haveBrowser = fs.existsSync(browserPath);
  if (!haveBrowser) console.warn(`No browser at ${browserPath}: the page is not opened in one.`);

  it.skipIf(!haveBrowser)(
    'shows every store of the day with the token typed in, store names as plain text',
    async () => {
      const browser = await chromium.launch({
        executablePath: browserPath,
        args: [
          '--no-sandbox',
          '--disable-gpu',
          '--disable-background-networking',
          '--no-first-run',
        ],
      });
      try {
        const page = await browser.newPage();
        const violations: string[] = [];
        page.on('console', (m) => {
          if (/Content Security Policy/u.test(m.text())) violations.push(m.text());
        });
        await page.goto(`${cloud.url}/`);
        await page.fill('#date', DATE);
        await page.fill('#token', 'wrong');
        await page.click('button[type=submit]');
        await expect.poll(() => page.textContent('#status')).toMatch(/read token/u);

        await page.fill('#token', SECRETS.readToken);
        await page.click('button[type=submit]');
        await expect.poll(() => page.textContent('#status')).toBe('1 store(s).');
        const firstCell = page.locator('#stores tbody tr td').first();
        expect(await firstCell.textContent()).toContain(HOSTILE_NAME);
        // Nothing the desk sent became an element or ran.
        expect(await page.locator('#stores img, #stores b').count()).toBe(0);
        expect(await page.title()).toBe('Receipt Desk – every store');
        expect(await page.locator('#stores tbody td').nth(7).textContent()).toBe('€40.00');
        expect(violations).toEqual([]);
      } finally {
        await browser.close();
      }
    },
  );
});
