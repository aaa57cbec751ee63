/**
 * Exports against a real service: receipts printed over TCP into a real SQLite file, exported
 * as CSV and ZIP into the data folder, read back the way a spreadsheet or unzip would.
 */
import Database from 'better-sqlite3';
import { unzipSync } from 'fflate';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ExportService } from '../src/main/export';
import { ExportQueries } from '../src/main/store';
import type { ExportJob, ExportRequest, ReceiptSummary } from '../src/shared';
import { csvRecords } from './helpers/csv';
import { type Desk, desksStoppedAfterEach, esc, eventually, sendRaw } from './helpers/desk';

const desk = desksStoppedAfterEach();

const DAY_MS = 24 * 3600 * 1000;

function today(): { from: number; to: number } {
  const d = new Date();
  d.setHours(0, 0, 0, 0);
  return { from: d.getTime(), to: d.getTime() + DAY_MS };
}

/** What a person reads in the PC's local time, written independently of the exporter. */
function localTime(ms: number): string {
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}

async function finished(d: Desk, job: ExportJob): Promise<ExportJob> {
  return eventually(async () => {
    const j = await d.service.getExport(job.id);
    return j.state === 'running' ? undefined : j;
  });
}

async function exportFile(
  d: Desk,
  request: ExportRequest,
): Promise<{ job: ExportJob; file: Buffer }> {
  const job = await finished(d, await d.service.startExport(request));
  expect(job.error).toBeNull();
  expect(job.state).toBe('done');
  const file = fs.readFileSync(path.join(d.dataDir, 'exports', job.fileName!));
  expect(file.length).toBe(job.bytes);
  return { job, file };
}

function exportsFolder(d: Desk): string[] {
  const dir = path.join(d.dataDir, 'exports');
  return fs.existsSync(dir) ? fs.readdirSync(dir).sort() : [];
}

describe('export', () => {
  it('writes a day as a spreadsheet: BOM, header, one row per receipt, quoting, formulas defused', async () => {
    const d = await desk({
      listeners: [
        { host: '127.0.0.1', port: 0, station: 'Front' },
        { host: '127.0.0.1', port: 0, station: 'Bar' },
      ],
    });
    const [front, bar] = (await d.service.getHealth()).listeners;
    const sent = [
      esc.receipt('Table 4, window', 'Pasta "al dente"   9.50', 'TOTAL  9.50'),
      esc.receipt('=HYPERLINK("http://evil.example","Refund")', '2x Negroni  16.00'),
      esc.receipt('-5.00 voucher', '@once'),
    ];
    await sendRaw(front.port, sent[0]);
    await sendRaw(bar.port, sent[1]);
    await sendRaw(front.port, sent[2]);
    const receipts = await d.waitForReceipts(3);

    const { job, file } = await exportFile(d, { ...today(), format: 'csv' });
    expect(job.fileName).toBe(`receipts-${localTime(today().from).slice(0, 10)}.csv`);
    expect([...file.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = file.toString('utf8').slice(1);
    expect(text.split('\r\n')[0]).toBe(
      'Receipt,Received,Station,Till address,Status,Error,Bytes,Printer language,Drawer kicks,Warnings,Truncated,Text',
    );
    // The multi-line text is one quoted cell, its quotes doubled.
    expect(text).toContain('"Table 4, window\nPasta ""al dente""   9.50\nTOTAL  9.50"');
    const rows = csvRecords(text);
    expect(rows.map((r) => r.Station)).toEqual(['Front', 'Bar', 'Front']);
    expect(rows[0]).toEqual({
      Receipt: String(receipts[0].id),
      Received: localTime(receipts[0].receivedAt),
      Station: 'Front',
      'Till address': '127.0.0.1',
      Status: 'ok',
      Error: '',
      Bytes: String(sent[0].length),
      'Printer language': 'ESC/POS',
      'Drawer kicks': '0',
      Warnings: '0',
      Truncated: 'no',
      Text: 'Table 4, window\nPasta "al dente"   9.50\nTOTAL  9.50',
    });
    // A spreadsheet would run these as formulas; with the apostrophe it shows them as text.
    expect(rows[1].Text).toBe(`'=HYPERLINK("http://evil.example","Refund")\n2x Negroni  16.00`);
    expect(rows[2].Text).toBe(`'-5.00 voucher\n@once`);
    expect(job).toMatchObject({ done: 3, total: 3, format: 'csv', station: null });
  });

  it('writes a ZIP whose .bin entries hold exactly the bytes each till sent, with a manifest', async () => {
    const d = await desk();
    const sent = [
      esc.receipt('Caf\xe9 cr\xe8me  3.20'),
      Buffer.concat([
        esc.init,
        Buffer.from([0x1b, 0x21, 0x00, 0x1b, 0x74, 0x10]), // ESC ! 0, code page 16: NULs and high bytes
        Buffer.from('Gr\xfc\xdfe \xa3 4.00\n', 'latin1'),
        Buffer.from([0x1b, 0x70, 0x00, 0x19, 0xfa]), // drawer kick
        esc.cut,
      ]),
      esc.receipt('Table 9', 'Tea  2.40'),
    ];
    for (const bytes of sent) await sendRaw(d.port, bytes);
    const receipts = await d.waitForReceipts(3);

    const { job, file } = await exportFile(d, { ...today(), format: 'zip' });
    expect(job.fileName).toMatch(/^receipts-\d{4}-\d{2}-\d{2}\.zip$/u);
    const entries = unzipSync(file);
    const bins = Object.keys(entries).filter((n) => n.endsWith('.bin'));
    expect(bins).toHaveLength(3);
    receipts.forEach((r, i) => {
      const [day, time] = localTime(r.receivedAt).split(' ');
      const name = `${day}/${time.replaceAll(':', '')}-Front-${String(r.id).padStart(6, '0')}.bin`;
      expect(Buffer.from(entries[name])).toEqual(sent[i]);
    });
    const manifest = csvRecords(Buffer.from(entries['receipts.csv']).toString('utf8').slice(1));
    expect(manifest.map((m) => Number(m.Receipt))).toEqual(receipts.map((r) => r.id));
    expect(manifest[1]['Drawer kicks']).toBe('1');
    expect(exportsFolder(d)).toEqual([job.fileName]);
  });

  it('takes receipts from the first moment of the range and leaves out the one at its end', async () => {
    const d = await desk({
      listeners: [
        { host: '127.0.0.1', port: 0, station: 'Front' },
        { host: '127.0.0.1', port: 0, station: 'Bar' },
      ],
    });
    const [front, bar] = (await d.service.getHealth()).listeners;
    for (const text of ['Before', 'First', 'At the end'])
      await sendRaw(front.port, esc.receipt(text));
    await sendRaw(bar.port, esc.receipt('Bar, inside'));
    const [before, first, atEnd, barInside] = await d.waitForReceipts(4);
    const from = new Date(2026, 10, 20).getTime();
    const to = new Date(2026, 10, 23).getTime();
    const db = new Database(d.receiptsFile);
    const move = db.prepare('UPDATE receipts SET received_at = ? WHERE id = ?');
    move.run(from - 1, before.id);
    move.run(from, first.id);
    move.run(to, atEnd.id);
    move.run(to - 1, barInside.id);
    db.close();

    expect(await d.service.previewExport({ from, to })).toEqual({
      receipts: 2,
      bytes: esc.receipt('First').length + esc.receipt('Bar, inside').length,
    });
    const all = await exportFile(d, { from, to, format: 'csv' });
    expect(all.job.fileName).toBe('receipts-2026-11-20-to-2026-11-22.csv');
    expect(csvRecords(all.file.toString('utf8').slice(1)).map((r) => r.Text)).toEqual([
      'First',
      'Bar, inside',
    ]);
    const barOnly = await exportFile(d, { from, to, format: 'csv', station: 'Bar' });
    expect(barOnly.job.fileName).toBe('receipts-2026-11-20-to-2026-11-22-Bar.csv');
    expect(csvRecords(barOnly.file.toString('utf8').slice(1)).map((r) => r.Text)).toEqual([
      'Bar, inside',
    ]);
  });

  it('reads in pages and reports progress up to the total, even when receipts share a moment', async () => {
    const d = await desk();
    for (let i = 1; i <= 5; i++) await sendRaw(d.port, esc.receipt(`Order ${i}`));
    const receipts = await d.waitForReceipts(5);
    const db = new Database(d.receiptsFile);
    db.prepare('UPDATE receipts SET received_at = ?').run(receipts[0].receivedAt);
    db.close();

    const seen: number[] = [];
    let id = 0;
    const dir = path.join(d.dataDir, 'paged');
    const exports: ExportService = new ExportService({
      dir,
      queries: new ExportQueries(d.reader()),
      pageSize: 2,
      yieldNow: async () => {
        seen.push(exports.get(id).done);
        await new Promise((resolve) => setImmediate(resolve));
      },
    });
    const started = await exports.start({ ...today(), format: 'csv' });
    id = started.id;
    expect(started).toMatchObject({ state: 'running', done: 0, total: 5 });
    const job = await eventually(() => exports.get(id).state === 'done' && exports.get(id));
    expect(job).toMatchObject({ done: 5, total: 5 });
    expect(seen).toEqual([2, 4, 5]);
    const rows = csvRecords(fs.readFileSync(path.join(dir, job.fileName!), 'utf8').slice(1));
    expect(rows.map((r) => r.Text)).toEqual([
      'Order 1',
      'Order 2',
      'Order 3',
      'Order 4',
      'Order 5',
    ]);
  });

  it('runs one export at a time and never overwrites an earlier file', async () => {
    const d = await desk();
    await sendRaw(d.port, esc.receipt('Soup  4.50'));
    await d.waitForReceipts(1);
    const first = await d.service.startExport({ ...today(), format: 'csv' });
    await expect(d.service.startExport({ ...today(), format: 'zip' })).rejects.toMatchObject({
      code: 'BUSY',
      message: 'Another export is being written. Wait for it to finish, then start this one.',
    });
    const a = await finished(d, first);
    const b = await finished(d, await d.service.startExport({ ...today(), format: 'csv' }));
    const c = await finished(d, await d.service.startExport({ ...today(), format: 'csv' }));
    const day = localTime(today().from).slice(0, 10);
    expect([a.fileName, b.fileName, c.fileName]).toEqual([
      `receipts-${day}.csv`,
      `receipts-${day}-2.csv`,
      `receipts-${day}-3.csv`,
    ]);
    expect(exportsFolder(d)).toHaveLength(3);
  });

  it('removes the unfinished file when an export stops midway, and says why', async () => {
    const d = await desk();
    for (let i = 1; i <= 4; i++) await sendRaw(d.port, esc.receipt(`Order ${i}`));
    await d.waitForReceipts(4);
    const dir = path.join(d.dataDir, 'stopped');
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let reached!: () => void;
    const midway = new Promise<void>((resolve) => (reached = resolve));
    const exports = new ExportService({
      dir,
      queries: new ExportQueries(d.reader()),
      pageSize: 1,
      yieldNow: () => {
        reached();
        return held;
      },
    });
    const job = await exports.start({ ...today(), format: 'zip' });
    await midway;
    // Midway, the file exists only under its unfinished name.
    expect(fs.readdirSync(dir).every((n) => n.endsWith('.part'))).toBe(true);
    expect(fs.readdirSync(dir).length).toBeGreaterThan(0);
    const stopping = exports.stop();
    release();
    await stopping;
    expect(exports.get(job.id)).toMatchObject({
      state: 'failed',
      fileName: null,
      done: 1,
      error: {
        code: 'CANCELLED',
        message: 'Receipt Desk was closing, so the export stopped. Export again.',
      },
    });
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('says plainly when the exports folder cannot be made, and writes nothing', async () => {
    const d = await desk();
    await sendRaw(d.port, esc.receipt('Soup  4.50'));
    await d.waitForReceipts(1);
    fs.writeFileSync(path.join(d.dataDir, 'exports'), 'a file where the folder goes');
    const job = await finished(d, await d.service.startExport({ ...today(), format: 'csv' }));
    expect(job.state).toBe('failed');
    expect(job.error?.code).toBe('EXPORT_FOLDER');
    expect(job.error?.message).toContain('a file is in the way');
    await expect(d.service.openExport(job.id)).rejects.toMatchObject({ code: 'NOT_READY' });
  });

  it('refuses a ZIP past what the format holds before writing anything', async () => {
    const d = await desk();
    await sendRaw(d.port, esc.receipt('Real one'));
    const [r] = await d.waitForReceipts(1);
    // 65,000 more printed receipts in the file, as a very busy month would leave.
    const db = new Database(d.receiptsFile);
    db.prepare(
      `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 65000)
       INSERT INTO receipts (connection_id, seq, station, peer, started_at, received_at,
         byte_count, ended_by, status)
       SELECT ?, i, 'Front', '127.0.0.1', ?, ?, 10, 'cut', 'ok' FROM n`,
    ).run(r.connectionId, r.receivedAt, r.receivedAt);
    db.close();
    expect((await d.service.previewExport(today())).receipts).toBe(65_001);
    await expect(d.service.startExport({ ...today(), format: 'zip' })).rejects.toMatchObject({
      code: 'TOO_LARGE',
      message: expect.stringContaining('Pick fewer days or one station'),
    });
    expect(exportsFolder(d)).toEqual([]);
  });
});

export type { ReceiptSummary };
