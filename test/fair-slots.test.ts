/**
 * Fair printer slots, as the tills and the manager see them: devices that open connections and
 * send nothing cannot keep the tills out (idle connections close after idleCloseS, and give up
 * their slot to a newcomer), one address holds at most maxConnectionsPerPeer, and a till is
 * turned away only when every slot has a receipt in progress — counted, in health and in the log.
 * Real sockets on 127.0.0.x (the whole of 127/8 is loopback on Linux, so each holder below is a
 * device of its own address), a real SQLite file, node-thermal-printer as the till.
 */
import net from 'node:net';
import { PrinterTypes, ThermalPrinter } from 'node-thermal-printer';
import { afterEach, describe, expect, it } from 'vitest';
import type { Metrics } from '../src/shared';
import { type Desk, esc, eventually, startDesk } from './helpers/desk';

let desk: Desk | null = null;
const sockets: net.Socket[] = [];
afterEach(async () => {
  for (const s of sockets.splice(0)) s.destroy();
  await desk?.stop();
  desk = null;
});

/** A device's connection: when the desk closed it, and whether with a reset. */
interface Device {
  socket: net.Socket;
  /** Date.now() when the desk's FIN arrived (null: still open). */
  endedAt: number | null;
  reset: boolean;
}

/** Connects from `address` and sends nothing (or `first`), as a scanner or a hung tablet. */
function connect(port: number, address: string, first?: Buffer): Promise<Device> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: '127.0.0.1', localAddress: address });
    sockets.push(socket);
    const device: Device = { socket, endedAt: null, reset: false };
    // Like a till, it closes its side when the printer closes (allowHalfOpen is off).
    socket.on('end', () => (device.endedAt = Date.now()));
    // A reset can beat the connect event: the desk refused the device at once.
    socket.on('error', () => {
      device.reset = true;
      resolve(device);
    });
    socket.once('connect', () => {
      if (first) socket.write(first);
      resolve(device);
    });
  });
}

/** node-thermal-printer prints one receipt on a connection of its own, from 127.0.0.1. */
async function print(port: number, line: string): Promise<void> {
  const printer = new ThermalPrinter({
    type: PrinterTypes.EPSON,
    interface: `tcp://127.0.0.1:${port}`,
    options: { timeout: 5000 },
  });
  printer.println(line);
  printer.println('TOTAL                 4.50');
  printer.cut();
  await printer.execute();
}

/** The connection gauges as the contract reports them (GET /api/metrics). */
const gauges = async () => (await desk!.service.getMetrics()).connections;
const peer = async (address: string) => (await gauges()).peers.find((p) => p.peer === address);
const stillOpen = (devices: Device[]) => devices.filter((d) => d.endedAt === null && !d.reset);

describe('fair printer slots', () => {
  it('50 idle sockets from one address and 60 from another do not stop a till: all 20 receipts stored', async () => {
    desk = await startDesk(); // the defaults: 50 slots, 8 per address, idle ones closed at 120 s
    const port = desk.port;
    // The most slots either address ever holds, read as connections arrive.
    const most = new Map<string, number>();
    const watch = setInterval(() => {
      void gauges().then((g) => {
        for (const p of g.peers) most.set(p.peer, Math.max(most.get(p.peer) ?? 0, p.open));
      });
    }, 2);
    try {
      const scanner = await Promise.all(
        Array.from({ length: 50 }, () => connect(port, '127.0.0.2')),
      );
      const tablet: Promise<Device[]> = Promise.all(
        Array.from({ length: 60 }, () => connect(port, '127.0.0.3')),
      );
      for (let n = 1; n <= 20; n++) await print(port, `ORDER ${n}`);
      const hung = await tablet;

      const receipts = await desk.waitForReceipts(20);
      expect(receipts.map((r) => r.text?.split('\n')[0]).sort()).toEqual(
        Array.from({ length: 20 }, (_, i) => `ORDER ${i + 1}`).sort(),
      );
      // Each address keeps its 8 newest connections; its older ones were closed (a FIN, not a
      // reset) to make room for its own newcomers, never for anyone else's.
      await eventually(() => stillOpen(scanner).length === 8 && stillOpen(hung).length === 8);
      expect(scanner.filter((d) => d.reset).length + hung.filter((d) => d.reset).length).toBe(0);
      expect(await peer('127.0.0.2')).toMatchObject({ open: 8, inProgress: 0 });
      expect(await peer('127.0.0.3')).toMatchObject({ open: 8, inProgress: 0 });
      expect(Math.max(...most.values())).toBe(8);
      expect(await gauges()).toMatchObject({
        evictedIdle: 42 + 52,
        refusedOverLimit: 0,
        refusedPerPeer: 0,
      });
      expect((await desk.service.getHealth()).status).toBe('ok');
      expect((await desk.service.getStats()).receiptsTotal).toBe(20);
    } finally {
      clearInterval(watch);
    }
  });

  it('when every slot is taken, a till takes the slot idle the longest', async () => {
    desk = await startDesk({ capture: { maxConnections: 10 } });
    const port = desk.port;
    const holders: Device[] = [];
    for (let i = 0; i < 10; i++) {
      // Five devices, two connections each, oldest first.
      holders.push(await connect(port, `127.0.0.${10 + (i % 5)}`));
      await eventually(async () => (await gauges()).open === i + 1);
    }
    await Promise.all([1, 2, 3, 4, 5].map((n) => print(port, `TABLE ${n}`)));
    const receipts = await desk.waitForReceipts(5);
    expect(receipts.map((r) => r.text?.split('\n')[0]).sort()).toEqual(
      ['TABLE 1', 'TABLE 2', 'TABLE 3', 'TABLE 4', 'TABLE 5'].sort(),
    );
    const evicted = (await gauges()).evictedIdle;
    expect(evicted).toBeGreaterThan(0);
    // The ones closed are the oldest, in order; the rest still hold their slots.
    await eventually(() => stillOpen(holders).length === 10 - evicted);
    expect(holders.map((d) => d.endedAt !== null)).toEqual(holders.map((_, i) => i < evicted));
    expect(await gauges()).toMatchObject({ refusedOverLimit: 0, refusedPerPeer: 0 });
  });

  it('a connection closed to make room keeps the job it had just sent: stored before the close, also while paused', async () => {
    desk = await startDesk({ capture: { maxConnections: 2 } });
    const port = desk.port;
    const first = await connect(port, '127.0.0.2');
    await eventually(async () => (await gauges()).open === 1);
    const holder = await connect(port, '127.0.0.3');
    await eventually(async () => (await gauges()).open === 2);
    // What the till saw stored when the desk closed its connection (the close is its ack).
    let storedAtClose: number | null = null;
    first.socket.once('end', () => {
      void desk!.service.getStats().then((s) => (storedAtClose = s.receiptsTotal));
    });
    // The manager paused capture: the till's job waits unread, so nothing shows it in progress.
    desk.service.setPaused(true);
    first.socket.write(esc.receipt('Table 4', 'TOTAL 12.00'));
    await connect(port, '127.0.0.4');
    await eventually(async () => (await gauges()).evictedIdle === 1);
    // The connection that gave up its slot is read to its end even while paused (left unread,
    // it could only be reset): its job is stored, then it closes with a FIN.
    const [r] = await desk.waitForReceipts(1);
    expect(r.text).toBe('Table 4\nTOTAL 12.00');
    await eventually(() => storedAtClose !== null, 5000);
    expect(storedAtClose).toBe(1);
    expect(first.reset).toBe(false);
    // The slot holders stay paused: a job on a held connection waits for the resume.
    holder.socket.write(esc.receipt('Table 9', 'TOTAL 3.00'));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(desk.announced).toHaveLength(1);
    desk.service.setPaused(false);
    const [, held] = await desk.waitForReceipts(2);
    expect(held.text).toBe('Table 9\nTOTAL 3.00');
  });

  it('while the writer is behind (paused for the disk), a connection closed to make room waits unread, then keeps its job', async () => {
    desk = await startDesk({ capture: { maxConnections: 2 } });
    const port = desk.port;
    const first = await connect(port, '127.0.0.2');
    await eventually(async () => (await gauges()).open === 1);
    await connect(port, '127.0.0.3');
    await eventually(async () => (await gauges()).open === 2);
    // The pause the writer's backlog asks for (a full or slow disk): what capture read now
    // would wait in memory or be refused, so the job stays in the kernel until there is room.
    const capture = desk.service['capture'];
    capture.pauseFor('disk', true);
    first.socket.write(esc.receipt('Table 7', 'TOTAL 9.00'));
    await connect(port, '127.0.0.4');
    await eventually(async () => (await gauges()).evictedIdle === 1);
    // Past CLOSE_QUIET_MS: read, it would have been stored and closed by now.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(desk.announced).toHaveLength(0);
    expect(first.endedAt).toBeNull();
    capture.pauseFor('disk', false);
    const [r] = await desk.waitForReceipts(1);
    expect(r.text).toBe('Table 7\nTOTAL 9.00');
    await eventually(() => first.endedAt !== null, 5000);
    expect(first.reset).toBe(false);
  });

  it('four tills that never wait for an answer print 200 jobs while capture is paused: every one is stored once', async () => {
    // A small bound, so the tills reach it many times over: 4 slots, 8 sockets at most.
    desk = await startDesk({ capture: { maxConnections: 4, maxConnectionsPerPeer: 4 } });
    const port = desk.port;
    // The pool or the disk is behind (the manager's pause stands in for it): the ports stop
    // reading. node-thermal-printer's job is done once its bytes are written, so each till opens
    // connection after connection, and every one of them holds a job.
    desk.service.setPaused(true);
    let next = 0;
    const till = async () => {
      while (next < 200) await print(port, `PAUSED JOB ${next++}`);
    };
    await Promise.all([till(), till(), till(), till()]);
    desk.service.setPaused(false);
    const receipts = await desk.waitForReceipts(200, 30_000);
    const jobs = receipts.map((r) => Number(/PAUSED JOB (\d+)/u.exec(r.text ?? '')?.[1]));
    expect(new Set(jobs).size).toBe(200);
    const g = await gauges();
    expect([g.refusedOverLimit, g.refusedPerPeer]).toEqual([0, 0]);
    expect((await desk.service.getStats()).receiptsTotal).toBe(200);
  });

  it('closes a connection idle for idleCloseS once its bytes are stored; a till printing each second keeps its own', async () => {
    // The till prints every 2 s with connections closed after 120 s; here the gap is
    // half of idleCloseS (1 s of 2 s), a closer call than the 1/60, so the test is quick.
    desk = await startDesk({ capture: { idleCloseS: 2, idleTimeoutMs: 300 } });
    const port = desk.port;
    const idle = await connect(port, '127.0.0.2', esc.text('Kitchen ticket 7, no cut\n'));
    const lastByteAt = Date.now();
    const till = await connect(port, '127.0.0.3');

    for (let n = 1; n <= 10; n++) {
      const sentAt = Date.now();
      till.socket.write(esc.receipt(`TILL ORDER ${n}`, 'TOTAL 3.20'));
      await eventually(() => desk!.announced.some((r) => r.text?.startsWith(`TILL ORDER ${n}`)));
      // The till's pace: one receipt a second.
      await new Promise((r) => setTimeout(r, Math.max(0, sentAt + 1000 - Date.now())));
    }

    // The idle device was closed about idleCloseS after its last byte, gracefully, and what it
    // sent was stored first (its receipt ended by the idle timeout).
    expect(idle.endedAt).not.toBeNull();
    expect(idle.reset).toBe(false);
    const closedAfter = idle.endedAt! - lastByteAt;
    expect(closedAfter).toBeGreaterThanOrEqual(1900);
    expect(closedAfter).toBeLessThan(3500);
    const kitchen = desk.announced.find((r) => r.peer === '127.0.0.2');
    expect(kitchen).toMatchObject({ text: 'Kitchen ticket 7, no cut', endedBy: 'idle' });

    // The till printed ten receipts on one connection and was never closed.
    expect(till.endedAt).toBeNull();
    const tillReceipts = desk.announced.filter((r) => r.peer === '127.0.0.3');
    expect(tillReceipts).toHaveLength(10);
    expect(new Set(tillReceipts.map((r) => r.connectionId)).size).toBe(1);
    expect((await gauges()).closedIdle).toBe(1);

    // Once it stops printing it is closed too, and its next receipt comes on a new connection.
    await eventually(() => till.endedAt !== null, 5000);
    expect((await gauges()).closedIdle).toBe(2);
    const again = await connect(port, '127.0.0.3', esc.receipt('TILL ORDER 11'));
    again.socket.end();
    const [last] = (await desk.waitForReceipts(12)).slice(-1);
    expect(last.text).toBe('TILL ORDER 11');
    expect(last.connectionId).not.toBe(tillReceipts[0].connectionId);
  });

  it('refuses a newcomer only when every slot has a receipt in progress: counted, in health, logged once', async () => {
    const log: string[] = [];
    desk = await startDesk(
      // idleCloseS 1: connections in the middle of a receipt are not idle, however long.
      {
        capture: {
          maxConnections: 6,
          maxConnectionsPerPeer: 3,
          idleCloseS: 1,
          idleTimeoutMs: 60_000,
        },
      },
      undefined,
      (line) => log.push(line),
    );
    const port = desk.port;
    // What the desktop app's notice hears (it shows at most one per 10 minutes).
    const notices: string[] = [];
    desk.service.onProblem((p) => notices.push(p.code));
    const tables = ['127.0.0.2', '127.0.0.2', '127.0.0.2', '127.0.0.3', '127.0.0.3', '127.0.0.3'];
    // Each till sent the first half of a receipt and no cut yet.
    const halfway = await Promise.all(
      tables.map((a, i) => connect(port, a, esc.text(`\x1b@Table ${i + 1}\nSoup   6.00\n`))),
    );
    await eventually(async () =>
      (await gauges()).peers.every((p) => p.inProgress === 3 && p.longestIdleS >= 2),
    );
    expect(stillOpen(halfway)).toHaveLength(6);

    // node-thermal-printer writes its job and hangs up; the desk cannot keep it, and says so.
    await print(port, 'TURNED AWAY').catch(() => {});
    await eventually(async () => (await gauges()).refusedOverLimit === 1);
    const health = await desk.service.getHealth();
    expect(health.status).toBe('degraded');
    const problem = health.problems.find((p) => p.code === 'CONNECTIONS_REFUSED');
    expect(problem?.message).toMatch(/^1 connection turned away in the last minute: all 6/);
    expect(problem?.message).toContain('held by 127.0.0.2: 3, 127.0.0.3: 3');
    const m = await eventually<Metrics>(async () => {
      const x = await desk!.service.getMetrics();
      return x.connections.refusedOverLimit === 1 ? x : undefined;
    }, 5000);
    expect(m.connections.refusedLastMinute).toBe(1);
    expect(m.connections.peers).toEqual([
      expect.objectContaining({ peer: '127.0.0.2', open: 3, inProgress: 3 }),
      expect.objectContaining({ peer: '127.0.0.3', open: 3, inProgress: 3 }),
    ]);

    // A fourth connection from an address holding its three busy ones is over its own cap.
    const fourth = await connect(port, '127.0.0.2');
    await eventually(() => fourth.reset || fourth.endedAt !== null);
    expect((await gauges()).refusedPerPeer).toBe(1);
    const again = (await desk.service.getHealth()).problems.find(
      (p) => p.code === 'CONNECTIONS_REFUSED',
    );
    expect(again?.message).toContain('1 connection from 127.0.0.2 turned away');
    expect(again?.message).toContain('Connections per device');
    // One log line for the first refusal; the second waits for the minute's count.
    expect(log.filter((l) => l.startsWith('CONNECTIONS_REFUSED'))).toHaveLength(1);
    expect(notices).toEqual(['CONNECTIONS_REFUSED']);

    // The tills finish their receipts: every one is stored, and printing works again.
    for (const d of halfway) d.socket.end(Buffer.concat([esc.text('TOTAL  6.00\n'), esc.cut]));
    await eventually(() => halfway.every((d) => d.endedAt !== null));
    expect(halfway.some((d) => d.reset)).toBe(false);
    await print(port, 'AFTER THE RUSH');
    const receipts = await desk.waitForReceipts(7);
    expect(receipts.filter((r) => r.text?.startsWith('Table')).length).toBe(6);
    expect(receipts.some((r) => r.text?.startsWith('AFTER THE RUSH'))).toBe(true);
    expect(receipts.some((r) => r.text?.includes('TURNED AWAY'))).toBe(false);
  });
});
