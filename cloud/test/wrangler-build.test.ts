/**
 * What a deploy uploads builds without an account (`wrangler deploy --dry-run`; it needs no
 * network either: run with the network cut by `unshare -n` it builds the same),
 * and that very bundle, not the tests' own, takes a batch and shows its day in workerd.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, expect, it } from 'vitest';
import type { RelayAccepted } from '../../src/shared/relay-wire';
import type { StoreDayReport } from '../src/day-report-types';
import { CLOUD_DIR } from './bundle';
import { type Cloud, startCloud } from './harness';
import { batchOf, PARIS, post, read, saleReceipt, SECRETS } from './relay-client';

const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'receipt-desk-cloud-wrangler-'));
let cloud: Cloud | undefined;
afterAll(async () => {
  await cloud?.dispose();
  fs.rmSync(outdir, { recursive: true, force: true });
});

it('wrangler builds the Worker without an account, and its bundle runs', async () => {
  const wrangler = path.join(CLOUD_DIR, 'node_modules/wrangler/bin/wrangler.js');
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [wrangler, 'deploy', '--dry-run', '--outdir', outdir],
    {
      cwd: CLOUD_DIR,
      // No account: a dry run must not need one.
      env: {
        ...process.env,
        WRANGLER_SEND_METRICS: 'false',
        CLOUDFLARE_API_TOKEN: '',
        CLOUDFLARE_ACCOUNT_ID: '',
      },
    },
  );
  expect(stdout).toMatch(/env\.DB \(receipt-desk\)\s+D1 Database/u);
  expect(stdout).toContain('--dry-run: exiting now.');
  // One copy of zod (wrangler.toml's [alias]), whoever imports it.
  const bundle = fs.readFileSync(path.join(outdir, 'index.js'), 'utf8');
  expect(new Set(bundle.match(/^\/\/ [^\n]*node_modules\/zod\//gmu))).toEqual(
    new Set(['// node_modules/zod/']),
  );

  cloud = await startCloud({ ...SECRETS, wranglerOutdir: outdir });
  const page = await fetch(`${cloud.url}/dashboard.js`);
  expect(await page.text()).toContain('textContent');
  const receipts = [1, 2].map((n) =>
    saleReceipt(PARIS, n, Date.parse(`2026-06-12T20:0${n}:00+02:00`), 1500),
  );
  const res = await post<RelayAccepted>(cloud.relayUrl, batchOf(PARIS, receipts));
  expect(res.body.accepted).toEqual(receipts.map((r) => r.id));
  const day = await read<StoreDayReport>(`${cloud.url}/v1/stores/paris-11/days/2026-06-12`);
  expect(day.body).toMatchObject({ saleCount: 2, total: 3000, payments: { card: 3000 } });
});
