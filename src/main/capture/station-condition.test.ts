/**
 * A station that passes its receipts through to a real printer can answer its tills' status
 * requests with that printer's state, as a till printing straight to it would see: real TCP
 * tills on 127.0.0.1 ask DLE EOT, GS r and GS a on two stations, and only the station whose
 * printer is out of paper (cover open, offline) says so; cleared, it answers as usual. A full
 * disk still wins on every station.
 */
import net from 'node:net';
import { once } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { settingsSchema } from '../../shared';
import { CaptureService } from './capture-service';
import type { CaptureSink } from './connection';

const DLE_EOT = (n: number) => [0x10, 0x04, n];
const GS_R_1 = [0x1d, 0x72, 0x01];
const GS_A_255 = [0x1d, 0x61, 0xff];

/** Stores nothing: these tests are about the replies, not the receipts. */
const sink: CaptureSink = {
  openConnection: (() => {
    let id = 0;
    return () => ++id;
  })(),
  storeSegment: async () => {},
  closeConnection: () => {},
};

let capture: CaptureService | null = null;
const tills: net.Socket[] = [];
const logs: string[] = [];
afterEach(async () => {
  for (const t of tills.splice(0)) t.destroy();
  await capture?.stop();
  capture = null;
  logs.length = 0;
});

async function startCapture(): Promise<{ kitchen: number; bar: number }> {
  const settings = settingsSchema.parse({
    listeners: [
      { host: '127.0.0.1', port: 0, station: 'Kitchen' },
      { host: '127.0.0.1', port: 0, station: 'Bar' },
    ],
  });
  capture = new CaptureService({
    listeners: settings.listeners,
    ...settings.capture,
    identity: settings.identity,
    sink,
    log: (line) => logs.push(line),
  });
  await capture.start();
  const [kitchen, bar] = capture.listeners().map((l) => l.port);
  return { kitchen, bar };
}

/** A till connected to a printer port, reading what comes back in order. */
async function till(port: number) {
  const socket = net.connect({ port, host: '127.0.0.1', allowHalfOpen: true });
  tills.push(socket);
  await once(socket, 'connect');
  let buffered = Buffer.alloc(0);
  let waiter: (() => void) | null = null;
  socket.on('data', (d: Buffer) => {
    buffered = Buffer.concat([buffered, d]);
    waiter?.();
  });
  /** The next `length` bytes the printer sends. */
  const read = async (length: number): Promise<number[]> => {
    while (buffered.length < length) await new Promise<void>((resolve) => (waiter = resolve));
    const got = buffered.subarray(0, length);
    buffered = buffered.subarray(length);
    return [...got];
  };
  const ask = async (request: number[], length = 1): Promise<number[]> => {
    socket.write(Buffer.from(request));
    return read(length);
  };
  /** DLE EOT 1, 2, 3, 4 and GS r 1, as a till checking the printer before a job. */
  const status = async (): Promise<number[]> => [
    ...(await ask(DLE_EOT(1))),
    ...(await ask(DLE_EOT(2))),
    ...(await ask(DLE_EOT(3))),
    ...(await ask(DLE_EOT(4))),
    ...(await ask(GS_R_1)),
  ];
  return { ask, read, status };
}

const READY = [0x12, 0x12, 0x12, 0x12, 0x00];
const PAPER_OUT = [0x1a, 0x32, 0x12, 0x7e, 0x0f];
const COVER_OPEN = [0x1a, 0x16, 0x12, 0x12, 0x00];
const OFFLINE = [0x1a, 0x12, 0x12, 0x12, 0x00];

describe("a station answering with its downstream printer's state", () => {
  it('reports it on that station only, and the usual answer once cleared', async () => {
    const ports = await startCapture();
    const kitchen = await till(ports.kitchen);
    const bar = await till(ports.bar);
    expect(await kitchen.status()).toEqual(READY);

    capture!.setStationCondition('Kitchen', 'paper-out', 'its printer is out of paper');
    expect(await kitchen.status()).toEqual(PAPER_OUT);
    expect(await bar.status()).toEqual(READY);
    // A till that connects now hears the same (the condition is read at each request).
    expect(await (await till(ports.kitchen)).status()).toEqual(PAPER_OUT);

    capture!.setStationCondition('Kitchen', 'cover-open', 'its printer cover is open');
    expect(await kitchen.status()).toEqual(COVER_OPEN);
    capture!.setStationCondition('Kitchen', 'offline', 'its printer does not answer');
    expect(await kitchen.status()).toEqual(OFFLINE);
    expect(await bar.status()).toEqual(READY);

    capture!.setStationCondition('Kitchen', null, 'its printer is ready');
    expect(await kitchen.status()).toEqual(READY);
    expect(capture!.conditionOf('Kitchen')).toBe('online');
    expect(logs).toEqual([
      'Station Kitchen now answers "out of paper" (its printer is out of paper).',
      'Station Kitchen now answers "cover open" (its printer cover is open).',
      'Station Kitchen now answers "offline" (its printer does not answer).',
      'Station Kitchen answers "online" again (its printer is ready).',
    ]);
  });

  it('lets a full disk win on every station, then gives the station its own back', async () => {
    const ports = await startCapture();
    const kitchen = await till(ports.kitchen);
    const bar = await till(ports.bar);
    capture!.setStationCondition('Kitchen', 'cover-open', 'its printer cover is open');

    capture!.setPrinterCondition('paper-out', 'the disk is full');
    expect(await kitchen.status()).toEqual(PAPER_OUT);
    expect(await bar.status()).toEqual(PAPER_OUT);
    // Changed underneath, it shows once the disk has room again.
    capture!.setStationCondition('Kitchen', 'offline', 'its printer does not answer');
    expect(await kitchen.status()).toEqual(PAPER_OUT);

    capture!.setPrinterCondition('online', 'the disk has room again');
    expect(await kitchen.status()).toEqual(OFFLINE);
    expect(await bar.status()).toEqual(READY);
  });

  it("tells a till with automatic status on of its own station's changes only, once each", async () => {
    const ports = await startCapture();
    const kitchen = await till(ports.kitchen);
    const bar = await till(ports.bar);
    expect(await kitchen.ask(GS_A_255, 4)).toEqual([0x10, 0, 0, 0]);
    expect(await bar.ask(GS_A_255, 4)).toEqual([0x10, 0, 0, 0]);

    capture!.setStationCondition('Kitchen', 'cover-open', 'its printer cover is open');
    expect(await kitchen.read(4)).toEqual([0x38, 0, 0, 0]); // offline, cover open
    // The same again changes nothing and sends nothing: the next bytes are DLE EOT's reply.
    capture!.setStationCondition('Kitchen', 'cover-open', 'its printer cover is open');
    expect(await kitchen.ask(DLE_EOT(2))).toEqual([0x16]);
    // Bar heard nothing: its next bytes are its DLE EOT reply too.
    expect(await bar.ask(DLE_EOT(1))).toEqual([0x12]);

    // The disk fills: both hear it; then Kitchen's own comes back, and Bar is online again.
    capture!.setPrinterCondition('paper-out', 'the disk is full');
    expect(await kitchen.read(4)).toEqual([0x18, 0, 0x0f, 0]);
    expect(await bar.read(4)).toEqual([0x18, 0, 0x0f, 0]);
    capture!.setPrinterCondition('online', 'the disk has room again');
    expect(await kitchen.read(4)).toEqual([0x38, 0, 0, 0]);
    expect(await bar.read(4)).toEqual([0x10, 0, 0, 0]);

    capture!.setStationCondition('Kitchen', null, 'its printer is ready');
    expect(await kitchen.read(4)).toEqual([0x10, 0, 0, 0]);
    expect(await bar.ask(DLE_EOT(1))).toEqual([0x12]);
  });
});
