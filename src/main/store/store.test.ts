import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DB_FILE, MIGRATIONS, Store, migrate, toFtsQuery } from '.';

const dirs: string[] = [];
const stores: Store[] = [];
afterEach(() => {
  for (const s of stores.splice(0)) {
    try {
      s.close();
    } catch {
      // already closed by the test
    }
  }
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function open(dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rd-store-'))): Store {
  dirs.push(dataDir);
  const store = new Store({ dataDir, commitWindowMs: 2 });
  stores.push(store);
  return store;
}

async function addReceipt(store: Store, text: string, receivedAt = Date.now(), empty = false) {
  const connectionId = store.writer.openConnection({
    peer: '10.0.0.5',
    peerPort: 50000,
    station: 'Front',
    listenerPort: 9100,
    openedAt: receivedAt,
  });
  const id = await store.writer.appendReceipt({
    connectionId,
    seq: 0,
    station: 'Front',
    peer: '10.0.0.5',
    startedAt: receivedAt,
    receivedAt,
    bytes: Buffer.from(text, 'latin1'),
    droppedBytes: 0,
    truncated: false,
    empty,
    endedBy: 'cut',
  });
  await store.writer.saveInterpretations([
    {
      id,
      status: 'ok',
      error: null,
      text,
      document: null,
      interpreterVersion: 1,
      interpretedAt: receivedAt,
    },
  ]);
  return id;
}

describe('store', () => {
  it('opens in WAL mode with synchronous=FULL and the latest schema', () => {
    const store = open();
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.db.pragma('synchronous', { simple: true })).toBe(2); // FULL
    expect(store.db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.at(-1)!.version);
  });

  it('migrates once: reopening a file changes nothing, and a newer file is refused with advice', () => {
    const store = open();
    const dataDir = path.dirname(store.db.name);
    store.close();
    const db = new Database(path.join(dataDir, DB_FILE));
    expect(migrate(db)).toBe(MIGRATIONS.at(-1)!.version);
    db.pragma('user_version = 9990');
    expect(() => migrate(db)).toThrow(/newer Receipt Desk/);
    db.close();
  });

  it('commits many receipts in one transaction and resolves each with its id', async () => {
    const store = open();
    const ids = await Promise.all(
      Array.from({ length: 50 }, (_, i) => addReceipt(store, `Receipt ${i}`)),
    );
    expect(new Set(ids).size).toBe(50);
    expect(store.writer.stats.commits).toBeLessThan(50);
    const page = store.queries.list({ limit: 500 });
    expect(page.items).toHaveLength(50);
  });

  it('rejects writes with a clear code when the file cannot be written', async () => {
    const store = open();
    store.db.exec('DROP TABLE receipts_fts');
    store.db.exec(
      "CREATE TRIGGER no_writes BEFORE INSERT ON receipts BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END",
    );
    await expect(addReceipt(store, 'lost?')).rejects.toMatchObject({ code: 'DB_WRITE_FAILED' });
  });

  it('finds words, numbers and codes as typed, ignoring accents and case', async () => {
    const store = open();
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
    const store = open();
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

  it('keeps everything by default and deletes only receipts past retentionDays', async () => {
    const store = open();
    const now = Date.UTC(2026, 10, 22);
    await addReceipt(store, 'Old', now - 40 * 86_400_000);
    await addReceipt(store, 'Recent', now - 86_400_000);
    expect(store.applyRetention(null, now)).toBe(0);
    expect(store.applyRetention(30, now)).toBe(1);
    expect(store.queries.list({}).items.map((r) => r.text)).toEqual(['Recent']);
    expect(store.queries.list({ q: 'Old' }).items).toEqual([]);
  });
});
