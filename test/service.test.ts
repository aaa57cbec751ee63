/** The service's wiring: several stations, reinterpretation from raw bytes, restart recovery, gauges. */
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import {
  esc,
  eventually,
  openSocket,
  sendRaw,
  desksStoppedAfterEach,
  tempDir,
} from './helpers/desk';

const desk = desksStoppedAfterEach();

/**
 * Sets a receipt's stored text and status as an older run would have left them, with the search
 * index kept as the writer keeps it (no trigger does it: migration 0070).
 */
function setStoredText(db: Database.Database, id: number, text: string | null, status: string) {
  const old = db.prepare('SELECT text FROM receipts WHERE id = ?').pluck().get(id) as string | null;
  if (old !== null)
    db.prepare("INSERT INTO receipts_fts (receipts_fts, rowid, text) VALUES ('delete', ?, ?)").run(
      id,
      old,
    );
  db.prepare('UPDATE receipts SET text = ?, status = ? WHERE id = ?').run(text, status, id);
  if (text !== null)
    db.prepare('INSERT INTO receipts_fts (rowid, text) VALUES (?, ?)').run(id, text);
}

describe('service', () => {
  it('labels receipts with the station of the port they arrived on', async () => {
    const d = await desk({
      listeners: [
        { host: '127.0.0.1', port: 0, station: 'Front' },
        { host: '127.0.0.1', port: 0, station: 'Bar' },
        { host: '127.0.0.1', port: 0, station: 'Kitchen' },
      ],
    });
    const ports = (await d.service.getHealth()).listeners;
    expect(ports.map((l) => l.station)).toEqual(['Front', 'Bar', 'Kitchen']);
    await sendRaw(ports[1].port, esc.receipt('2x Negroni'));
    await sendRaw(ports[2].port, esc.receipt('Table 3: 2x Risotto'));
    const receipts = await d.waitForReceipts(2);
    expect(receipts.map((r) => [r.station, r.text])).toEqual([
      ['Bar', '2x Negroni'],
      ['Kitchen', 'Table 3: 2x Risotto'],
    ]);
    const health = await d.service.getHealth();
    expect(health.listeners.every((l) => l.listening)).toBe(true);
    // The System screen's "last receipt" per station: the two that printed, not the quiet one.
    expect(health.listeners.map((l) => [l.station, l.lastReceiptAt])).toEqual([
      ['Front', null],
      ['Bar', receipts[0].receivedAt],
      ['Kitchen', receipts[1].receivedAt],
    ]);
    const bar = await d.service.listReceipts({ station: 'Bar' });
    expect(bar.items.map((r) => r.text)).toEqual(['2x Negroni']);
  });

  it('reinterprets stored receipts from their raw bytes', async () => {
    const d = await desk();
    await sendRaw(d.port, esc.receipt('Grilled halloumi   9.50'));
    const [r] = await d.waitForReceipts(1);
    const db = new Database(d.receiptsFile);
    setStoredText(db, r.id, 'garbled', 'failed');
    db.close();
    expect((await d.service.getReceipt(r.id)).text).toBe('garbled');
    const { receipts: count } = await d.service.reinterpret({
      from: r.receivedAt - 1000,
      to: r.receivedAt + 1000,
    });
    expect(count).toBe(1);
    const again = await d.service.getReceipt(r.id);
    expect(again.text).toBe('Grilled halloumi   9.50');
    expect(again.status).toBe('ok');
    expect((await d.service.listReceipts({ q: 'halloumi' })).items).toHaveLength(1);
  });

  it('counts drawer kicks per receipt and today, and reinterpretation brings older rows up to date', async () => {
    const d = await desk();
    const kick = Buffer.from([0x1b, 0x70, 0x00, 0x19, 0xfa]); // ESC p 0: pulse pin 2
    await sendRaw(
      d.port,
      Buffer.concat([Buffer.from('Cash sale   12.00\n'), kick, Buffer.from([0x1d, 0x56, 0x00])]),
    );
    const [r] = await d.waitForReceipts(1);
    expect(r.drawerKicks).toBe(1);
    expect(r.dialect).toBe('escpos');
    expect((await d.service.getStats()).drawerKicksToday).toBe(1);
    // A row written by the part-1 interpreter had neither the count nor the dialect.
    const db = new Database(d.receiptsFile);
    db.prepare(
      'UPDATE receipts SET drawer_kicks = 0, dialect = NULL, interpreter_version = 1 WHERE id = ?',
    ).run(r.id);
    expect((await d.service.getStats()).drawerKicksToday).toBe(0);
    await d.service.reinterpret({ from: r.receivedAt - 1000, to: r.receivedAt + 1000 });
    const row = db
      .prepare('SELECT drawer_kicks, dialect, interpreter_version FROM receipts WHERE id = ?')
      .get(r.id) as { drawer_kicks: number; dialect: string; interpreter_version: number };
    db.close();
    expect(row.drawer_kicks).toBe(1);
    expect(row.dialect).toBe('escpos');
    expect(row.interpreter_version).toBeGreaterThan(1);
    expect((await d.service.getStats()).drawerKicksToday).toBe(1);
  });

  it("builds a receipt's document when it is first opened, keeps it, and drops it on reinterpretation", async () => {
    const d = await desk();
    await sendRaw(d.port, esc.receipt('Table 6', 'Tiramisu   5.50'));
    const [r] = await d.waitForReceipts(1);
    const cached = () =>
      (
        d
          .reader()
          .prepare('SELECT count(*) AS n FROM receipt_documents WHERE receipt_id = ?')
          .get(r.id) as { n: number }
      ).n;
    expect(cached()).toBe(0);
    const opened = await d.service.getReceipt(r.id);
    expect(opened.document?.blocks.filter((b) => b.kind === 'text')).toHaveLength(2);
    await eventually(() => cached() === 1);
    expect((await d.service.getReceipt(r.id)).document).toEqual(opened.document);
    await d.service.reinterpret({ from: r.receivedAt - 1000, to: r.receivedAt + 1000 });
    expect(cached()).toBe(0);
  });

  it('interprets on restart what a previous run stored but had not interpreted', async () => {
    const dataDir = tempDir();
    const first = await desk({}, dataDir);
    await sendRaw(first.port, esc.receipt('Table 12', 'TOTAL 48.00'));
    const [r] = await first.waitForReceipts(1);
    await first.stop();
    // As if the process died between committing the bytes and saving the interpretation.
    const reopened = await desk({}, dataDir);
    const db = new Database(reopened.receiptsFile);
    setStoredText(db, r.id, null, 'pending');
    db.prepare('DELETE FROM receipt_documents WHERE receipt_id = ?').run(r.id);
    db.close();
    await reopened.stop();
    const third = await desk({}, dataDir);
    const detail = await eventually(async () => {
      const x = await third.service.getReceipt(r.id);
      return x.status === 'ok' ? x : undefined;
    });
    expect(detail.text).toBe('Table 12\nTOTAL 48.00');
  });

  it('says where to point a till and prints a test receipt through its own printer port', async () => {
    const d = await desk();
    const [front] = await d.service.getPrinterAddresses();
    expect(front).toMatchObject({ station: 'Front', port: d.port, listening: true });
    expect(front.addresses.length).toBeGreaterThan(0);
    const sent = await d.service.printTestReceipt();
    expect(sent).toEqual({ station: 'Front', port: d.port });
    const [r] = await d.waitForReceipts(1);
    expect(r.text).toContain('RECEIPT DESK');
    expect(r.text).toContain('Station: Front');
  });

  it('sums today by hour and station, beside the same weekday last week', async () => {
    const d = await desk();
    await sendRaw(d.port, esc.receipt('Table 1'));
    await sendRaw(d.port, esc.receipt('Table 2'));
    await sendRaw(d.port, esc.receipt('Table 3'));
    const [, , r] = await d.waitForReceipts(3);
    // One of them printed a week ago, at the same hour.
    const db = new Database(d.receiptsFile);
    db.prepare('UPDATE receipts SET received_at = received_at - ? WHERE id = ?').run(
      7 * 24 * 3600 * 1000,
      r.id,
    );
    db.close();
    const today = await d.service.getToday();
    const hour = new Date(r.receivedAt).getHours();
    expect(today.hours.reduce((a, b) => a + b, 0)).toBe(2);
    expect(today.hours[hour]).toBe(2);
    expect(today.lastWeekHours[hour]).toBe(1);
    expect(today.stations).toEqual([{ station: 'Front', receipts: 2, lastWeek: 1 }]);
  });

  it('holds receipts while the manager pauses capture and stores them on resume, losing none', async () => {
    const d = await desk();
    d.service.setPaused(true);
    expect(d.service.paused).toBe(true);
    const socket = await openSocket(d.port);
    socket.end(esc.receipt('Held while paused'));
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect((await d.service.getStats()).receiptsTotal).toBe(0);
    d.service.setPaused(false);
    const [r] = await d.waitForReceipts(1);
    expect(r.text).toBe('Held while paused');
  });

  it('reports gauges: connections, pool, OS threads, memory, database size, receipt rate', async () => {
    const d = await desk({ capture: { maxConnections: 7 }, pool: { threads: 2 } });
    await sendRaw(d.port, esc.receipt('Soup of the day  6.00'));
    await d.waitForReceipts(1);
    const m = await eventually(async () => {
      const x = await d.service.getMetrics();
      return x.receipts.perMinute === 1 ? x : undefined;
    }, 5000);
    expect(m.connections).toMatchObject({ open: 0, max: 7, refused: 0 });
    expect(m.pool).toMatchObject({ threads: 2, maxQueue: 8 });
    expect(m.osThreads).toBeGreaterThan(2);
    expect(m.memory.rssBytes).toBeGreaterThan(m.memory.heapUsedBytes);
    expect(m.db.fileBytes).toBeGreaterThan(0);
  });
});
