/**
 * Watching a downstream printer as the manager would notice it: one change event per change of
 * what is shown (so one notification), however many polls; polls one at a time; none while a
 * job is on the wire; quiet when unused, but never while the printer cannot print. The printer
 * is a real TCP server on 127.0.0.1 (test/helpers/downstream-printer.ts).
 */
import { once } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import {
  closedPort,
  type DownstreamPrinter,
  type DownstreamPrinterOptions,
  openTcpSockets,
  PAPER_OUT,
  READY,
  COVER_OPEN,
  startDownstreamPrinter,
} from '../../../test/helpers/downstream-printer';
import { sendJob } from './printer-link';
import { type PrinterState, stateWords } from './printer-status';
import { PrinterWatch, type PrinterWatchOptions } from './printer-watch';

const printers: DownstreamPrinter[] = [];
const watches: PrinterWatch[] = [];
afterEach(async () => {
  for (const w of watches.splice(0)) await w.stop();
  for (const p of printers.splice(0)) await p.stop();
});

async function printer(options: DownstreamPrinterOptions = {}): Promise<DownstreamPrinter> {
  const p = await startDownstreamPrinter(options);
  printers.push(p);
  return p;
}

/** A watch polling every 20 ms, with every change it told written down in words. */
function watch(port: number, options: PrinterWatchOptions = {}) {
  const w = new PrinterWatch(
    { host: '127.0.0.1', port },
    { intervalMs: 20, timeoutMs: 500, ...options },
  );
  watches.push(w);
  const told: string[] = [];
  w.on('change', (state) => told.push(stateWords(state)));
  /** Resolves with the next change's words. */
  const nextChange = async (): Promise<string> => {
    const [state] = (await once(w, 'change')) as [PrinterState];
    return stateWords(state);
  };
  return { w, told, nextChange };
}

describe('PrinterWatch', () => {
  it('tells each change once, however many polls see the same state', async () => {
    const p = await printer({ status: READY });
    const { w, told, nextChange } = watch(p.port);
    w.use();
    expect(await nextChange()).toBe('Ready');
    await p.waitForConnections(4); // three more polls, all "Ready"
    p.setStatus(PAPER_OUT);
    expect(await nextChange()).toBe('Out of paper');
    await p.waitForConnections(p.accepted + 3);
    p.setStatus(COVER_OPEN);
    expect(await nextChange()).toBe('Cover open');
    p.setStatus(READY);
    expect(await nextChange()).toBe('Ready');
    await p.waitForConnections(p.accepted + 3);
    expect(told).toEqual(['Ready', 'Out of paper', 'Cover open', 'Ready']);
    expect(w.state && stateWords(w.state)).toBe('Ready');
    expect(p.accepted).toBeGreaterThanOrEqual(11);
  });

  it('never has two polls at once, even when a poll takes longer than the interval', async () => {
    const p = await printer({ silent: true });
    const { w, nextChange } = watch(p.port, { intervalMs: 5, timeoutMs: 100 });
    w.use();
    expect(await nextChange()).toBe('Not answering');
    await p.waitForConnections(4);
    expect(p.mostOpen).toBe(1);
  });

  it('sees a printer switched off, then on again on its port', async () => {
    const port = await closedPort();
    const { w, told, nextChange } = watch(port);
    w.use();
    expect(await nextChange()).toBe('Not reachable');
    expect(w.state?.kind === 'unreachable' && w.state.reason).toContain('refused the connection');
    await printer({ port });
    expect(await nextChange()).toBe('Ready');
    expect(told).toEqual(['Not reachable', 'Ready']);
  });

  it('polls nothing while a job is on the wire, and again after it', async () => {
    // The job's connection stalls for its idle timeout: 15 intervals without a poll.
    const p = await printer({ stopReadingAfter: 64 * 1024 });
    const { w, nextChange } = watch(p.port, { intervalMs: 20 });
    w.use();
    expect(await nextChange()).toBe('Ready');
    const target = { host: '127.0.0.1', port: p.port };
    const job = w.during(
      sendJob(target, Buffer.alloc(16 * 1024 * 1024, 0x41), {
        connectTimeoutMs: 1000,
        idleTimeoutMs: 300,
      }),
    );
    await p.hasRead(64 * 1024);
    const withJob = p.accepted;
    expect((await job).outcome).toBe('unconfirmed');
    expect(p.accepted).toBe(withJob);
    await p.waitForConnections(withJob + 2);
  });

  it('takes a state seen after a job as its own, telling a change only once', async () => {
    const p = await printer({ status: PAPER_OUT });
    const { w, told, nextChange } = watch(p.port, { intervalMs: 60_000 });
    w.use();
    expect(await nextChange()).toBe('Out of paper');
    const outcome = await w.during(
      sendJob({ host: '127.0.0.1', port: p.port }, Buffer.from('TABLE 4\n'), {
        connectTimeoutMs: 1000,
        idleTimeoutMs: 1000,
      }),
    );
    expect(outcome.outcome === 'printed' && outcome.status?.paperOut).toBe(true);
    if (outcome.outcome === 'printed' && outcome.status) {
      w.observe({ kind: 'answered', status: outcome.status });
    }
    expect(told).toEqual(['Out of paper']);
  });

  it('stops polling when unused for the quiet period, and starts again on use', async () => {
    const p = await printer({ status: READY });
    const { w, nextChange } = watch(p.port, { quietMs: 100 });
    w.use();
    expect(await nextChange()).toBe('Ready');
    await once(w, 'quiet');
    expect(w.watching).toBe(false);
    const polls = p.accepted;
    w.use();
    await p.waitForConnections(polls + 1);
    expect(w.watching).toBe(true);
  });

  it('keeps watching a printer that cannot print, used or not, until it can', async () => {
    const p = await printer({ status: PAPER_OUT });
    const { w, told, nextChange } = watch(p.port, { quietMs: 0 });
    w.use();
    expect(await nextChange()).toBe('Out of paper');
    await p.waitForConnections(4); // still polling, long past the quiet period
    expect(w.watching).toBe(true);
    p.setStatus(READY);
    const quiet = once(w, 'quiet');
    expect(await nextChange()).toBe('Ready');
    await quiet;
    expect(told).toEqual(['Out of paper', 'Ready']);
  });

  it('closes everything on stop, a poll under way included', async () => {
    const p = await printer({ silent: true });
    const before = openTcpSockets();
    const { w } = watch(p.port, { timeoutMs: 10_000 });
    w.use();
    await p.waitForConnections(1);
    await w.stop();
    await p.allClosed();
    expect(openTcpSockets()).toBe(before);
    expect(w.watching).toBe(false);
    w.use(); // ignored once stopped
    expect(w.watching).toBe(false);
  });
});
