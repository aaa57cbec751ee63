/**
 * Passing a job through to a real printer, as the printer and the manager see it: a TCP server on
 * 127.0.0.1 plays the printer (test/helpers/downstream-printer.ts), switched off, coming back,
 * dropping the connection mid-job, never reading, silent or never closing. Every test checks the
 * job arrived byte for byte (or says why it may not have) and that no socket is left open.
 */
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import {
  closedPort,
  type DownstreamPrinter,
  type DownstreamPrinterOptions,
  openTcpSockets,
  PAPER_OUT,
  startDownstreamPrinter,
} from '../../../test/helpers/downstream-printer';
import { type JobOutcome, type SendJobOptions, sendJob } from './printer-link';
import { STATUS_REQUESTS } from './printer-status';

const printers: DownstreamPrinter[] = [];
afterEach(async () => {
  for (const p of printers.splice(0)) await p.stop();
});

async function printer(options: DownstreamPrinterOptions = {}): Promise<DownstreamPrinter> {
  const p = await startDownstreamPrinter(options);
  printers.push(p);
  return p;
}

const OPTS: SendJobOptions = { connectTimeoutMs: 2000, idleTimeoutMs: 2000 };

/** A kitchen ticket as a till sends it: it asks for status first, prints, cuts. */
const TICKET = Buffer.concat([
  Buffer.from([0x10, 0x04, 0x01, 0x1b, 0x40]),
  Buffer.from('TABLE 12\n2 x Margherita\n1 x Tiramisu\n\n\n', 'latin1'),
  Buffer.from([0x1d, 0x56, 0x41, 0x03]),
]);

/** Sends, then checks that both ends closed the connection and nothing is left open here. */
async function send(
  p: DownstreamPrinter | number,
  job: Uint8Array,
  opts: SendJobOptions = OPTS,
): Promise<JobOutcome> {
  const before = openTcpSockets();
  const port = typeof p === 'number' ? p : p.port;
  const outcome = await sendJob({ host: '127.0.0.1', port }, job, opts);
  if (typeof p !== 'number') {
    if (!p.closesWithHost) await p.stop();
    await p.allClosed();
  }
  expect(openTcpSockets()).toBe(before);
  return outcome;
}

describe('sendJob', () => {
  it('prints a ticket byte for byte, confirmed by the status the printer sends after it', async () => {
    const p = await printer();
    const outcome = await send(p, TICKET);
    expect(outcome).toMatchObject({ outcome: 'printed', bytes: TICKET.length });
    expect(outcome.outcome === 'printed' && outcome.confirmedBy).toBe('status');
    expect(outcome.outcome === 'printed' && outcome.status).toMatchObject({
      online: true,
      paperOut: false,
    });
    // The job unchanged, then only the four real-time status requests.
    expect(p.received[0].equals(Buffer.concat([TICKET, STATUS_REQUESTS]))).toBe(true);
    expect(p.statusAnswered).toBe(5); // the ticket's own DLE EOT 1, then our four
  });

  it('passes a 1 MiB job through byte for byte', async () => {
    const p = await printer();
    // Raster-like bytes of every value, with DLE EOT requests the printer answers inside them.
    const job = randomBytes(1024 * 1024);
    job.set([0x10, 0x04, 0x02], 1000);
    job.set([0x10, 0x04, 0x04], 700_000);
    const outcome = await send(p, job);
    expect(outcome).toMatchObject({ outcome: 'printed', bytes: job.length });
    expect(p.received[0].length).toBe(job.length + STATUS_REQUESTS.length);
    expect(p.received[0].subarray(0, job.length).equals(job)).toBe(true);
    expect(p.received[0].subarray(job.length).equals(Buffer.from(STATUS_REQUESTS))).toBe(true);
  });

  it('says a printer that is switched off never got the job: not-started, safe to retry', async () => {
    const port = await closedPort();
    const outcome = await send(port, TICKET);
    expect(outcome.outcome).toBe('not-started');
    expect(outcome.outcome === 'not-started' && outcome.reason).toBe(
      `The printer at 127.0.0.1:${port} refused the connection: is it switched on, and is ${port} its printing port?`,
    );
  });

  it('gets a job through to a printer that is down, then comes back on its port', async () => {
    const port = await closedPort();
    // The retry loop the relay's outbox runs, in short: retry not-started, stop on anything else.
    const attempts: JobOutcome[] = [];
    let outcome: JobOutcome;
    do {
      outcome = await send(printers[0] ?? port, TICKET);
      attempts.push(outcome);
      // Switched on after the third refusal.
      if (attempts.length === 3) await printer({ port });
    } while (outcome.outcome === 'not-started');
    expect(attempts.map((a) => a.outcome)).toEqual([
      'not-started',
      'not-started',
      'not-started',
      'printed',
    ]);
    const p = printers[0];
    await p.allClosed();
    expect(p.accepted).toBe(1);
    expect(p.received[0].subarray(0, TICKET.length).equals(TICKET)).toBe(true);
  });

  it.each(['reset', 'hang-up'] as const)(
    'leaves a job unconfirmed when the printer drops the connection mid-job (%s)',
    async (how) => {
      const p = await printer({ dropAfter: { bytes: 100_000, how } });
      // More than the kernels' buffers take in, so the drop comes while we are still writing;
      // it opens with a status request, as many tills' jobs do.
      const job = randomBytes(16 * 1024 * 1024);
      job.set([0x10, 0x04, 0x01], 0);
      const outcome = await send(p, job);
      expect(outcome.outcome).toBe('unconfirmed');
      if (outcome.outcome !== 'unconfirmed') return;
      expect(outcome.reason).toMatch(
        /^The printer at 127\.0\.0\.1:\d+ (broke|closed) the connection/,
      );
      expect(outcome.reason).toContain(
        'check whether the receipt printed before printing it again',
      );
      expect(outcome.bytesWritten).toBeGreaterThan(0);
      expect(outcome.bytesWritten).toBeLessThan(job.length);
      expect(p.received[0].length).toBe(100_000);
      expect(p.received[0].equals(job.subarray(0, 100_000))).toBe(true);
      expect(p.accepted).toBe(1); // not re-sent
    },
  );

  it('leaves a job unconfirmed when the printer stops reading mid-job (idle timeout)', async () => {
    const p = await printer({ neverReads: true });
    // Larger than what the kernels on both sides take in: the writes stall.
    const job = Buffer.alloc(16 * 1024 * 1024, 0x41);
    const started = performance.now();
    const outcome = await send(p, job, { connectTimeoutMs: 2000, idleTimeoutMs: 300 });
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(outcome.outcome).toBe('unconfirmed');
    if (outcome.outcome !== 'unconfirmed') return;
    expect(outcome.reason).toMatch(
      /stopped taking the receipt for 0\.3 s after part of the receipt \(\d+\.\d MB of 16\.0 MB\)/,
    );
    expect(outcome.bytesWritten).toBeLessThan(job.length);
  });

  it('leaves a small job unconfirmed when the printer takes the connection but never reads', async () => {
    const p = await printer({ neverReads: true });
    // All of it fits in the kernels' buffers: only the missing proof tells.
    const outcome = await send(p, TICKET, { connectTimeoutMs: 2000, idleTimeoutMs: 300 });
    expect(outcome.outcome).toBe('unconfirmed');
    if (outcome.outcome !== 'unconfirmed') return;
    expect(outcome.reason).toBe(
      `The printer at 127.0.0.1:${p.port} was sent the whole receipt (${TICKET.length} bytes) but did not confirm it had it within 0.3 s: check whether the receipt printed before printing it again.`,
    );
    expect(outcome.bytesWritten).toBe(TICKET.length);
  });

  it('takes the close as proof from a printer that reads everything but never answers status', async () => {
    const p = await printer({ silent: true });
    const outcome = await send(p, TICKET);
    expect(outcome).toMatchObject({ outcome: 'printed', confirmedBy: 'close', status: null });
    expect(p.received[0].subarray(0, TICKET.length).equals(TICKET)).toBe(true);
  });

  it('does not take a hang-up mid-job for proof, even when the whole job was sent', async () => {
    // The ticket fits in the kernels' buffers: all of it and our FIN are sent before the printer
    // hangs up after 20 bytes. It answered the ticket's own DLE EOT, so it would have answered
    // ours had it read that far.
    const p = await printer({ dropAfter: { bytes: 20, how: 'hang-up' } });
    const outcome = await send(p, TICKET);
    expect(outcome.outcome).toBe('unconfirmed');
    expect(outcome.outcome === 'unconfirmed' && outcome.reason).toContain(
      'closed the connection without confirming it had read the whole receipt',
    );
  });

  it("with proof 'status', does not take a silent printer's close for proof", async () => {
    const p = await printer({ silent: true });
    const outcome = await send(p, Buffer.from('A\n'), { ...OPTS, proof: 'status' });
    expect(outcome.outcome).toBe('unconfirmed');
  });

  it('does not take an answer from a device that is not a printer for proof (a wrong port)', async () => {
    // A web server at the printer's address: it reads the request, answers 400, closes.
    let serverSide: Promise<unknown> = Promise.resolve();
    const server = net.createServer({ allowHalfOpen: true }, (socket) => {
      serverSide = once(socket, 'close');
      socket.on('error', () => {});
      socket.resume();
      socket.once('end', () => socket.end('HTTP/1.1 400 Bad Request\r\nServer: x\r\n\r\n'));
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const port = (server.address() as net.AddressInfo).port;
    const before = openTcpSockets();
    const outcome = await sendJob({ host: '127.0.0.1', port }, TICKET, OPTS);
    await serverSide;
    await new Promise((resolve) => server.close(resolve));
    expect(openTcpSockets()).toBe(before);
    expect(outcome.outcome).toBe('unconfirmed');
    expect(outcome.outcome === 'unconfirmed' && outcome.reason).toBe(
      `The printer at 127.0.0.1:${port} answered with something no printer sends: check that this is the printer's address and printing port (usually 9100), then whether the receipt printed.`,
    );
  });

  it('takes the status as proof from a printer that never closes its side', async () => {
    const p = await printer({ staysOpen: true });
    const outcome = await send(p, TICKET, { connectTimeoutMs: 2000, idleTimeoutMs: 300 });
    expect(outcome).toMatchObject({ outcome: 'printed', confirmedBy: 'status' });
  });

  it('leaves a job unconfirmed with a printer that neither answers nor closes', async () => {
    const p = await printer({ silent: true, staysOpen: true });
    const outcome = await send(p, TICKET, { connectTimeoutMs: 2000, idleTimeoutMs: 300 });
    expect(outcome.outcome).toBe('unconfirmed');
    expect(p.received[0].subarray(0, TICKET.length).equals(TICKET)).toBe(true);
  });

  it('reports a printer out of paper that took the job: printed, held in the printer', async () => {
    const p = await printer({ status: PAPER_OUT });
    const outcome = await send(p, TICKET);
    expect(outcome).toMatchObject({
      outcome: 'printed',
      confirmedBy: 'status',
      status: { paperOut: true, online: false },
    });
  });

  it('sends without the status request when asked not to (a printer in Star mode)', async () => {
    const p = await printer();
    const outcome = await send(p, TICKET, { ...OPTS, proof: 'close' });
    expect(outcome).toMatchObject({ outcome: 'printed', confirmedBy: 'close', status: null });
    expect(p.received[0].equals(TICKET)).toBe(true);
  });

  it('stops when aborted: not-started before the connection, unconfirmed after', async () => {
    const aborted = AbortSignal.abort();
    const early = await send(await closedPort(), TICKET, { ...OPTS, signal: aborted });
    expect(early.outcome).toBe('not-started');

    const p = await printer({ stopReadingAfter: 64 * 1024 });
    const controller = new AbortController();
    const job = Buffer.alloc(16 * 1024 * 1024, 0x41);
    const sending = send(p, job, { ...OPTS, signal: controller.signal });
    // Abort once the printer has the connection (the job is under way).
    await p.waitForConnections(1);
    await p.hasRead(1);
    controller.abort();
    const outcome = await sending;
    expect(outcome.outcome).toBe('unconfirmed');
  });
});
