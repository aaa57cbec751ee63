/**
 * The cloud relay end to end, with the world breaking on purpose (issue 13): `npm run serve` as
 * a real process relays to the real Worker in Miniflare with a real local D1, through a proxy
 * that answers 500 and 503, stores and then answers 503, holds requests past the relay's timeout,
 * resets connections and goes away for 30 seconds; the service itself is killed with SIGKILL
 * mid-stream and started again. A POS client (node-thermal-printer) prints 1,000 checks, some
 * paid by a card whose full number is printed. Afterwards D1 must hold exactly those 1,000
 * receipts, each once, in the desk's order, with no card number readable, and the owner's day
 * figures must equal the desk's own daily report to the cent.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { CharacterSet, PrinterTypes, ThermalPrinter } from 'node-thermal-printer';
import { afterAll, describe, expect, it } from 'vitest';
import { type Cloud, startCloud } from '../cloud/test/harness';
import type { DailyReport, Metrics, Stats } from '../src/shared';
import { eventually } from './helpers/desk';
import { type Fault, type FaultProxy, startFaultProxy } from './helpers/fault-proxy';
import { getJson, MALLOC_ENV, type ServeProcess, startServe } from './helpers/serve-process';
import { seeded } from './sales/fixtures/random';

const RELAY_TOKEN = 'relay-token-for-the-fault-test';
const HMAC_SECRET = 'hmac-secret-for-the-fault-test-0123456789';
const READ_TOKEN = 'read-token-for-the-fault-test';
const STORE = 'paris-11';
const CHECKS = 1_000;
/** Test card numbers (Luhn-valid) printed in full on some checks, as a careless POS would. */
const CARDS = ['4111 1111 1111 1111', '5555-5555-5555-4444', '378282246310005'];

const cents = (n: number) => (n / 100).toFixed(2);

/** Check `n` as the till prints it, through node-thermal-printer's own network interface. */
async function printCheck(port: number, n: number): Promise<void> {
  const pos = new ThermalPrinter({
    type: PrinterTypes.EPSON,
    interface: `tcp://127.0.0.1:${port}`,
    width: 42,
    characterSet: CharacterSet.PC858_EURO,
    options: { timeout: 5_000 },
  });
  pos.println('BRASSERIE DU CANAL');
  pos.leftRight(`Check ${10_000 + n}`, `Table ${(n % 12) + 1}`);
  pos.drawLine();
  let subtotal = 0;
  for (let k = 0; k < 1 + (n % 4); k++) {
    const price = 350 + ((n * 7 + k * 13) % 40) * 25;
    subtotal += price;
    pos.leftRight(`1 x Plat du jour ${k + 1}`, cents(price));
  }
  const tax = Math.round(subtotal * 0.1);
  const total = subtotal + tax;
  pos.drawLine();
  pos.leftRight('SUBTOTAL', cents(subtotal));
  pos.leftRight('TAX 10%', cents(tax));
  pos.leftRight('TOTAL', cents(total));
  if (n % 3 === 0) {
    pos.leftRight('CASH', cents(total));
  } else {
    pos.leftRight('VISA', cents(total));
    // Every tenth card check prints the whole card number (the relay must mask it).
    if (n % 10 === 1) pos.println(`CARD ${CARDS[n % CARDS.length]}`);
  }
  pos.cut();
  await pos.execute();
}

/** Prints checks [from, to) from four tills at once; a refused print is tried again. */
async function printChecks(port: () => number, from: number, to: number): Promise<void> {
  let next = from;
  const till = async () => {
    while (next < to) {
      const n = next++;
      for (let attempt = 0; ; attempt++) {
        try {
          await printCheck(port(), n);
          break;
        } catch (err) {
          if (attempt > 50) throw err;
          await new Promise((r) => setTimeout(r, 100));
        }
      }
    }
  };
  await Promise.all([till(), till(), till(), till()]);
}

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rd-relay-faults-'));
let cloud: Cloud | null = null;
let proxy: FaultProxy | null = null;
let serve: ServeProcess | null = null;

afterAll(async () => {
  serve?.child.kill('SIGKILL');
  await serve?.exited;
  await proxy?.close();
  await cloud?.dispose();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

function startDesk(): Promise<ServeProcess> {
  return startServe(
    [
      '--data-dir',
      dataDir,
      '--printer-port',
      '0',
      '--http-port',
      '0',
      '--relay-url',
      `${proxy!.url}/v1/receipts`,
      '--store-id',
      STORE,
    ],
    30_000,
    {
      ...MALLOC_ENV,
      ...process.env,
      RECEIPT_DESK_RELAY_TOKEN: RELAY_TOKEN,
      RECEIPT_DESK_RELAY_SECRET: HMAC_SECRET,
    },
  );
}

/**
 * What the file holds when the desk has fewer receipts than the tills printed: which checks are
 * missing, and the connections that carried them, so a failure can be read, not guessed.
 */
function whatIsMissing(upTo: number): string {
  const db = new Database(path.join(dataDir, 'receipts.sqlite'), { readonly: true });
  try {
    const seen = new Map<number, number>();
    for (const r of db
      .prepare('SELECT r.raw FROM receipt_raw r JOIN receipts x ON x.id = r.receipt_id')
      .all() as { raw: Buffer }[]) {
      for (const m of r.raw.toString('latin1').matchAll(/Check (\d+)/gu)) {
        const n = Number(m[1]) - 10_000;
        seen.set(n, (seen.get(n) ?? 0) + 1);
      }
    }
    const missing = Array.from({ length: upTo }, (_, n) => n).filter((n) => !seen.has(n));
    const twice = [...seen].filter(([, k]) => k > 1).map(([n]) => n);
    const closes = db
      .prepare('SELECT close_reason AS why, count(*) AS n FROM connections GROUP BY 1')
      .all();
    const receipts = db
      .prepare(
        'SELECT status, empty, ended_by AS endedBy, count(*) AS n FROM receipts GROUP BY 1, 2, 3',
      )
      .all();
    return JSON.stringify({ missing, twice, closes, receipts });
  } finally {
    db.close();
  }
}

/** `eventually`, and on failure the desk's own account of what it holds. */
async function allStored(upTo: number, timeoutMs: number): Promise<void> {
  try {
    await eventually(
      async () => ((await stats()).receiptsTotal >= upTo ? true : undefined),
      timeoutMs,
    );
  } catch (err) {
    const s = await stats().catch((e: unknown) => String(e));
    const m = await metrics().catch((e: unknown) => String(e));
    console.error(
      `the desk holds fewer than ${upTo} checks:\nstats ${JSON.stringify(s)}\n` +
        `metrics ${JSON.stringify(m)}\nfile ${whatIsMissing(upTo)}\n` +
        `serve stderr (last 4 KB): ${serve!.stderr().slice(-4096)}`,
    );
    throw err;
  }
}

const metrics = async () => (await getJson<Metrics>(serve!.url('/api/metrics'))).body;
const stats = async () => (await getJson<Stats>(serve!.url('/api/stats'))).body;

describe('the cloud relay under faults', () => {
  it(
    'delivers 1,000 receipts exactly once, in order, masked, with the desk’s figures, through errors, an outage and a SIGKILL',
    { timeout: 300_000 },
    async () => {
      cloud = await startCloud({
        relayToken: RELAY_TOKEN,
        hmacSecret: HMAC_SECRET,
        readToken: READ_TOKEN,
      });
      // Seeded, so a failing run can be replayed.
      const random = seeded(1307);
      let faulty = true;
      // Each fault once early on, whatever the dice say; then the dice.
      // (A pass between two, so these alone never open the circuit.)
      const first: Fault[] = [
        'pass',
        '500',
        'pass',
        '503',
        'pass',
        'pass-then-503',
        'pass',
        'hold',
      ];
      first.push('pass', 'reset');
      proxy = await startFaultProxy(
        cloud.url,
        (): Fault => {
          if (!faulty) return 'pass';
          const scheduled = first.shift();
          if (scheduled) return scheduled;
          const x = random.next();
          if (x < 0.6) return 'pass';
          if (x < 0.68) return '500';
          if (x < 0.76) return '503';
          if (x < 0.86) return 'pass-then-503';
          if (x < 0.93) return 'hold';
          return 'reset';
        },
        2_500,
      );
      // Requests time out after 1 s, so a held one is given up and sent again; the waits are
      // the shop's defaults cut to seconds, so the test ends in minutes.
      fs.writeFileSync(
        path.join(dataDir, 'settings.json'),
        JSON.stringify({ cloudRelay: { requestTimeoutS: 1, retryCapS: 4, circuitCoolDownS: 1 } }),
      );
      serve = await startDesk();

      // The first 400 checks, then the desk is killed while it is still relaying them.
      await printChecks(() => serve!.printerPort, 0, 400);
      // A till's print returns once its bytes are written; a loaded machine may take a while to
      // read and commit them all (the printer ports pause while the pool catches up).
      await allStored(400, 60_000);
      await eventually(async () => {
        const m = await metrics();
        return m.relay.deliveredPerMin > 0 && m.relay.backlog > 0 ? true : undefined;
      }, 60_000);
      serve.child.kill('SIGKILL');
      await serve.exited;

      // Back up; the endpoint goes away for 30 s while the other 600 checks print.
      serve = await startDesk();
      const outage = proxy.outage(30_000);
      await printChecks(() => serve!.printerPort, 400, CHECKS);
      await outage;
      await allStored(CHECKS, 60_000);
      expect((await stats()).receiptsTotal).toBe(CHECKS);

      // Everything arrives in the end, faults and all.
      await eventually(async () => {
        const [{ n }] = await cloud!.query<{ n: number }>('SELECT count(*) AS n FROM receipts');
        return n >= CHECKS ? true : undefined;
      }, 180_000);
      faulty = false;
      await eventually(
        async () => ((await metrics()).relay.backlog === 0 ? true : undefined),
        30_000,
      );

      const rows = await cloud.query<{ id: string; seq: number; text: string; figures: string }>(
        'SELECT id, seq, text, figures FROM receipts WHERE store_id = ? ORDER BY rowid',
        STORE,
      );
      // Exactly the 1,000, each once.
      expect(rows).toHaveLength(CHECKS);
      expect(new Set(rows.map((r) => r.id)).size).toBe(CHECKS);
      const checkNumbers = rows.map((r) => Number(/Check (\d+)/u.exec(r.text)?.[1]) - 10_000);
      expect(new Set(checkNumbers).size).toBe(CHECKS);
      // Stored in the desk's order: each receipt after the one received before it.
      const seqs = rows.map((r) => r.seq);
      expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
      // No card number readable anywhere: not in the text, not in the figures.
      const digitsOf = (c: string) => c.replace(/\D/gu, '');
      for (const r of rows) {
        const all = `${r.text}\n${r.figures}`;
        for (const card of CARDS) {
          expect(all).not.toContain(card);
          expect(all.replace(/[\s-]/gu, '')).not.toContain(digitsOf(card));
        }
      }
      const masked = rows.filter((r) => /CARD [*\s-]+\d{4}/u.test(r.text));
      const withCard = Array.from({ length: CHECKS }, (_, n) => n % 10 === 1 && n % 3 !== 0);
      expect(masked.length).toBe(withCard.filter(Boolean).length);

      // The owner's figures are the desk's own, to the cent, for every business day.
      const days = await cloud.query<{ day: string }>(
        'SELECT DISTINCT business_day AS day FROM receipts ORDER BY day',
      );
      for (const { day } of days) {
        const desk = (
          await getJson<DailyReport>(serve.url(`/api/reports/daily?date=${day}&format=json`))
        ).body;
        const owner = await fetch(`${cloud.url}/v1/stores/${STORE}/days/${day}`, {
          headers: { Authorization: `Bearer ${READ_TOKEN}` },
        });
        expect(owner.status).toBe(200);
        const o = (await owner.json()) as DailyReport;
        for (const key of ['receiptCount', 'saleCount', 'total', 'tax', 'netSales'] as const) {
          expect([day, key, o[key]]).toEqual([day, key, desk[key]]);
        }
        expect(o.payments).toEqual(desk.payments);
      }

      // Every fault was met at least once.
      for (const fault of ['500', '503', 'pass-then-503', 'hold', 'reset'] as const) {
        expect([fault, proxy.counts[fault] > 0]).toEqual([fault, true]);
      }
    },
  );
});
