/**
 * A receipt whose text is longer than the list preview (8 KiB), printed over TCP into a real
 * SQLite file: lists, search and the live feed carry its first 8 KiB, flagged as cut; its detail
 * and the CSV export carry all of it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { TEXT_PREVIEW_BYTES } from '../src/shared';
import type { ExportJob } from '../src/shared';
import { csvRecords } from './helpers/csv';
import { desksStoppedAfterEach, esc, eventually, sendRaw } from './helpers/desk';

const desk = desksStoppedAfterEach();

describe('text previews', () => {
  it('lists and the feed carry a cut preview; the detail and the CSV export carry the whole text', async () => {
    const d = await desk();
    // 400 item lines with accented letters (code page 437: \x82 é, \x8a è, \x96 û), so the text
    // is about 13 KiB and the preview's end falls among characters of more than one byte.
    const items = Array.from(
      { length: 400 },
      (_, i) => `${String(i + 1).padStart(3)} x Cr\x8ame br\x96l\x82e caf\x82  6.50`,
    );
    await sendRaw(d.port, esc.receipt('FIRST LINE Table 12', ...items, 'ZANZIBAR TOTAL 2600.00'));
    await sendRaw(d.port, esc.receipt('Table 3', 'Tea  2.40'));
    const [bigLive, smallLive] = await d.waitForReceipts(2);

    const detail = await d.service.getReceipt(bigLive.id);
    const whole = detail.text!;
    expect(detail.textCut).toBe(false);
    expect(whole).toContain('400 x Crème brûlée café  6.50');
    expect(whole).toContain('ZANZIBAR TOTAL 2600.00');
    expect(detail.textBytes).toBe(Buffer.byteLength(whole));
    expect(detail.textBytes).toBeGreaterThan(TEXT_PREVIEW_BYTES + 4096);

    // The live feed: the first 8 KiB, whole characters, flagged.
    expect(bigLive.textCut).toBe(true);
    expect(bigLive.textBytes).toBe(detail.textBytes);
    expect(Buffer.byteLength(bigLive.text!)).toBeLessThanOrEqual(TEXT_PREVIEW_BYTES);
    expect(Buffer.byteLength(bigLive.text!)).toBeGreaterThan(TEXT_PREVIEW_BYTES - 4);
    expect(whole.startsWith(bigLive.text!)).toBe(true);
    expect(bigLive.text).not.toContain('\ufffd');
    expect(smallLive).toMatchObject({ textCut: false, text: 'Table 3\nTea  2.40' });

    // The list (cut by SQLite) says the same as the feed (cut in the service).
    const page = await d.service.listReceipts({});
    const [smallListed, bigListed] = page.items;
    expect(bigListed).toEqual(bigLive);
    expect(smallListed).toMatchObject({ textCut: false, text: 'Table 3\nTea  2.40' });

    // Search matches the whole text (the total is past the preview) and lists the preview.
    const found = await d.service.listReceipts({ q: 'ZANZIBAR' });
    expect(found.items.map((r) => [r.id, r.textCut, r.text])).toEqual([
      [bigLive.id, true, bigLive.text],
    ]);

    // The CSV export has every line.
    const started = await d.service.startExport({
      from: 0,
      to: Date.now() + 60_000,
      format: 'csv',
    });
    const job = await eventually(async () => {
      const j: ExportJob = await d.service.getExport(started.id);
      return j.state === 'running' ? undefined : j;
    });
    expect(job.error).toBeNull();
    const csv = fs.readFileSync(path.join(d.dataDir, 'exports', job.fileName!), 'utf8').slice(1);
    const rows = csvRecords(csv);
    expect(rows.map((r) => r.Text)).toEqual([whole, 'Table 3\nTea  2.40']);
  });
});
