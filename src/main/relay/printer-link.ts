/**
 * Sends one job, byte for byte, to a downstream printer over raw TCP, and says what became of it
 * in a way that decides whether it may be sent again: a job the printer never started is safe to
 * retry; one whose connection broke after bytes left this PC is 'unconfirmed' and never re-sent
 * on its own (a kitchen ticket printed twice is as bad as one lost).
 *
 * What 'printed' means. Raw TCP (port 9100) confirms nothing: a write that completes has only
 * reached this PC's kernel, and the kernels on either side may hold megabytes the printer has not
 * read. So 'printed' needs positive proof that the printer took every byte, one of two:
 * - 'status': after the job we ask DLE EOT 1-4 and the printer answers. The printer answers a
 *   real-time request when it reads it, and it reads the stream in order, so an answer to a
 *   request sent after the last byte means it has read every byte before it (into its buffer:
 *   proof the job is in the printer, not that the paper is out of it; the status then says
 *   whether it is stuck, e.g. out of paper, and will print once that is fixed). The job may ask
 *   for status itself: a reply beyond the most the job can draw is ours (repliesDrawnBy).
 * - 'close': we end our side (FIN) once every byte is handed to the kernel, and the printer then
 *   closes its side with no reset. A printer reads to our FIN before it closes in turn (that is
 *   how a 9100 server knows a job ended); one that closes with bytes unread sends a reset, which
 *   is 'unconfirmed'. What a FIN cannot tell is a printer that hung up on its own mid-job while
 *   the rest of the job still sat in the kernels' buffers (on a LAN a whole ticket, even a
 *   megabyte, is "sent" at once): its FIN looks the same. So a close counts only from a printer
 *   that does not answer status: one that answers (it answered the job's own request, or the
 *   caller knows it does, proof: 'status') answers ours before it reads our FIN, and closing
 *   without that answer means it stopped reading. Nor from a device that answers with bytes no
 *   printer sends (a web server at a wrong port): neither proof counts from it.
 * Anything else is not proof: a printer that stays silent and keeps the connection open after
 * our FIN may not have read the job at all (one that stopped reading looks just the same), so
 * after the wait it is 'unconfirmed'. So is a FIN from the printer before ours was sent.
 *
 * The job's bytes are never altered. Unless proof is 'close', the printer also receives the 12
 * bytes of DLE EOT 1-4 after the job: real-time requests, which print nothing. A printer in Star
 * mode does not know them: use proof 'close' for it.
 */
import type net from 'node:net';
import { connectPrinter, printerAddress, type PrinterTarget } from './printer-connect';
import { decodeStatus, type PrinterStatus, STATUS_REQUESTS } from './printer-status';
import { repliesDrawnBy, StatusReplyReader } from './reply-reader';

export type { PrinterTarget } from './printer-connect';

export type JobOutcome =
  /**
   * Every byte reached the printer, by the proof named (see above). `status`: the printer's
   * status right after the job, when its replies could be told from the job's own (else null).
   */
  | {
      outcome: 'printed';
      bytes: number;
      confirmedBy: 'status' | 'close';
      status: PrinterStatus | null;
    }
  /** The printer never got a byte: safe to send again automatically. */
  | { outcome: 'not-started'; reason: string }
  /**
   * The connection broke (or proof never came) after bytes left this PC: the ticket may or may
   * not have printed. Never re-sent automatically. `bytesWritten`: bytes this PC had handed to
   * the network by then (the printer may have taken fewer).
   */
  | { outcome: 'unconfirmed'; reason: string; bytesWritten: number };

export interface SendJobOptions {
  /** How long to wait for the printer to take the connection. */
  connectTimeoutMs: number;
  /**
   * How long the job may make no progress: while sending, no write completes; after the last
   * byte, no proof arrives (plus the time the printer may need to read the job, see proofWait).
   */
  idleTimeoutMs: number;
  /** Aborting stops the job: 'not-started' before the connection, 'unconfirmed' after. */
  signal?: AbortSignal;
  /**
   * What proves the printer took the job (see the top of this file):
   * - 'status-or-close' (default): its answer to DLE EOT 1-4 sent after the job, or else a clean
   *   close, as long as it answered no status request on this connection.
   * - 'status': only the answer. For a printer known to answer status (the watch has read it),
   *   so that a printer hanging up mid-job is never taken for one that printed.
   * - 'close': no request is sent (a printer in Star mode, whose replies are not read); a clean
   *   close.
   */
  proof?: 'status-or-close' | 'status' | 'close';
}

/** Bytes per write: small enough that each completed write shows progress to the idle timer. */
const CHUNK_BYTES = 16 * 1024;

/**
 * Once the printer has answered, how long it may take to close its side before we close the
 * connection ourselves (the job is in the printer either way).
 */
const CLOSE_GRACE_MS = 1000;

/**
 * After the last byte left for the kernel, the printer may still be reading the job at its
 * printing speed: the kernels on both sides hold up to a few MiB. The wait for proof allows for
 * it at this rate, slower than a receipt printer prints raster (about 170 KiB/s on an 80 mm
 * roll), so a long job printing normally is not taken for a stalled one.
 */
const SLOWEST_READ_BYTES_PER_S = 16 * 1024;

function proofWaitMs(jobBytes: number, idleTimeoutMs: number): number {
  return idleTimeoutMs + Math.ceil((jobBytes * 1000) / SLOWEST_READ_BYTES_PER_S);
}

const seconds = (ms: number): string => `${Math.round(ms / 100) / 10} s`;

function size(bytes: number): string {
  if (bytes === 1) return '1 byte';
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

export async function sendJob(
  target: PrinterTarget,
  bytes: Uint8Array,
  opts: SendJobOptions,
): Promise<JobOutcome> {
  const connected = await connectPrinter(target, {
    timeoutMs: opts.connectTimeoutMs,
    signal: opts.signal,
  });
  if (!connected.ok) return { outcome: 'not-started', reason: connected.reason };
  return deliver(connected.socket, printerAddress(target), bytes, opts);
}

function deliver(
  socket: net.Socket,
  where: string,
  job: Uint8Array,
  opts: SendJobOptions,
): Promise<JobOutcome> {
  const proof = opts.proof ?? 'status-or-close';
  const askStatus = proof !== 'close';
  // The job's own requests may draw up to `atMost` replies: any reply beyond them is ours.
  const drawn = repliesDrawnBy(job);
  const reader = new StatusReplyReader();
  let replies = 0;
  const ours: number[] = [];
  /** The printer answered a request sent after the job: it has read every byte of it. */
  let proven = false;
  let status: PrinterStatus | null = null;
  let flushed = 0;
  /** Our FIN is sent: every byte (and the status request) is with the kernel, then shutdown. */
  let finSent = false;
  let closed = false;
  socket.once('close', () => (closed = true));

  const unconfirmedAdvice = 'check whether the receipt printed before printing it again.';
  /** How much of the receipt had left this PC. */
  const sent = (): string =>
    flushed >= job.length
      ? `the whole receipt (${size(job.length)})`
      : `part of the receipt (${size(flushed)} of ${size(job.length)})`;

  return new Promise((resolve) => {
    let settled = false;
    let timer: NodeJS.Timeout | undefined;
    const arm = (ms: number, then: () => void): void => {
      clearTimeout(timer);
      timer = setTimeout(then, ms);
      timer.unref();
    };

    /**
     * Ends the attempt. `reset` for an attempt given up while bytes may still be queued here:
     * a reset drops them, so a job reported unconfirmed does not trickle out to the printer
     * later (and print after the manager has printed it again).
     */
    const settle = (outcome: JobOutcome, how: 'close' | 'reset'): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      opts.signal?.removeEventListener('abort', onAbort);
      if (closed) resolve(outcome);
      else socket.once('close', () => resolve(outcome));
      if (socket.destroyed) return;
      if (how === 'reset') socket.resetAndDestroy();
      else socket.destroy();
    };
    const printed = (): void => {
      // Bytes no printer sends in answer to this job: whatever took it is not a printer (a web
      // page on port 80, say), so neither its answer nor its close proves anything.
      if (askStatus && reader.other > 0 && !drawn.others) {
        unconfirmed(
          'answered with something no printer sends',
          `check that this is the printer's address and printing port (usually 9100), then whether the receipt printed.`,
        );
        return;
      }
      settle(
        {
          outcome: 'printed',
          bytes: job.length,
          confirmedBy: proven ? 'status' : 'close',
          status,
        },
        'close',
      );
    };
    const unconfirmed = (what: string, advice = unconfirmedAdvice): void =>
      settle(
        {
          outcome: 'unconfirmed',
          reason: `The printer at ${where} ${what}: ${advice}`,
          bytesWritten: flushed,
        },
        'reset',
      );

    function onAbort(): void {
      if (proven) printed();
      else unconfirmed(`was being sent ${sent()} when sending was stopped`);
    }

    /** It answered a status request on this connection (a DLE EOT, or automatic status). */
    const answersStatus = (): boolean => replies > 0 || reader.asb > 0;

    socket.on('data', (chunk: Buffer) => {
      if (settled) return;
      for (const reply of reader.push(chunk)) {
        replies++;
        // Which replies are ours is known only when the job's all came first (inOrder).
        if (drawn.inOrder && replies > drawn.atMost && ours.length < 4) ours.push(reply);
      }
      if (ours.length === 4 && !status) status = decodeStatus(ours);
      if (!askStatus || proven || replies <= drawn.atMost) return;
      proven = true;
      // The job is in the printer. Give it a moment to close its side, as it does on our FIN.
      arm(Math.min(CLOSE_GRACE_MS, opts.idleTimeoutMs), printed);
    });
    socket.on('end', () => {
      if (proven) printed();
      else if (!finSent) unconfirmed(`closed the connection after ${sent()} had been sent`);
      // A printer that answers status would have answered ours before reading our FIN.
      else if (proof === 'close' || (proof === 'status-or-close' && !answersStatus())) printed();
      else unconfirmed(`closed the connection without confirming it had read ${sent()}`);
    });
    socket.on('error', (err: NodeJS.ErrnoException) => {
      if (proven) {
        printed();
        return;
      }
      const how = err.code === 'ECONNRESET' || err.code === 'EPIPE' ? 'broke' : 'lost';
      unconfirmed(`${how} the connection after ${sent()} had been sent`);
    });
    socket.once('close', () => {
      // Every way to 'close' settles first; this is the net under it.
      if (proven) printed();
      else unconfirmed(`closed the connection after ${sent()} had been sent`);
    });
    if (opts.signal?.aborted) {
      // Stopped as the connection was made: not a byte has been written.
      settle(
        { outcome: 'not-started', reason: `Sending to the printer at ${where} was stopped.` },
        'close',
      );
      return;
    }
    opts.signal?.addEventListener('abort', onAbort, { once: true });

    const stalled = (): void =>
      unconfirmed(
        `stopped taking the receipt for ${seconds(opts.idleTimeoutMs)} after ${sent()} had been sent (out of paper, or busy?)`,
      );
    arm(opts.idleTimeoutMs, stalled);
    for (let at = 0; at < job.length; at += CHUNK_BYTES) {
      const chunk = job.subarray(at, at + CHUNK_BYTES);
      socket.write(chunk, (err) => {
        if (err || settled) return;
        flushed += chunk.length;
        arm(opts.idleTimeoutMs, stalled);
      });
    }
    if (askStatus) socket.write(STATUS_REQUESTS);
    socket.end();
    socket.once('finish', () => {
      finSent = true;
      if (settled || proven) return;
      const wait = proofWaitMs(job.length, opts.idleTimeoutMs);
      arm(wait, () =>
        unconfirmed(`was sent ${sent()} but did not confirm it had it within ${seconds(wait)}`),
      );
    });
  });
}
