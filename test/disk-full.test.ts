/**
 * A full disk, as the tills and the manager see it. The data folder sits on a small tmpfs that a
 * filler file fills up: while the desk cannot keep receipts its printer ports answer as a printer
 * out of paper (so a till that checks holds its job), a job sent anyway is refused before
 * anything is acknowledged, and once space is freed the printer comes back by itself with every
 * acknowledged receipt kept and read. Tests run as root here and in CI; where a tmpfs cannot be
 * mounted the tests are skipped with one line saying why.
 */
import type net from 'node:net';
import fs from 'node:fs';
import path from 'node:path';
import { PrinterTypes, ThermalPrinter } from 'node-thermal-printer';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import {
  ask,
  closed,
  type Desk,
  esc,
  eventually,
  openSocket,
  sendRaw,
  startDesk,
} from './helpers/desk';
import { mountSmallDisk } from './helpers/small-disk';

const mounted = mountSmallDisk(8);
const skipReason = typeof mounted === 'string' ? mounted : null;
if (skipReason) console.log(`test/disk-full.test.ts skipped: ${skipReason}`);
const disk = typeof mounted === 'string' ? null : mounted;

let desk: Desk | null = null;
const sockets: net.Socket[] = [];
afterEach(async () => {
  for (const s of sockets.splice(0)) s.destroy();
  await desk?.stop();
  if (desk) fs.rmSync(desk.dataDir, { recursive: true, force: true });
  desk = null;
  disk?.free();
});
afterAll(() => {
  disk?.unmount();
});

async function connect(port: number): Promise<net.Socket> {
  const s = await openSocket(port);
  sockets.push(s);
  return s;
}

const DLE_EOT = (n: number) => [0x10, 0x04, n];
const GS_R_1 = [0x1d, 0x72, 0x01];
const GS_A_255 = [0x1d, 0x61, 0xff];
const ASB_ONLINE = [0x10, 0x00, 0x00, 0x00];
const ASB_PAPER_OUT = [0x18, 0x00, 0x0f, 0x00];

/** What a till reads from DLE EOT 1 / 2 / 4 and GS r 1 on one connection. */
async function printerStatus(s: net.Socket): Promise<number[]> {
  const replies: number[] = [];
  for (const request of [DLE_EOT(1), DLE_EOT(2), DLE_EOT(4), GS_R_1]) {
    replies.push((await ask(s, request, 1))[0]);
  }
  return replies;
}

/** Collects what the printer sends unasked on a connection (automatic status back). */
function listen(s: net.Socket): Buffer[] {
  const got: Buffer[] = [];
  s.on('data', (d: Buffer) => got.push(d));
  return got;
}

/**
 * A till on node-thermal-printer that checks the paper sensor (GS r 1) before each job, as its
 * README suggests, and keeps the job while the printer reports no paper.
 */
function thermalTill(port: number) {
  const printer = new ThermalPrinter({
    type: PrinterTypes.EPSON,
    interface: `tcp://127.0.0.1:${port}`,
    options: { timeout: 5000 },
  });
  return {
    async paperOut(): Promise<boolean> {
      printer.clear();
      // getStatus (GS r 1) is in the library but missing from its type declarations.
      await (printer as unknown as { getStatus(): Promise<void> }).getStatus();
      const reply = (await printer.execute({ waitForResponse: true })) as unknown as Buffer;
      printer.clear();
      return (reply[0] & 0x0c) !== 0;
    },
    /** Prints the job if the printer has paper; false when it kept it for later. */
    async print(lines: string[]): Promise<boolean> {
      if (await this.paperOut()) return false;
      for (const line of lines) printer.println(line);
      printer.cut();
      await printer.execute();
      printer.clear();
      return true;
    },
  };
}

/** Waits until `n` connections have their row in the file (the totals count committed rows). */
async function rowsCommitted(d: Desk, n: number): Promise<void> {
  await eventually(async () => (await d.service.getStats()).connectionsTotal === n);
}

/** A receipt of `lines` numbered lines: its text and index take about 40 bytes a line. */
function longReceipt(title: string, lines: number): Buffer {
  const body = Array.from(
    { length: lines },
    (_, i) => `${String(i + 1).padStart(4, '0')} Espresso doppio ${i % 97}   2.${i % 10}0`,
  );
  return esc.receipt(title, ...body);
}

describe.skipIf(skipReason !== null)('a full disk: the printer is out of paper', () => {
  it('tills see paper out while full and print again after; nothing acknowledged is lost', async () => {
    desk = await startDesk({}, path.join(disk!.dir, 'data'));
    const d = desk;
    const metrics = () => d.service.getMetrics();

    // Before: ordinary receipts, stored and read.
    for (const table of ['Table 1', 'Table 2', 'Table 3']) {
      expect((await sendRaw(d.port, esc.receipt(table, 'TOTAL 9.50'))).acknowledged).toBe(true);
    }
    await d.waitForReceipts(3);
    // A till that keeps its connection and has automatic status on.
    const asbTill = await connect(d.port);
    expect([...(await ask(asbTill, GS_A_255, 4))]).toEqual(ASB_ONLINE);
    const unasked = listen(asbTill);
    await rowsCommitted(d, 4); // its connection row is in the file

    // The disk fills up while a long receipt arrives: its bytes still fit and are committed
    // (the till is acknowledged), its text and index no longer do.
    disk!.fill(96 * 1024);
    const long = longReceipt('Table 4 (long)', 1200);
    expect((await sendRaw(d.port, long)).acknowledged).toBe(true);

    // The printer now reports no paper: unasked to the till with automatic status on ...
    await eventually(() => Buffer.concat(unasked).length >= 4);
    expect([...Buffer.concat(unasked)]).toEqual(ASB_PAPER_OUT);
    // ... and to a till that connects during the outage and asks.
    const during = await connect(d.port);
    expect(await printerStatus(during)).toEqual([0x1a, 0x32, 0x7e, 0x0f]);
    expect([...(await ask(during, GS_A_255, 4))]).toEqual(ASB_PAPER_OUT);
    expect((await d.service.getHealth()).problems).toContainEqual({
      code: 'DISK_FULL',
      message: expect.stringContaining('Free some space') as string,
    });

    // A till that checks first keeps its job.
    const thermal = thermalTill(d.port);
    const job = ['Table 5', 'Margherita   8.50', 'TOTAL        8.50'];
    expect(await thermal.print(job)).toBe(false);
    // A till that sends anyway is refused before anything is acknowledged.
    const ignoring = esc.receipt('Table 6', 'Tiramisu   5.00', 'TOTAL   5.00');
    await expect(sendRaw(d.port, ignoring)).rejects.toThrow(/ECONNRESET|EPIPE/);

    const full = await eventually(async () => {
      const m = await metrics();
      // The careful till's status poll printed nothing: not kept, its connection not reset.
      const { disk } = m;
      return disk.state === 'full' && disk.refusedWhileFull === 1 && disk.emptyNotStored > 0 && m;
    });
    expect(full.disk.freeBytes).toBeLessThan(1024 * 1024);
    expect((await d.service.getHealth()).status).toBe('degraded');

    // Space is freed: the printer is back by itself within a second or two.
    disk!.free();
    const backAt = performance.now();
    await eventually(async () => (await ask(during, DLE_EOT(1), 1))[0] === 0x12, 3_000);
    expect(performance.now() - backAt).toBeLessThan(2_500);
    expect(await printerStatus(during)).toEqual([0x12, 0x12, 0x12, 0x00]);
    await eventually(() => Buffer.concat(unasked).length >= 8);
    expect([...Buffer.concat(unasked)]).toEqual([...ASB_PAPER_OUT, ...ASB_ONLINE]);
    const ok = await eventually(async () => {
      const m = await metrics();
      return m.disk.state === 'ok' && m;
    });
    expect(ok.disk.freeBytes).toBeGreaterThan(1024 * 1024);
    expect(ok.disk.refusedWhileFull).toBe(1);
    expect(await d.service.getHealth()).toMatchObject({ status: 'ok', problems: [] });
    // The log says each change once, with the real error and what was refused meanwhile.
    const said = (text: string) => d.logs.filter((l) => l.includes(text));
    expect(said('Printer ports now answer "out of paper"')).toHaveLength(1);
    expect(said('Printer ports answer "online" again')).toHaveLength(1);
    expect(said('DISK_FULL')).toEqual([expect.stringContaining('SQLITE_FULL') as string]);
    expect(said('receipts refused meanwhile: 1')).toHaveLength(1);

    // The connection opened during the outage prints on it.
    during.write(esc.receipt('Table 7', 'TOTAL 12.00'));
    during.end();
    await closed(during);
    // The careful till prints its kept job, the other resends its refused one.
    expect(await thermal.print(job)).toBe(true);
    expect((await sendRaw(d.port, ignoring)).acknowledged).toBe(true);
    asbTill.end();
    await closed(asbTill);

    // Every receipt is there once, each with its text, the long one's included.
    const all = await eventually(async () => {
      const page = await d.service.listReceipts({ limit: 50 });
      return page.items.length === 7 && page.items.every((r) => r.text !== null) && page.items;
    }, 10_000);
    const titles = all.map((r) => r.text!.split('\n')[0].trim()).sort();
    expect(titles).toEqual([
      'Table 1',
      'Table 2',
      'Table 3',
      'Table 4 (long)',
      'Table 5',
      'Table 6',
      'Table 7',
    ]);
    const listed = all.find((r) => r.text!.startsWith('Table 4'))!;
    // Lists carry a preview; the receipt itself has every line.
    const stored = await d.service.getReceipt(listed.id);
    expect(stored.status).toBe('ok');
    expect(stored.text).toContain('1200 Espresso doppio');
    expect((await d.service.listReceipts({ q: 'doppio' })).items.map((r) => r.id)).toEqual([
      stored.id,
    ]);
    expect((await d.service.getStats()).receiptsTotal).toBe(7);
  });

  it('a brief full moment loses nothing: the receipt is acknowledged late', async () => {
    desk = await startDesk({}, path.join(disk!.dir, 'data-brief'));
    const d = desk;
    expect((await sendRaw(d.port, esc.receipt('Table 1', 'TOTAL 3.00'))).acknowledged).toBe(true);
    await d.waitForReceipts(1);
    const watcher = await connect(d.port);
    // A till already connected when the disk fills sends its receipt and waits for the close.
    const till = await connect(d.port);
    const acknowledged = new Promise<boolean>((resolve) => {
      till.on('end', () => resolve(true));
      till.on('error', () => resolve(false));
    });

    await rowsCommitted(d, 3); // both connections' rows are in the file

    disk!.fill(0);
    till.end(longReceipt('Table 2 (during)', 400));
    // The receipt is waiting for room: the printer says so ...
    await eventually(async () => (await ask(watcher, DLE_EOT(4), 1))[0] === 0x7e);
    // ... and space comes back within the receipt's grace period.
    disk!.free();
    expect(await acknowledged).toBe(true);
    await eventually(async () => (await ask(watcher, DLE_EOT(4), 1))[0] === 0x12, 3_000);

    const receipts = await d.waitForReceipts(2);
    expect(receipts[1].text?.split('\n')[0]).toBe('Table 2 (during)');
    expect((await d.service.getMetrics()).disk.refusedWhileFull).toBe(0);
    watcher.end();
    await closed(watcher);
  });

  it('stopping while full closes the file with the real error, and the next start reads all', async () => {
    const dataDir = path.join(disk!.dir, 'data-stop');
    desk = await startDesk({}, dataDir);
    const d = desk;
    expect((await sendRaw(d.port, esc.receipt('Table 1', 'TOTAL 3.00'))).acknowledged).toBe(true);
    await d.waitForReceipts(1);
    const watcher = await connect(d.port);
    await rowsCommitted(d, 2);

    disk!.fill(96 * 1024);
    expect((await sendRaw(d.port, longReceipt('Table 2 (long)', 1200))).acknowledged).toBe(true);
    await eventually(async () => (await ask(watcher, DLE_EOT(1), 1))[0] === 0x1a);
    await d.stop(); // as on SIGTERM: resolves, does not hang on the full disk
    const logged = d.logs.join('\n');
    expect(logged).not.toMatch(/undefined|WRITER_CRASHED|restart/i);
    expect(logged).toContain('SQLITE_FULL');

    // Space is freed and the desk starts again: both receipts, each with its text.
    disk!.free();
    desk = await startDesk({}, dataDir);
    const again = desk;
    const items = await eventually(async () => {
      const page = await again.service.listReceipts({});
      return page.items.length === 2 && page.items.every((r) => r.text !== null) && page.items;
    });
    expect(items.map((r) => r.text!.split('\n')[0])).toEqual(['Table 2 (long)', 'Table 1']);
  });
});
