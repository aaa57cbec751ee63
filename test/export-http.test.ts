/**
 * The export endpoints over real HTTP: starting needs the page's own header, the file comes as
 * an attachment only for a job the service wrote, and bad input is a 400 that says which.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { ExportJob } from '../src/shared';
import { csvRecords } from './helpers/csv';
import { type Desk, esc, eventually, sendRaw } from './helpers/desk';
import { startWebDesk } from './helpers/web-page';

let cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanup.reverse()) await c();
  cleanup = [];
});

async function serve(): Promise<{ desk: Desk; url: (p: string) => string }> {
  const web = await startWebDesk();
  cleanup.push(() => web.stop());
  return { desk: web.desk, url: web.url };
}

function todayRange(): { from: number; to: number } {
  const d = new Date();
  d.setHours(0, 0, 0, 0);
  return { from: d.getTime(), to: d.getTime() + 24 * 3600 * 1000 };
}

function today(): string {
  const { from, to } = todayRange();
  return `from=${from}&to=${to}`;
}

const PAGE_HEADER = { 'X-Receipt-Desk': '1', 'Content-Type': 'application/json' };
/** POST /api/exports: the call's one argument, as a JSON array. */
const startBody = (format: string) => JSON.stringify([{ ...todayRange(), format }]);

describe('export over HTTP', () => {
  it('starts with the page header, reports progress, and sends the file as an attachment', async () => {
    const { desk, url } = await serve();
    await sendRaw(desk.port, esc.receipt('Table 7', 'Risotto, extra parmesan  14.00'));
    await desk.waitForReceipts(1);

    const preview = await fetch(url(`/api/exports/preview?${today()}`));
    expect(await preview.json()).toMatchObject({ receipts: 1 });

    const refused = await fetch(url('/api/exports'), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: startBody('csv'),
    });
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });

    const started = await fetch(url('/api/exports'), {
      method: 'POST',
      headers: PAGE_HEADER,
      body: startBody('csv'),
    });
    expect(started.status).toBe(200);
    const job = (await started.json()) as ExportJob;
    const done = await eventually(async () => {
      const j = (await (await fetch(url(`/api/exports/${job.id}`))).json()) as ExportJob;
      return j.state === 'done' ? j : undefined;
    });
    expect(done).toMatchObject({ done: 1, total: 1, format: 'csv' });

    const head = await fetch(url(`/api/exports/${job.id}/file`), { method: 'HEAD' });
    expect(head.status).toBe(200);
    const file = await fetch(url(`/api/exports/${job.id}/file`));
    expect(file.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(file.headers.get('content-disposition')).toBe(`attachment; filename="${done.fileName}"`);
    const body = Buffer.from(await file.arrayBuffer());
    expect(body.length).toBe(done.bytes);
    const [row] = csvRecords(body.toString('utf8').slice(1));
    expect(row.Text).toBe('Table 7\nRisotto, extra parmesan  14.00');
  });

  it('serves files only by the number of a job it ran, and says what is wrong with bad input', async () => {
    const { url } = await serve();
    const unknown = await fetch(url('/api/exports/99/file'));
    expect(unknown.status).toBe(404);
    expect((await unknown.json()).error.message).toContain('There is no export number 99');
    const traversal = await fetch(url('/api/exports/..%2F..%2Freceipts.sqlite/file'));
    expect(traversal.status).toBe(400);
    const badFormat = await fetch(url('/api/exports'), {
      method: 'POST',
      headers: PAGE_HEADER,
      body: startBody('xlsx'),
    });
    expect(badFormat.status).toBe(400);
    expect((await badFormat.json()).error.message).toContain('format');
    const backwards = await fetch(url('/api/exports/preview?from=2000&to=1000'));
    expect(backwards.status).toBe(400);
    expect((await backwards.json()).error.message).toBe('from must be before to');
  });
});
