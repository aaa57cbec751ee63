/**
 * The status replies a receipt shows are the ones the till really got: a real socket asks DLE EOT,
 * GS r and GS a before, inside and between jobs, and each stored receipt carries the requests its
 * bytes held, at their offsets, in words. A till polling all day stays bounded per receipt.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ask, closed, type Desk, esc, openSocket, startDesk } from './helpers/desk';

let desk: Desk | null = null;
afterEach(async () => {
  await desk?.stop();
  desk = null;
});

const DLE_EOT_1 = [0x10, 0x04, 0x01];
const DLE_EOT_4 = [0x10, 0x04, 0x04];
const GS_R_1 = [0x1d, 0x72, 0x01];
const GS_A_255 = [0x1d, 0x61, 0xff];
const DRAWER = Buffer.from([0x1b, 0x70, 0x00, 0x19, 0xfa]);

describe('status replies kept with their receipt', () => {
  it('records requests before, inside and between jobs at their offsets, bounded per receipt', async () => {
    desk = await startDesk();
    const pos = await openSocket(desk.port);

    // Job 1: the till checks the printer, starts printing, asks about paper mid-job, cuts.
    expect([...(await ask(pos, DLE_EOT_1, 1))]).toEqual([0x12]);
    pos.write(Buffer.concat([esc.init, esc.text('Table 4\n')]));
    expect([...(await ask(pos, GS_R_1, 1))]).toEqual([0x00]);
    pos.write(Buffer.concat([esc.text('TOTAL 9.50\n'), esc.cut]));
    // Between jobs: after the cut, so these open the next receipt.
    expect([...(await ask(pos, DLE_EOT_4, 1))]).toEqual([0x12]);
    expect([...(await ask(pos, GS_A_255, 4))]).toEqual([0x10, 0, 0, 0]);
    pos.write(Buffer.concat([esc.text('Table 5\n'), DRAWER, esc.cut]));
    // Job 3: a till that polls a hundred times before it prints.
    for (let i = 0; i < 100; i++) await ask(pos, DLE_EOT_1, 1);
    pos.write(Buffer.concat([esc.text('Table 6\n'), esc.cut]));
    pos.end();
    await closed(pos);

    const announced = await desk.waitForReceipts(3);
    const [first, second, third] = await Promise.all(
      announced.map((r) => desk!.service.getReceipt(r.id)),
    );
    expect(first.text).toContain('Table 4');
    expect(first.statusReplies).toEqual([
      {
        offset: 0,
        requestHex: '10 04 01',
        request: 'DLE EOT 1 — printer status',
        replyHex: '12',
        meaning: 'online, no error',
      },
      {
        offset: 3 + 2 + 'Table 4\n'.length,
        requestHex: '1d 72 01',
        request: 'GS r 1 — paper sensor',
        replyHex: '00',
        meaning: 'paper present',
      },
    ]);
    expect(second.text).toContain('Table 5');
    expect(second.drawerKicks).toBe(1);
    expect(second.statusReplies.map((s) => [s.offset, s.request, s.meaning])).toEqual([
      [0, 'DLE EOT 4 — paper sensor', 'paper present'],
      [3, 'GS a 255 — automatic status on', 'online, cover closed, paper present, no error'],
    ]);
    // Every offset points at the request's own bytes in the stored receipt.
    for (const r of [first, second, third]) {
      const raw = Buffer.from(r.rawBase64, 'base64');
      for (const s of r.statusReplies) {
        const at = raw
          .subarray(s.offset, s.offset + 3)
          .toString('hex')
          .replace(/(..)(?!$)/g, '$1 ');
        expect(at).toBe(s.requestHex);
      }
    }
    expect(third.text).toContain('Table 6');
    expect(third.statusReplies).toHaveLength(64);
    expect(third.statusReplies.at(-1)?.offset).toBe(63 * 3);
    expect(third.statusRepliesNotKept).toBe(36);
    expect(first.statusRepliesNotKept).toBe(0);
  });

  it('survives a restart: the replies are in the file with the receipt', async () => {
    desk = await startDesk();
    const dataDir = desk.dataDir;
    const pos = await openSocket(desk.port);
    await ask(pos, DLE_EOT_1, 1);
    pos.write(esc.receipt('Table 8', 'TOTAL 4.00'));
    pos.end();
    await closed(pos);
    const [receipt] = await desk.waitForReceipts(1);
    await desk.stop();

    desk = await startDesk({}, dataDir);
    const again = await desk.service.getReceipt(receipt.id);
    expect(again.statusReplies.map((s) => s.request)).toEqual(['DLE EOT 1 — printer status']);
  });
});
