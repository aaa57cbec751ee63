/**
 * Sales figures of every receipt, through the real path: node-thermal-printer prints to the
 * listener, the pool reads the text and the figures, the writer stores them with the receipt,
 * and the receipt comes back with them. Reading receipts again reads their figures again.
 */
import Database from 'better-sqlite3';
import { PrinterTypes, ThermalPrinter } from 'node-thermal-printer';
import { describe, expect, it } from 'vitest';
import { desksStoppedAfterEach, eventually, sendRaw } from './helpers/desk';

const desk = desksStoppedAfterEach();

async function printDinerCheck(port: number): Promise<void> {
  const pos = new ThermalPrinter({
    type: PrinterTypes.EPSON,
    interface: `tcp://127.0.0.1:${port}`,
    width: 42,
    options: { timeout: 5_000 },
  });
  pos.alignCenter();
  pos.println("JOE'S DINER");
  pos.alignLeft();
  pos.leftRight('Check #1042', 'Table 12');
  pos.println('Server: Anna');
  pos.drawLine();
  pos.leftRight('2 Burger', '25.98');
  pos.println('  no onion');
  pos.leftRight('1 Fries', '4.50');
  pos.drawLine();
  pos.leftRight('Subtotal', '30.48');
  pos.leftRight('Sales Tax 8.875%', '2.71');
  pos.bold(true);
  pos.leftRight('TOTAL', '33.19');
  pos.bold(false);
  pos.leftRight('CASH', '40.00');
  pos.leftRight('CHANGE', '6.81');
  pos.cut();
  await pos.execute();
}

describe('sales figures', () => {
  it('mark a check printed again as a copy of the first print', async () => {
    const d = await desk();
    await printDinerCheck(d.port);
    await printDinerCheck(d.port);
    const [first, copy] = await d.waitForReceipts(2);
    // The first print's figures are read when the pool is quiet, within moments.
    const db = d.reader();
    await eventually(
      () =>
        (db.prepare('SELECT count(*) AS n FROM receipt_figures').get() as { n: number }).n === 2,
    );
    expect((await d.service.getReceipt(first.id)).reprintOf).toBeNull();
    expect((await d.service.getReceipt(copy.id)).reprintOf).toBe(first.id);
  });

  it('are read from every receipt and kept with it', async () => {
    const d = await desk({ listeners: [{ host: '127.0.0.1', port: 0, station: 'Front' }] });
    await printDinerCheck(d.port);
    const [r] = await d.waitForReceipts(1);
    const detail = await d.service.getReceipt(r.id);
    expect(detail.figures).toMatchObject({
      kind: 'sale',
      subtotal: 3048,
      total: 3319,
      change: 681,
      payments: [{ method: 'cash', amount: 4000 }],
      taxes: [{ amount: 271, included: false }],
      header: { order: '1042', table: '12', server: 'Anna' },
      problems: [],
    });
    expect(detail.figures!.items.map((i) => [i.quantity, i.name, i.amount, i.modifiers])).toEqual([
      [2, 'Burger', 2598, ['no onion']],
      [1, 'Fries', 450, []],
    ]);
    // The pool reads them when quiet, into rows a report can sum, keyed by the receipt.
    const db = d.reader();
    const figuresRows = () =>
      (db.prepare('SELECT count(*) AS n FROM receipt_figures').get() as { n: number }).n;
    await eventually(() => figuresRows() === 1);
    expect(
      db.prepare('SELECT total, tax, kind FROM receipt_figures WHERE receipt_id = ?').get(r.id),
    ).toEqual({ total: 3319, tax: 271, kind: 'sale' });
    expect(
      db.prepare('SELECT count(*) AS n FROM receipt_items WHERE receipt_id = ?').get(r.id),
    ).toEqual({ n: 2 });
  });

  it('are read again after receipts are read again', async () => {
    const d = await desk();
    await printDinerCheck(d.port);
    const [r] = await d.waitForReceipts(1);
    const db = d.reader();
    const figuresRows = () =>
      (db.prepare('SELECT count(*) AS n FROM receipt_figures').get() as { n: number }).n;
    await eventually(() => figuresRows() === 1);
    // As if an older extractor had read it: the figures are read again in the background.
    const writable = new Database(d.receiptsFile);
    writable.prepare('UPDATE receipt_figures SET extractor_version = 0, total = 1').run();
    writable.close();
    await d.service.reinterpret({ from: r.receivedAt - 1000, to: r.receivedAt + 1000 });
    const row = () =>
      db.prepare('SELECT total, extractor_version > 0 AS now FROM receipt_figures').get() as {
        total: number;
        now: number;
      };
    await eventually(() => row().now === 1);
    expect(row()).toEqual({ total: 3319, now: 1 });
  });

  it('a previous run left unread are read after the next start', async () => {
    const first = await desk();
    for (let k = 0; k < 3; k++) await printDinerCheck(first.port);
    await first.waitForReceipts(3);
    const count = (file: string) => {
      const db = new Database(file, { readonly: true });
      const n = (db.prepare('SELECT count(*) AS n FROM receipt_figures').get() as { n: number }).n;
      db.close();
      return n;
    };
    await eventually(() => count(first.receiptsFile) === 3);
    await first.stop();
    // As if the app had closed before the pool was quiet: texts kept, figures not read yet.
    const writable = new Database(first.receiptsFile);
    writable.prepare('DELETE FROM receipt_figures').run();
    writable.close();
    const second = await desk(
      { listeners: [{ host: '127.0.0.1', port: 0, station: 'Front' }] },
      first.dataDir,
    );
    await eventually(() => count(second.receiptsFile) === 3);
  });

  it('are not read from a print too long to be a sale, and the store says why', async () => {
    const d = await desk();
    // 300 KiB of text lines, as a device that dumps a log to the printer would send.
    const line = 'LOG 2026-12-07 09:15:02 sensor ok TOTAL 12.50\n';
    const bytes = Buffer.from(
      line.repeat(Math.ceil((300 * 1024) / line.length)) + '\x1dV\x00',
      'latin1',
    );
    await sendRaw(d.port, bytes);
    const [r] = await d.waitForReceipts(1);
    const db = d.reader();
    const row = () =>
      db
        .prepare('SELECT kind, total, problems, figures FROM receipt_figures WHERE receipt_id = ?')
        .get(r.id) as
        { kind: string; total: number | null; problems: number; figures: string } | undefined;
    const stored = await eventually(() => row());
    expect(stored).toMatchObject({ kind: 'other', total: null, problems: 1 });
    expect(JSON.parse(stored.figures).problems).toEqual([
      expect.stringMatching(/^Not read for sales figures: \d+ KiB of text is no sale receipt\.$/),
    ]);
  });
});
