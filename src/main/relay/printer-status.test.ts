/**
 * A downstream printer's status as the manager reads it: DLE EOT replies decoded by Epson's bit
 * table (fixed bits checked, other bytes refused), and polls of a real TCP printer on 127.0.0.1
 * that is ready, out of paper, open, switched off or silent.
 */
import net from 'node:net';
import { once } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import {
  COVER_OPEN,
  closedPort,
  type DownstreamPrinter,
  openTcpSockets,
  PAPER_OUT,
  READY,
  startDownstreamPrinter,
} from '../../../test/helpers/downstream-printer';
import {
  decodeStatus,
  type PrinterState,
  pollStatus,
  sameState,
  STATUS_REQUESTS,
  stateWords,
  statusRequest,
  tillCondition,
} from './printer-status';

const answered = (replies: number[]): PrinterState => ({
  kind: 'answered',
  status: decodeStatus(replies)!,
});

describe('DLE EOT replies', () => {
  it('asks DLE EOT 1, 2, 3, 4 as Epson defines them', () => {
    expect([...statusRequest(1)]).toEqual([0x10, 0x04, 0x01]);
    expect([...STATUS_REQUESTS]).toEqual([16, 4, 1, 16, 4, 2, 16, 4, 3, 16, 4, 4]);
  });

  it.each([
    // [what, DLE EOT 1..4 replies, words, condition the till is shown]
    ['ready', READY, 'Ready', 'online'],
    ['out of paper', PAPER_OUT, 'Out of paper', 'paper-out'],
    ['cover open', COVER_OPEN, 'Cover open', 'cover-open'],
    [
      'paper low (near-end sensor, still printing)',
      [0x12, 0x12, 0x12, 0x1e],
      'Paper low',
      'online',
    ],
    ['offline, no cause given', [0x1a, 0x12, 0x12, 0x12], 'Offline', 'offline'],
    ['cutter jammed', [0x1a, 0x52, 0x1a, 0x12], 'Cutter jammed', 'offline'],
    ['unrecoverable error', [0x1a, 0x52, 0x32, 0x12], 'Printer fault', 'offline'],
    ['head too hot', [0x3a, 0x52, 0x52, 0x12], 'Print head too hot', 'offline'],
    ['an error with no cause byte', [0x1a, 0x52, 0x12, 0x12], 'Printer error', 'offline'],
    [
      'cover open with the roll empty',
      [0x1a, 0x36, 0x12, 0x7e],
      'Cover open, Out of paper',
      'cover-open',
    ],
  ])('%s', (_, replies, words, condition) => {
    const state = answered(replies);
    expect(stateWords(state)).toBe(words);
    expect(tillCondition(state)).toBe(condition);
  });

  it('reads each bit where Epson puts it', () => {
    const out = decodeStatus(PAPER_OUT)!;
    expect(out).toMatchObject({
      online: false,
      paperOut: true,
      paperNearEnd: true,
      coverOpen: false,
      feedButton: false,
      error: null,
    });
    const ready = decodeStatus(READY)!;
    expect(ready).toMatchObject({ online: true, paperOut: false, coverOpen: false, error: null });
    // Drawer pin 3 high (bit 2), feed button held (bit 6), waiting for recovery (bit 5).
    const busy = decodeStatus([0x76, 0x1a, 0x12, 0x12])!;
    expect(busy).toMatchObject({
      drawerPin3High: true,
      feedButton: true,
      waitingForRecovery: true,
      online: true,
    });
    // Printing stopped by a paper end (offline cause bit 5) counts as out of paper on its own.
    expect(decodeStatus([0x1a, 0x32, 0x12, 0x12])!.paperOut).toBe(true);
  });

  it('refuses bytes that are not status replies by their fixed bits', () => {
    expect(decodeStatus([0x12, 0x12, 0x12])).toBeNull(); // too few
    expect(decodeStatus([0x00, 0x12, 0x12, 0x12])).toBeNull(); // bits 1 and 4 off
    expect(decodeStatus([0x10, 0x00, 0x0f, 0x00])).toBeNull(); // an automatic status (ASB)
    expect(decodeStatus([0x12, 0x92, 0x12, 0x12])).toBeNull(); // bit 7 on
    expect(decodeStatus([0x12, 0x12, 0x13, 0x12])).toBeNull(); // bit 0 on
    expect(decodeStatus([0x12, 0x12, 0x12, 0x0f])).toBeNull(); // a GS r paper reply
  });

  it('counts as a change only what the manager is shown', () => {
    expect(sameState(answered(READY), answered([0x52, 0x1a, 0x12, 0x12]))).toBe(true);
    expect(sameState(answered(READY), answered(PAPER_OUT))).toBe(false);
    expect(sameState(answered(READY), answered([0x12, 0x12, 0x12, 0x1e]))).toBe(false);
    const off = { kind: 'unreachable', reason: 'a' } as const;
    expect(sameState(off, { kind: 'unreachable', reason: 'b' })).toBe(true);
    expect(sameState(off, { kind: 'no-answer', reason: 'a' })).toBe(false);
    expect(sameState(null, off)).toBe(false);
    expect(stateWords(off)).toBe('Not reachable');
    expect(tillCondition({ kind: 'no-answer', reason: '' })).toBe('offline');
  });
});

describe('pollStatus over TCP', () => {
  let printer: DownstreamPrinter | null = null;
  afterEach(async () => {
    await printer?.stop();
    printer = null;
  });

  /** Polls, then checks the printer saw the connection closed and nothing is left open here. */
  async function poll(port: number, timeoutMs = 2000): Promise<PrinterState> {
    const before = openTcpSockets();
    const state = await pollStatus({ host: '127.0.0.1', port }, { timeoutMs });
    if (printer && !printer.closesWithHost) await printer.stop();
    await printer?.allClosed();
    expect(openTcpSockets()).toBe(before);
    return state;
  }

  it.each([
    ['Ready', READY],
    ['Out of paper', PAPER_OUT],
    ['Cover open', COVER_OPEN],
  ])('reads a printer that is %s', async (words, replies) => {
    printer = await startDownstreamPrinter({ status: replies });
    const state = await poll(printer.port);
    expect(state.kind).toBe('answered');
    expect(stateWords(state)).toBe(words);
    expect(printer.statusAnswered).toBe(4);
    expect([...printer.received[0]]).toEqual([...STATUS_REQUESTS]);
  });

  it('finds a switched-off printer unreachable, saying the connection was refused', async () => {
    const state = await poll(await closedPort());
    expect(state.kind).toBe('unreachable');
    expect(state.kind !== 'answered' && state.reason).toMatch(
      /^The printer at 127\.0\.0\.1:\d+ refused the connection: is it switched on/,
    );
  });

  it('gives up on a silent printer within the timeout: no-answer, not unreachable', async () => {
    printer = await startDownstreamPrinter({ silent: true });
    const started = performance.now();
    const state = await poll(printer.port, 300);
    const took = performance.now() - started;
    expect(state.kind).toBe('no-answer');
    expect(state.kind !== 'answered' && state.reason).toContain('did not answer');
    expect(took).toBeGreaterThanOrEqual(250);
    expect(took).toBeLessThan(2000);
    expect(printer.accepted).toBe(1);
  });

  it('refuses an answer that is not ESC/POS status (another device on the port)', async () => {
    let serverSide: Promise<unknown> = Promise.resolve();
    const server = net.createServer((socket) => {
      serverSide = once(socket, 'close');
      socket.on('error', () => {});
      socket.once('data', () => socket.end('HTTP/1.1 400 Bad Request\r\nServer: x\r\n\r\n'));
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const before = openTcpSockets();
    const port = (server.address() as net.AddressInfo).port;
    const state = await pollStatus({ host: '127.0.0.1', port }, { timeoutMs: 2000 });
    await serverSide;
    await new Promise((resolve) => server.close(resolve));
    expect(openTcpSockets()).toBe(before);
    expect(state.kind).toBe('no-answer');
    expect(state.kind !== 'answered' && state.reason).toContain('not with ESC/POS status');
  });

  it('gives up on a printer that never reads within the timeout too', async () => {
    printer = await startDownstreamPrinter({ neverReads: true });
    const state = await poll(printer.port, 300);
    expect(state.kind).toBe('no-answer');
  });
});
