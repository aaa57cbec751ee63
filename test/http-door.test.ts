/**
 * The HTTP door, over every call of the contract table: a call added to the table is covered by
 * these tests the moment it is added.
 * - DNS rebinding: a request naming another host (evil.example resolved to 127.0.0.1) is refused
 *   on every route, the page and the event stream included.
 * - CSRF: a cross-origin POST (no page header, a foreign Origin, text/plain) is refused on every
 *   call that changes something, before its handler runs.
 * - One set of argument checks: each call answers the same over HTTP as over the IPC path.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { invokeCall } from '../src/main/calls';
import {
  type CallArgs,
  DESK_CALLS,
  DESK_CONTRACT,
  type DeskCall,
  encodeCall,
  fillPath,
  pathParams,
} from '../src/shared';
import { ROOT, esc, eventually, sendRaw } from './helpers/desk';
import { rawRequest, startWebDesk, type WebDesk } from './helpers/web-page';

let web: WebDesk | null = null;
afterEach(async () => {
  await web?.stop();
  web = null;
});

const DAY = 24 * 3600 * 1000;
const range = { from: Date.now() - DAY, to: Date.now() + DAY };

/** Valid arguments for every call: a new call fails the typecheck here until it has some. */
const SAMPLE_ARGS: { [K in DeskCall]: CallArgs<K> } = {
  getHealth: [],
  listReceipts: [{ limit: 5, q: 'TOTAL' }],
  getReceipt: [1],
  getStats: [],
  getMetrics: [],
  getToday: [],
  getDailyReport: [{ date: '2026-12-07' }],
  getAutoExport: [],
  getPrinterAddresses: [],
  printTestReceipt: [],
  getSettings: [],
  // The test desk's own port (0 stays on the port it was given): saving changes nothing.
  saveSettings: [{ listeners: [{ host: '127.0.0.1', port: 0, station: 'Front' }] }],
  reinterpret: [range],
  previewExport: [range],
  startExport: [{ ...range, format: 'csv' }],
  getExport: [1],
  openExport: [1],
  saveDailyReport: [{ date: '2026-12-07', format: 'csv' }],
  getSalesProfile: [{ station: 'Front' }],
  previewSalesProfile: [{ profile: { station: 'Front', labels: { total: ['toplam'] } } }],
  saveSalesProfile: [{ profile: { station: 'Front' } }],
  getFiguresRereading: [],
  getRangeReport: [{ from: '2026-12-01', to: '2026-12-07' }],
  startRangeReport: [{ from: '2026-12-01', to: '2026-12-07', format: 'csv' }],
  cancelExport: [1],
  getRelay: [],
  setRelayCredentials: [{ token: 'relay-token-of-the-test', secret: null }],
  retryRelay: [{}],
  printAgain: [{ receiptId: 1, station: 'Front' }],
};

/** The same call with one field nobody declared (or one argument too many). */
function withUnknownField(name: DeskCall): unknown[] {
  const args = [...(SAMPLE_ARGS[name] as readonly unknown[])];
  const at = args.findIndex((a) => typeof a === 'object' && a !== null);
  if (at >= 0) args[at] = { ...(args[at] as object), bogus: 1 };
  else args.push({ bogus: 1 });
  return args;
}

/** The request the page would send for these arguments, with the headers given. */
function send(port: number, name: DeskCall, args: unknown[], headers: Record<string, string>) {
  const request = encodeCall(name, args as never);
  const body = request.body === undefined ? undefined : JSON.stringify(request.body);
  const bodyHeaders: Record<string, string> =
    body === undefined ? {} : { 'Content-Type': 'application/json' };
  return rawRequest(port, request.method, request.target, { ...bodyHeaders, ...headers }, body);
}

/** One export runs at a time: the next start waits until the last one has finished. */
async function exportsSettled(w: WebDesk): Promise<void> {
  // Every job so far (exports and range reports share the numbers) has finished.
  await eventually(async () => {
    for (let id = 1; ; id++) {
      const job = await w.desk.service.getExport(id).catch(() => null);
      if (job === null) return true;
      if (job.state === 'running') return undefined;
    }
  });
}

const page = (port: number) => ({ Host: `127.0.0.1:${port}`, 'X-Receipt-Desk': '1' });

describe('the HTTP door', () => {
  it('answers only to names of this PC: a rebound name is refused on every route, page and stream', async () => {
    web = await startWebDesk();
    const { port } = web;
    const strangers = [`evil.example:${port}`, 'evil.example', `localhost:${port + 1}`, ''];
    for (const host of strangers) {
      for (const name of DESK_CALLS) {
        const answer = await send(port, name, SAMPLE_ARGS[name] as unknown[], {
          ...page(port),
          Host: host,
        });
        expect([name, host, answer.status]).toEqual([name, host, 421]);
        expect(answer.json().error?.code).toBe('BAD_HOST');
      }
      for (const target of ['/', '/api/stream', fillPath('/api/exports/:id/file', 1)]) {
        const answer = await rawRequest(port, 'GET', target, { Host: host });
        expect([target, host, answer.status]).toEqual([target, host, 421]);
      }
    }
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`]) {
      const answer = await rawRequest(port, 'GET', '/api/health', { Host: host });
      expect([host, answer.status]).toEqual([host, 200]);
    }
  });

  it('refuses a cross-origin POST on every call that changes something, before it runs', async () => {
    web = await startWebDesk();
    const { port, desk } = web;
    await sendRaw(desk.port, esc.receipt('Table 4', 'TOTAL 12.00'));
    await desk.waitForReceipts(1);
    const settingsBefore = await desk.service.getSettings();
    const changing = DESK_CALLS.filter((name) => DESK_CONTRACT[name].changes);
    expect(changing).toEqual(
      expect.arrayContaining(['saveSettings', 'printTestReceipt', 'reinterpret', 'startExport']),
    );
    for (const name of changing) {
      const request = encodeCall(name, SAMPLE_ARGS[name] as never);
      const host = `127.0.0.1:${port}`;
      // What a page on another site can send without a preflight: a simple text/plain POST.
      const simple = await rawRequest(
        port,
        'POST',
        request.target,
        { Host: host, Origin: 'http://evil.example', 'Content-Type': 'text/plain' },
        JSON.stringify(request.body ?? []),
      );
      expect([name, simple.status]).toEqual([name, 403]);
      // The page's header copied, but from another origin.
      const foreign = await send(port, name, SAMPLE_ARGS[name] as unknown[], {
        ...page(port),
        Origin: `http://evil.example:${port}`,
      });
      expect([name, foreign.status]).toEqual([name, 403]);
      expect(foreign.json().error?.code).toBe('FORBIDDEN');
    }
    // Nothing ran: the settings are as they were, no test receipt was printed, no export began.
    expect(await desk.service.getSettings()).toEqual(settingsBefore);
    expect((await desk.service.getStats()).receiptsTotal).toBe(1);
    await expect(desk.service.getExport(1)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    // The page itself, from its own origin, may.
    const own = await send(port, 'printTestReceipt', [], {
      ...page(port),
      Origin: `http://127.0.0.1:${port}`,
    });
    expect(own.status).toBe(200);
  });

  it('checks every call’s arguments the same over HTTP as over IPC: unknown fields refused on both', async () => {
    web = await startWebDesk();
    const { port, desk } = web;
    await sendRaw(desk.port, esc.receipt('Table 9', 'TOTAL 3.00'));
    await desk.waitForReceipts(1);
    const ipc = (name: DeskCall, args: unknown[]) => invokeCall(desk.service, name, args, () => {});
    for (const name of DESK_CALLS) {
      const good = SAMPLE_ARGS[name] as unknown[];
      const overIpc = await ipc(name, good);
      await exportsSettled(web);
      const overHttp = await send(port, name, good, page(port));
      const httpError = overHttp.status === 200 ? null : overHttp.json().error?.code;
      expect([name, httpError]).toEqual([name, overIpc.ok ? null : overIpc.error.code]);

      await exportsSettled(web);
      const bad = withUnknownField(name);
      const badIpc = await ipc(name, bad);
      const badHttp = await send(port, name, bad, page(port));
      expect([name, badIpc.ok ? 'ok' : badIpc.error.code]).toEqual([name, 'BAD_REQUEST']);
      expect([name, badHttp.status, badHttp.json().error?.code]).toEqual([
        name,
        400,
        'BAD_REQUEST',
      ]);
    }
    // The path's own segments are checked by the same schema.
    expect(pathParams(DESK_CONTRACT.getReceipt.path)).toEqual(['id']);
    const word = await rawRequest(port, 'GET', '/api/receipts/first', {
      Host: `127.0.0.1:${port}`,
    });
    expect([word.status, word.json().error?.code]).toEqual([400, 'BAD_REQUEST']);
  });

  it('is documented: the README lists every call with its method and path', () => {
    const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    for (const name of DESK_CALLS) {
      const { method, path: route } = DESK_CONTRACT[name];
      expect(readme).toContain(`| \`${name}\``);
      expect(readme).toContain(`\`${method} ${route}\``);
    }
  });

  it('takes the token in the address only for the stream and downloads', async () => {
    const token = 'a-token-of-twenty-chars';
    web = await startWebDesk({}, { apiToken: token });
    const { port } = web;
    const host = { Host: `127.0.0.1:${port}` };
    expect((await rawRequest(port, 'GET', '/api/health', host)).status).toBe(401);
    expect((await rawRequest(port, 'GET', `/api/health?token=${token}`, host)).status).toBe(401);
    const bearer = { ...host, Authorization: `Bearer ${token}` };
    expect((await rawRequest(port, 'GET', '/api/health', bearer)).status).toBe(200);
    const file = await rawRequest(port, 'GET', `/api/exports/7/file?token=${token}`, host);
    expect([file.status, file.json().error?.code]).toEqual([404, 'NOT_FOUND']);
  });
});
