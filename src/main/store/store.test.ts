import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DB_FILE, MIGRATIONS, OutboxQueries, Store, migrate, openDatabase, toFtsQuery } from '.';
import { COUNT_IN_DONE_STATE } from './outbox-queries';

// The writer thread entry, built by the test setup exactly as `npm run serve` builds it.
const WRITER_FILE = path.resolve(import.meta.dirname, '../../../out/service/store-writer.js');

const dirs: string[] = [];
const stores: Store[] = [];
afterEach(async () => {
  for (const s of stores.splice(0)) await s.close().catch(() => {});
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

async function open(dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rd-store-'))): Promise<Store> {
  dirs.push(dataDir);
  const store = await Store.open({
    dataDir,
    writerFile: WRITER_FILE,
    commitWindowMs: 0,
    maxBacklogBytes: 1 << 20,
    maxBacklogReceipts: 1000,
  });
  stores.push(store);
  return store;
}

/** A second read-write connection, for tests that must damage the file on purpose. */
function writable(store: Store): Database.Database {
  return new Database(store.db.name);
}

async function addReceipt(
  store: Store,
  text: string,
  receivedAt = Date.now(),
  empty = false,
  station = 'Front',
  outbox: string[] = [],
) {
  const connectionId = store.writer.openConnection({
    peer: '10.0.0.5',
    peerPort: 50000,
    station,
    listenerPort: 9100,
    openedAt: receivedAt,
  });
  const id = await store.writer.appendReceipt({
    connectionId,
    seq: 0,
    station,
    peer: '10.0.0.5',
    startedAt: receivedAt,
    receivedAt,
    bytes: Buffer.from(text, 'latin1'),
    droppedBytes: 0,
    truncated: false,
    empty,
    endedBy: 'cut',
    outbox,
  });
  await store.writer.saveInterpretations([
    {
      id,
      status: 'ok',
      error: null,
      text,
      warnings: 0,
      dialect: 'escpos',
      drawerKicks: 0,
      cuts: 1,
      interpreterVersion: 1,
      interpretedAt: receivedAt,
    },
  ]);
  return id;
}

/** The count of segments an FTS5 index has written, from its structure record. */
function segmentsWritten(structure: Buffer): number {
  let i = 4; // the cookie
  if (structure.subarray(4, 8).equals(Buffer.from([0xff, 0, 0, 1]))) i += 4; // format 2
  const varint = (): number => {
    let v = 0;
    for (;;) {
      const b = structure[i++];
      v = v * 128 + (b & 0x7f);
      if (b < 0x80) return v;
    }
  };
  varint(); // levels
  varint(); // segments now
  return varint();
}

describe('store', () => {
  it('opens in WAL mode with synchronous=FULL and the latest schema', async () => {
    const store = await open();
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.at(-1)!.version);
    // synchronous is per connection: check the one the writer thread opens, the same way.
    const writerDb = openDatabase({ dataDir: path.dirname(store.db.name) });
    expect(writerDb.pragma('synchronous', { simple: true })).toBe(2); // FULL
    writerDb.close();
  });

  it('migrates once: reopening a file changes nothing, and a newer file is refused with advice', async () => {
    const store = await open();
    const dataDir = path.dirname(store.db.name);
    await store.close();
    const db = new Database(path.join(dataDir, DB_FILE));
    expect(migrate(db)).toBe(MIGRATIONS.at(-1)!.version);
    db.pragma('user_version = 9990');
    expect(() => migrate(db)).toThrow(/newer Receipt Desk/);
    db.close();
  });

  it('commits many receipts in one transaction and resolves each with its id', async () => {
    const store = await open();
    const ids = await Promise.all(
      Array.from({ length: 50 }, (_, i) => addReceipt(store, `Receipt ${i}`)),
    );
    expect(new Set(ids).size).toBe(50);
    expect(store.writer.gauges().commits).toBeLessThan(50);
    const page = store.queries.list({ limit: 500 });
    expect(page.items).toHaveLength(50);
  });

  it('rejects writes with a clear code when the file cannot be written', async () => {
    const store = await open();
    const db = writable(store);
    db.exec(
      "CREATE TRIGGER no_writes BEFORE INSERT ON receipts BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END",
    );
    db.close();
    await expect(addReceipt(store, 'lost?')).rejects.toMatchObject({ code: 'DB_WRITE_FAILED' });
  });

  it('finds words, numbers and codes as typed, ignoring accents and case', async () => {
    const store = await open();
    const a = await addReceipt(store, 'CAFE MILANO\nOrder A-1043\nTOTAL 12.50');
    const b = await addReceipt(store, 'Date 12/05/2026\nCappuccino 3.20');
    const c = await addReceipt(store, 'Livraison Québec\nTOTAL 3.00');
    const find = (q: string) => store.queries.list({ q }).items.map((r) => r.id);
    expect(find('A-1043')).toEqual([a]);
    expect(find('a-1043')).toEqual([a]);
    expect(find('12/05')).toEqual([b]);
    expect(find('12.50')).toEqual([a]);
    expect(find('quebec')).toEqual([c]);
    expect(find('Capp')).toEqual([b]);
    expect(find('total')).toEqual([c, a]);
    expect(find('"unbalanced')).toEqual([]);
    expect(find('AND OR NOT')).toEqual([]);
    expect(toFtsQuery('  - / ')).toBeNull();
  });

  it('lists printed receipts only, newest first, by time range', async () => {
    const store = await open();
    const day = Date.UTC(2026, 10, 20, 12);
    const old = await addReceipt(store, 'Yesterday', day - 86_400_000);
    await addReceipt(store, '', day, true);
    const today = await addReceipt(store, 'Today', day);
    expect(store.queries.list({}).items.map((r) => r.id)).toEqual([today, old]);
    expect(store.queries.list({ from: day - 1000, to: day + 1000 }).items.map((r) => r.id)).toEqual(
      [today],
    );
    const stats = store.queries.stats(day - 1000);
    expect(stats).toMatchObject({ receiptsTotal: 2, receiptsToday: 1, connectionsTotal: 3 });
  });

  it('tells when each station last printed, ignoring empty jobs, with one index seek', async () => {
    const store = await open();
    const t = Date.UTC(2026, 10, 20, 12);
    await addReceipt(store, 'Negroni', t - 60_000, false, 'Bar');
    await addReceipt(store, 'Spritz', t, false, 'Bar');
    await addReceipt(store, '', t + 5_000, true, 'Bar'); // a status poll: not a receipt
    await addReceipt(store, 'Risotto', t - 3_600_000, false, 'Kitchen');
    const last = store.queries.lastReceiptAt(['Bar', 'Kitchen', 'Terrace', 'Bar']);
    expect([...last]).toEqual([
      ['Bar', t],
      ['Kitchen', t - 3_600_000],
      ['Terrace', null],
    ]);
    // Asked every second on the System screen: it must not scan other stations' receipts.
    const plan = store.db
      .prepare(
        'EXPLAIN QUERY PLAN SELECT max(received_at) FROM receipts WHERE station = ? AND empty = 0',
      )
      .all('Bar') as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toContain('receipts_by_station_time (station=?)');
  });

  it('pages search results newest first, neither repeating nor skipping one', async () => {
    const store = await open();
    const ids: number[] = [];
    for (let i = 0; i < 7; i++) {
      ids.push(await addReceipt(store, `Tiramisu ${i}`));
      await addReceipt(store, `Espresso ${i}`);
    }
    const seen: number[] = [];
    let before: string | undefined;
    do {
      const page = store.queries.list({ q: 'tiram', limit: 3, before });
      seen.push(...page.items.map((r) => r.id));
      before = page.nextCursor ?? undefined;
    } while (before);
    expect(seen).toEqual([...ids].reverse());
  });

  it('keeps the search index with the texts: a receipt read again is found by its new words only', async () => {
    const store = await open();
    const now = Date.UTC(2026, 10, 22);
    const old = await addReceipt(store, 'Old halloumi', now - 40 * 86_400_000);
    const kept = await addReceipt(store, 'Grilled halloumi', now - 86_400_000);
    const row = (id: number, text: string | null) => ({
      id,
      status: text === null ? ('failed' as const) : ('ok' as const),
      error: null,
      text,
      warnings: 0,
      dialect: 'escpos' as const,
      drawerKicks: 0,
      cuts: 1,
      interpreterVersion: 2,
      interpretedAt: now,
    });
    // Read again twice and deleted by retention, all in one commit (a barrier commits what
    // waits in the order it came): each step must see the index as the texts stood before it.
    await Promise.all([
      store.writer.saveInterpretations([row(kept, 'Halloumi wrap'), row(old, 'Old wrap')]),
      store.writer.saveInterpretations([row(kept, 'Falafel wrap')]),
      store.applyRetention(30, now),
      store.writer.barrier(),
    ]);
    const find = (q: string) => store.queries.list({ q }).items.map((r) => r.id);
    expect(find('falafel')).toEqual([kept]);
    expect(find('wrap')).toEqual([kept]);
    expect(find('halloumi')).toEqual([]);
    expect(find('grilled')).toEqual([]);
    // FTS5's own check that the index holds exactly the words of the receipts' texts.
    const db = writable(store);
    expect(() =>
      db
        .prepare("INSERT INTO receipts_fts (receipts_fts, rank) VALUES ('integrity-check', 1)")
        .run(),
    ).not.toThrow();
    db.close();
  });

  it("indexes a commit's receipts together, not a segment per receipt", async () => {
    const store = await open();
    const ids = await Promise.all(
      Array.from({ length: 200 }, (_, n) =>
        store.writer.appendReceipt({
          connectionId: store.writer.openConnection({
            peer: '10.0.0.5',
            peerPort: 50000 + n,
            station: 'Front',
            listenerPort: 9100,
            openedAt: Date.now(),
          }),
          seq: 0,
          station: 'Front',
          peer: '10.0.0.5',
          startedAt: Date.now(),
          receivedAt: Date.now(),
          bytes: Buffer.from(`Order ${n}`),
          droppedBytes: 0,
          truncated: false,
          empty: false,
          endedBy: 'cut',
          outbox: ['cloud'],
        }),
      ),
    );
    await store.writer.saveInterpretations(
      ids.map((id, n) => ({
        id,
        status: 'ok' as const,
        error: null,
        text: `Order ${n}\nTable ${n % 12}\nTOTAL ${n}.50`,
        warnings: 0,
        dialect: 'escpos' as const,
        drawerKicks: 0,
        cuts: 1,
        interpreterVersion: 1,
        interpretedAt: Date.now(),
      })),
    );
    expect(store.queries.list({ q: 'Order 137' }).items.map((r) => r.id)).toEqual([ids[137]]);
    // FTS5's structure record (rowid 10) counts every segment the index ever wrote. One per
    // receipt (and their merges) made the writer spend ~40% of its time on the index.
    const structure = store.db
      .prepare('SELECT block FROM receipts_fts_data WHERE id = 10')
      .pluck()
      .get() as Buffer;
    expect(segmentsWritten(structure)).toBeLessThanOrEqual(4);
  });

  it('keeps everything by default and deletes only receipts past retentionDays', async () => {
    const store = await open();
    const now = Date.UTC(2026, 10, 22);
    await addReceipt(store, 'Old', now - 40 * 86_400_000);
    await addReceipt(store, 'Recent', now - 86_400_000);
    expect(await store.applyRetention(null, now)).toBe(0);
    expect(await store.applyRetention(30, now)).toBe(1);
    expect(store.queries.list({}).items.map((r) => r.text)).toEqual(['Recent']);
    expect(store.queries.list({ q: 'Old' }).items).toEqual([]);
  });

  it("migrates a file from before status replies, then keeps each receipt's replies with it", async () => {
    // A receipts file as the previous release left it: schema 20, one receipt.
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rd-store-'));
    const before = new Database(path.join(dataDir, DB_FILE));
    expect(
      migrate(
        before,
        MIGRATIONS.filter((m) => m.version <= 20),
      ),
    ).toBe(20);
    before.exec(`
      INSERT INTO connections (id, peer, station, listener_port, opened_at)
        VALUES (1, '10.0.0.5', 'Front', 9100, 0);
      INSERT INTO receipts (id, connection_id, seq, station, peer, started_at, received_at,
          byte_count, ended_by)
        VALUES (1, 1, 0, 'Front', '10.0.0.5', 0, 0, 3, 'cut');
      INSERT INTO receipt_raw (receipt_id, raw) VALUES (1, x'414243');
    `);
    before.close();

    const store = await open(dataDir);
    expect(store.db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.at(-1)!.version);
    expect(store.queries.get(1)).toMatchObject({ statusReplies: [], statusRepliesNotKept: 0 });

    const now = Date.UTC(2026, 10, 22);
    const connectionId = store.writer.openConnection({
      peer: '10.0.0.5',
      peerPort: 50000,
      station: 'Front',
      listenerPort: 9100,
      openedAt: now,
    });
    const replies = [
      { offset: 0, request: '100401', reply: '12' },
      { offset: 11, request: '1d7201', reply: '00' },
    ];
    const id = await store.writer.appendReceipt({
      connectionId,
      seq: 0,
      station: 'Front',
      peer: '10.0.0.5',
      startedAt: now,
      receivedAt: now,
      bytes: Buffer.from('\x10\x04\x01Table 4\n\x1dr\x01', 'latin1'),
      droppedBytes: 0,
      truncated: false,
      empty: false,
      endedBy: 'fin',
      statusReplies: replies,
      statusRepliesNotKept: 7,
    });
    expect(store.queries.get(id)).toMatchObject({
      statusReplies: replies,
      statusRepliesNotKept: 7,
    });

    // Retention takes the replies with their receipt (the foreign key would refuse otherwise).
    expect(await store.applyRetention(1, now + 3 * 86_400_000)).toBe(2);
    expect(store.queries.get(id)).toBeNull();
    const left = store.db.prepare('SELECT count(*) AS n FROM receipt_status_replies').get();
    expect(left).toEqual({ n: 0 });
  });

  it("queues a receipt for the relay in the receipt's own commit, in order, and keeps where each stands", async () => {
    const store = await open();
    const outbox = new OutboxQueries(store.db);
    const now = Date.UTC(2026, 10, 22, 12);
    const ids: number[] = [];
    for (let i = 0; i < 5; i++) {
      ids.push(
        await addReceipt(store, `Check ${i}`, now + i, false, 'Bar', ['cloud', 'printer:Bar']),
      );
    }
    // An empty segment (status polls only) is no receipt: nothing to send.
    await addReceipt(store, '', now + 9, true, 'Bar', ['cloud']);
    // Each queued row is committed with its receipt: no separate write to lose.
    expect(outbox.queued('cloud', 0, 100).map((r) => r.receiptId)).toEqual(ids);
    expect(outbox.queued('printer:Bar', 0, 2).map((r) => r.receiptId)).toEqual(ids.slice(0, 2));
    expect(outbox.counts('cloud')).toEqual({
      backlog: 5,
      oldestQueuedAt: now,
      dead: 0,
      unconfirmed: 0,
    });

    const [first, second, third] = outbox.queued('cloud', 0, 3);
    await store.writer.updateOutbox([
      { id: first.id, state: 'delivered', attempts: 1, error: null, at: now + 1000 },
      { id: second.id, state: 'dead', attempts: 5, error: 'Refused (400): bad store id', at: now },
      { id: third.id, state: 'queued', attempts: 2, error: 'Timed out', at: now },
    ]);
    expect(outbox.queued('cloud', 0, 100).map((r) => r.receiptId)).toEqual(ids.slice(2));
    expect(outbox.counts('cloud')).toMatchObject({ backlog: 3, oldestQueuedAt: now + 2, dead: 1 });
    expect(outbox.receiptRows(ids[1])).toMatchObject([
      { destination: 'cloud', state: 'dead', attempts: 5, error: 'Refused (400): bad store id' },
      { destination: 'printer:Bar', state: 'queued', attempts: 0 },
    ]);
    expect(outbox.rowsInState('dead', 'cloud', 10).map((r) => r.receiptId)).toEqual([ids[1]]);

    // Delivered rows are forgotten after the kept period; the others are not.
    expect(await store.writer.pruneOutbox(now + 999)).toBe(0);
    expect(await store.writer.pruneOutbox(now + 1001)).toBe(1);
    expect(outbox.receiptRows(ids[0]).map((r) => r.destination)).toEqual(['printer:Bar']);

    // Retention takes a receipt's outbox rows with it.
    expect(await store.applyRetention(1, now + 2 * 86_400_000)).toBe(6);
    expect(outbox.counts('printer:Bar').backlog).toBe(0);
  });

  it("commits the relay's delivered marks with the next receipt's commit, or alone soon after", async () => {
    const store = await open();
    const outbox = new OutboxQueries(store.db);
    const now = Date.UTC(2026, 10, 22, 12);
    const a = await addReceipt(store, 'Check 1', now, false, 'Bar', ['cloud']);
    const b = await addReceipt(store, 'Check 2', now, false, 'Bar', ['cloud']);
    const [rowA, rowB] = outbox.queued('cloud', 0, 2);
    let commits = store.writer.gauges().commits;
    await addReceipt(store, 'Check 3', now, false, 'Bar');
    const perReceipt = store.writer.gauges().commits - commits;
    const delivered = (id: number) => [
      { id, state: 'delivered' as const, attempts: 1, error: null, at: now },
    ];

    // A delivered mark is not flushed to disk on its own while receipts may come...
    commits = store.writer.gauges().commits;
    const marked = store.writer.updateOutbox(delivered(rowA.id), { lazy: true });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(outbox.receiptRows(a)).toMatchObject([{ state: 'queued' }]);
    // ...it goes with the next one's commit.
    await addReceipt(store, 'Check 4', now, false, 'Bar');
    await marked;
    expect(outbox.receiptRows(a)).toMatchObject([{ state: 'delivered' }]);
    expect(store.writer.gauges().commits - commits).toBe(perReceipt);

    // With nothing else to write it goes alone, within the writer's second.
    await store.writer.updateOutbox(delivered(rowB.id), { lazy: true });
    expect(outbox.receiptRows(b)).toMatchObject([{ state: 'delivered' }]);
  });

  it('counts a small outbox at every look, and reuses a count of 10,000 rows for a while', async () => {
    const store = await open();
    const outbox = new OutboxQueries(store.db);
    const now = Date.UTC(2026, 10, 22, 12);
    const id = await addReceipt(store, 'Check 1', now, false, 'Bar', ['cloud']);
    const [row] = outbox.queued('cloud', 0, 1);
    expect(outbox.counts('cloud')).toMatchObject({ backlog: 1, dead: 0 });
    // The first dead receipt shows at the next look, however long the last count took.
    await store.writer.updateOutbox([
      { id: row.id, state: 'dead', attempts: 1, error: 'No', at: now },
    ]);
    expect(outbox.counts('cloud')).toMatchObject({ backlog: 0, dead: 1 });

    // A backlog of 10,000 (rows made directly: the receipts themselves do not matter here).
    const direct = new Database(store.db.name);
    direct.pragma('busy_timeout = 5000');
    direct.pragma('foreign_keys = OFF');
    const fill = direct.prepare(
      `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
       INSERT INTO outbox (destination, receipt_id, queued_at) SELECT 'cloud', ? + i, ? FROM n`,
    );
    fill.run(10_000, id + 10, now);
    expect(outbox.counts('cloud').backlog).toBe(10_000);
    fill.run(5, id + 100_000, now);
    expect(outbox.counts('cloud').backlog).toBe(10_000); // the large count, reused
    expect(outbox.counts('cloud').dead).toBe(1); // the small ones still fresh
    // The dead and unconfirmed are counted each second from their own index, not by reading
    // every row of the backlog (7-10 ms of the main thread at 100,000 rows).
    const plan = store.db
      .prepare(`EXPLAIN QUERY PLAN ${COUNT_IN_DONE_STATE}`)
      .all('dead', 'cloud') as { detail: string }[];
    expect(plan.map((p) => p.detail).join('\n')).toContain('USING INDEX outbox_done');
    expect(outbox.rowsInState('dead', 'cloud', 10).map((r) => r.receiptId)).toEqual([id]);
    // Rows not done are still listed the plain way.
    const waiting = await addReceipt(store, 'Check 2', now, false, 'Bar', ['cloud']);
    expect(outbox.rowsInState('queued', 'cloud', 3).map((r) => r.receiptId)).toEqual([waiting]);
    direct.close();
  });

  it("checks an outbox row's state without building a temporary table for each row", async () => {
    // An IN list of five states made SQLite build (and drop) a temporary table at every insert
    // and update of an outbox row: an 88 KiB allocation each time, mapped and unmapped, which
    // slowed every thread while the relay was set up (migration 0080).
    const store = await open();
    // A writable connection: a read-only one compiles no checks into an insert.
    const direct = writable(store);
    const opcodes = (sql: string, ...args: unknown[]) =>
      (direct.prepare(`EXPLAIN ${sql}`).all(...args) as { opcode: string }[]).map((r) => r.opcode);
    const insert = opcodes(
      'INSERT INTO outbox (destination, receipt_id, queued_at) VALUES (?, ?, ?)',
      'c',
      1,
      0,
    );
    expect(insert).toContain('Halt'); // the checks are compiled in
    expect(insert).not.toContain('OpenEphemeral');
    expect(
      opcodes('UPDATE outbox SET state = ?, done_at = ? WHERE id = ?', 'dead', 0, 1),
    ).not.toContain('OpenEphemeral');
    // The check still refuses a state that does not exist.
    const id = await addReceipt(store, 'Check 1', Date.now(), false, 'Bar', ['cloud']);
    expect(() =>
      direct.prepare("UPDATE outbox SET state = 'lost' WHERE receipt_id = ?").run(id),
    ).toThrow(/CHECK constraint failed/);
    direct.close();
  });

  it('keeps the outbox rows, indexes and sequence when its state check is made again', async () => {
    // A receipts file as the previous release left it: schema 70, three rows queued, the last
    // one delivered and pruned, so the sequence is past the largest id left.
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rd-store-'));
    const before = new Database(path.join(dataDir, DB_FILE));
    migrate(
      before,
      MIGRATIONS.filter((m) => m.version <= 70),
    );
    before.exec(`
      INSERT INTO connections (id, peer, station, listener_port, opened_at)
        VALUES (1, '10.0.0.5', 'Bar', 9100, 0);
      INSERT INTO receipts (id, connection_id, seq, station, peer, started_at, received_at,
          byte_count, ended_by)
        VALUES (1, 1, 0, 'Bar', '10.0.0.5', 0, 0, 3, 'cut'),
               (2, 1, 1, 'Bar', '10.0.0.5', 0, 0, 3, 'cut'),
               (3, 1, 2, 'Bar', '10.0.0.5', 0, 0, 3, 'cut');
      INSERT INTO outbox (destination, receipt_id, queued_at) VALUES
        ('cloud', 1, 10), ('cloud', 2, 11), ('cloud', 3, 12);
      UPDATE outbox SET state = 'dead', attempts = 5, last_error = 'Refused', done_at = 20
        WHERE receipt_id = 2;
      DELETE FROM outbox WHERE receipt_id = 3;
    `);
    const rowsBefore = before.prepare('SELECT * FROM outbox ORDER BY id').all();
    before.close();

    const store = await open(dataDir);
    expect(store.db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.at(-1)!.version);
    expect(store.db.prepare('SELECT * FROM outbox ORDER BY id').all()).toEqual(rowsBefore);
    const indexes = store.db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'outbox'")
      .pluck()
      .all();
    expect(indexes).toEqual(
      expect.arrayContaining(['outbox_queued', 'outbox_by_receipt', 'outbox_done']),
    );
    expect(store.db.pragma('foreign_key_check')).toEqual([]);
    expect(store.db.pragma('integrity_check', { simple: true })).toBe('ok');
    // The pruned row's id 3 is not given again: the next receipt queued gets 4.
    const next = await addReceipt(store, 'Check 4', Date.now(), false, 'Bar', ['cloud']);
    const outbox = new OutboxQueries(store.db);
    expect(outbox.queued('cloud', 0, 10).map((r) => [r.id, r.receiptId])).toEqual([
      [1, 1],
      [4, next],
    ]);
    expect(outbox.rowsInState('dead', 'cloud', 10).map((r) => r.receiptId)).toEqual([2]);
  });

  it('makes one install id per receipts file and keeps it', async () => {
    const store = await open();
    const id = new OutboxQueries(store.db).installId();
    expect(id).toMatch(/^[0-9a-f]{10}$/);
    const dataDir = path.dirname(store.db.name);
    await store.close();
    const again = await open(dataDir);
    expect(new OutboxQueries(again.db).installId()).toBe(id);
    const other = await open();
    expect(new OutboxQueries(other.db).installId()).not.toBe(id);
  });
});
