/**
 * A range report file on a full disk (fault fixture: a small tmpfs, filled): the job stops with
 * DISK_FULL and a sentence saying to free space, whether the file was written on the main thread
 * (CSV) or on a pool thread (XLSX, PDF), and no unfinished file is left on the disk.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { eventually, startDesk } from './helpers/desk';
import { FiguresSeeder, readDays } from './helpers/seed-figures';
import { mountSmallDisk } from './helpers/small-disk';

const mounted = mountSmallDisk(16);
const skipReason = typeof mounted === 'string' ? mounted : null;
if (skipReason) console.log(`test/range-report-disk-full.test.ts skipped: ${skipReason}`);
const disk = typeof mounted === 'string' ? null : mounted;
afterAll(() => disk?.unmount());

const rule = { timeZone: 'America/New_York', dayStart: '04:00' };
const DAYS = ['2025-06-13', '2025-06-14'];

describe.skipIf(skipReason !== null)('a range report on a full disk', () => {
  it('stops with DISK_FULL, says to free space, and leaves no unfinished file', async () => {
    const dir = fs.mkdtempSync(path.join(disk!.dir, 'desk-'));
    const seeder = new FiguresSeeder(dir);
    seeder.add(
      await readDays(
        DAYS.map((day, k) => ({ day, seed: [7, 11][k], receipts: 60 })),
        rule,
      ),
    );
    seeder.close();
    const desk = await startDesk({ business: rule }, dir);
    try {
      fs.mkdirSync(path.join(dir, 'exports'));
      disk!.fill(2048);
      for (const format of ['csv', 'xlsx'] as const) {
        const job = await desk.service.startRangeReport({ from: DAYS[0], to: DAYS[1], format });
        const ended = await eventually(async () => {
          const j = await desk.service.getExport(job.id);
          return j.state !== 'running' && j;
        }, 20_000);
        expect([format, ended.state, ended.error?.code]).toEqual([format, 'failed', 'DISK_FULL']);
        expect(ended.error?.message).toMatch(/Free some space/u);
        expect(fs.readdirSync(path.join(dir, 'exports'))).toEqual([]);
      }
    } finally {
      disk!.free();
      await desk.stop();
    }
  }, 60_000);
});
