/**
 * The real status of a downstream ESC/POS printer: the four DLE EOT requests, their replies read
 * as Epson defines them, the words shown to the manager, and one poll over TCP.
 *
 * Bit meanings are from Epson's ESC/POS reference, "DLE EOT n — transmit real-time status"
 * (the same table in the TM-T88III, TM-U925, TM-H5000II and RP-U420 specifications). Every reply
 * is one byte with bits 1 and 4 fixed to 1 and bits 0 and 7 fixed to 0:
 * - n = 1, printer: bit 2 drawer kick-out connector pin 3 high, bit 3 offline, bit 5 waiting for
 *   online recovery, bit 6 paper feed button pressed.
 * - n = 2, offline cause: bit 2 cover open, bit 3 paper being fed by the feed button, bit 5
 *   printing stopped by a paper end, bit 6 an error occurred.
 * - n = 3, error cause: bit 3 autocutter error (a jam, recoverable once cleared), bit 5
 *   unrecoverable error, bit 6 auto-recoverable error (the head too hot). Bit 2 differs between
 *   models and makers (undefined on some, a black mark error on others): it is not read.
 * - n = 4, roll paper sensor: bits 2-3 near end, bits 5-6 paper end (each pair 00 or 11).
 * The printer answers "upon receiving" the request, even offline or with its buffer full, and
 * "whenever the data sequence 10 04 n (1 <= n <= 4) is received", also inside other data.
 */
import type net from 'node:net';
import { connectPrinter, printerAddress, type PrinterTarget } from './printer-connect';

const DLE = 0x10;
const EOT = 0x04;

/** DLE EOT 1, 2, 3, 4 in one write: printer, offline cause, error cause, roll paper sensor. */
export const STATUS_REQUESTS = Uint8Array.of(DLE, EOT, 1, DLE, EOT, 2, DLE, EOT, 3, DLE, EOT, 4);

/** DLE EOT n. n: 1 printer, 2 offline cause, 3 error cause, 4 roll paper sensor. */
export function statusRequest(n: 1 | 2 | 3 | 4): Uint8Array {
  return Uint8Array.of(DLE, EOT, n);
}

/** Whether a byte can be a DLE EOT reply: the fixed bits (1 and 4 on, 0 and 7 off) hold. */
export function isStatusReply(b: number): boolean {
  return (b & 0x93) === 0x12;
}

/** What a printer says about itself, read from its replies to DLE EOT 1-4. */
export interface PrinterStatus {
  /** Not offline (DLE EOT 1 bit 3): it prints what it receives. */
  online: boolean;
  /** The roll is empty (roll end sensor), or printing stopped at a paper end. */
  paperOut: boolean;
  /** The roll is nearly empty: it still prints. */
  paperNearEnd: boolean;
  coverOpen: boolean;
  /** The feed button is held, or paper is being fed by it. */
  feedButton: boolean;
  /** Waiting to come back online (after an error is cleared, or the cover closed). */
  waitingForRecovery: boolean;
  /** Pin 3 of the drawer connector reads high (which state of the drawer that is depends on it). */
  drawerPin3High: boolean;
  /** The error in the manager's words, or null when there is none. */
  error: string | null;
  /** The four reply bytes, for the log. */
  replies: [number, number, number, number];
}

/**
 * Reads the replies to DLE EOT 1, 2, 3, 4 (in that order). Null when there are fewer than four
 * or one is not a status reply by its fixed bits: the answer is not a printer's status.
 */
export function decodeStatus(replies: ArrayLike<number>): PrinterStatus | null {
  if (replies.length < 4) return null;
  const [printer, offline, error, paper] = [replies[0], replies[1], replies[2], replies[3]];
  if (![printer, offline, error, paper].every(isStatusReply)) return null;
  const errors: string[] = [];
  if (error & 0x08) errors.push('Cutter jammed');
  if (error & 0x20) errors.push('Printer fault');
  if (error & 0x40) errors.push('Print head too hot');
  // An error the printer reports without saying which (its error cause byte shows none).
  if (errors.length === 0 && offline & 0x40) errors.push('Printer error');
  return {
    online: (printer & 0x08) === 0,
    paperOut: (paper & 0x60) !== 0 || (offline & 0x20) !== 0,
    paperNearEnd: (paper & 0x0c) !== 0,
    coverOpen: (offline & 0x04) !== 0,
    feedButton: (printer & 0x40) !== 0 || (offline & 0x08) !== 0,
    waitingForRecovery: (printer & 0x20) !== 0,
    drawerPin3High: (printer & 0x04) !== 0,
    error: errors.length > 0 ? errors.join(', ') : null,
    replies: [printer, offline, error, paper],
  };
}

/**
 * A downstream printer as last seen: its status, or why there is none. `unreachable`: no
 * connection (refused, no route, no answer to connect, unknown name) — usually switched off.
 * `no-answer`: connected, but no status came back in time — busy with another host, hung, or
 * not an ESC/POS printer.
 */
export type PrinterState =
  | { kind: 'answered'; status: PrinterStatus }
  | { kind: 'unreachable'; reason: string }
  | { kind: 'no-answer'; reason: string };

/**
 * The words shown to the manager: "Ready", "Out of paper", "Cover open", "Offline", "Paper low",
 * an error ("Cutter jammed"), "Not reachable", "Not answering". Causes are named before
 * "Offline", which a printer also is when its cover is open or its paper out.
 */
export function stateWords(state: PrinterState): string {
  if (state.kind === 'unreachable') return 'Not reachable';
  if (state.kind === 'no-answer') return 'Not answering';
  const s = state.status;
  const causes: string[] = [];
  if (s.coverOpen) causes.push('Cover open');
  if (s.paperOut) causes.push('Out of paper');
  if (s.error) causes.push(s.error);
  if (causes.length > 0) return causes.join(', ');
  if (!s.online) return 'Offline';
  return s.paperNearEnd ? 'Paper low' : 'Ready';
}

/**
 * Whether two states would tell the manager something different. Only what is shown counts: a
 * press of the feed button or the drawer pin does not make a change worth a notification.
 */
export function sameState(a: PrinterState | null, b: PrinterState | null): boolean {
  if (a === null || b === null) return a === b;
  if (a.kind !== b.kind) return false;
  if (a.kind !== 'answered' || b.kind !== 'answered') return true;
  const [x, y] = [a.status, b.status];
  return (
    x.online === y.online &&
    x.paperOut === y.paperOut &&
    x.paperNearEnd === y.paperNearEnd &&
    x.coverOpen === y.coverOpen &&
    x.error === y.error
  );
}

/**
 * What the desk's own printer port should report to a till whose station prints through this
 * printer (capture's PrinterCondition): as the till would see this printer directly. A printer
 * that cannot be reached cannot print either, so the till sees it offline.
 */
export type TillCondition = 'online' | 'paper-out' | 'cover-open' | 'offline';

export function tillCondition(state: PrinterState): TillCondition {
  if (state.kind !== 'answered') return 'offline';
  const s = state.status;
  if (s.coverOpen) return 'cover-open';
  if (s.paperOut) return 'paper-out';
  if (!s.online || s.error) return 'offline';
  return 'online';
}

/** GS I n with a one-byte answer (model, type, ROM version ID): a byte of any value. */
const ONE_BYTE_ID = new Set([1, 2, 3, 49, 50, 51]);
/** DLE EOT n that answer: 1-4 on every model; 7, 8, 18 (ink, peeler, interface) on some. */
const DLE_EOT_N = new Set([1, 2, 3, 4, 7, 8, 18]);

/** What a job draws from the printer by itself (see repliesDrawnBy). */
export interface JobReplies {
  /** Replies that can read as DLE EOT replies, at most. */
  atMost: number;
  /** Every one of them is a DLE EOT 1-4, answered in order before any request after the job. */
  inOrder: boolean;
  /** Replies of other kinds may come too (GS r, ESC v, ESC u, GS I, GS ( H, DLE EOT 7, 8, 18). */
  others: boolean;
}

/**
 * The replies a job draws from the printer by itself. `atMost` counts each DLE EOT in it (also
 * inside image data, where the printer answers it too) and each GS I asking for a one-byte ID
 * (whose byte may have a DLE EOT reply's fixed bits): counting one the printer does not answer
 * only makes the proof after the job wait for more of our replies, while missing one could take
 * the job's reply for ours. `inOrder`: every candidate is a DLE EOT 1-4, which every model
 * answers the moment it reads it, so the replies after `atMost` are exactly ours.
 */
export function repliesDrawnBy(job: Uint8Array): JobReplies {
  let atMost = 0;
  let inOrder = true;
  let others = false;
  for (let i = 0; i + 1 < job.length; i++) {
    const [a, b, n] = [job[i], job[i + 1], job[i + 2]];
    if (a === DLE && b === EOT && DLE_EOT_N.has(n)) {
      atMost++;
      if (n > 4) inOrder = false;
      if (n > 4) others = true;
    } else if (a === 0x1d && b === 0x49) {
      others = true;
      if (ONE_BYTE_ID.has(n)) {
        atMost++;
        inOrder = false;
      }
    } else if (
      (a === 0x1d && b === 0x72) || // GS r
      (a === 0x1b && (b === 0x76 || b === 0x75)) || // ESC v, ESC u
      (a === 0x1d && b === 0x28 && n === 0x48) // GS ( H
    ) {
      others = true;
    }
  }
  return { atMost, inOrder, others };
}

/**
 * Picks the DLE EOT replies out of what a printer sends back, in order. No other reply reads as
 * one: automatic status (GS a; 4 bytes) has bit 1 off in its first byte and bit 4 off in the
 * others, and paper sensor replies (GS r, ESC v) have bit 4 off, where a DLE EOT reply has both
 * on. Two replies carry bytes of any value and are skipped whole: GS I text ("_" ... NUL) and
 * the GS ( H process ID ("7" '"' d1..d4 NUL); neither first byte can be a status reply (bit 0
 * is on). `other` counts what is neither a DLE EOT reply nor automatic status: replies to other
 * requests, or bytes that are not a printer's at all.
 */
export class StatusReplyReader {
  /** Bytes of an automatic status still to come. */
  private asbLeft = 0;
  private inText = false;
  /** Automatic status blocks begun. */
  asb = 0;
  other = 0;

  /** The DLE EOT replies in `chunk`. */
  push(chunk: Uint8Array): number[] {
    const replies: number[] = [];
    for (const b of chunk) {
      if (this.inText) {
        if (b === 0x00) this.inText = false;
        continue;
      }
      if (this.asbLeft > 0) {
        this.asbLeft--;
        if ((b & 0x90) === 0) continue;
        this.asbLeft = 0; // not automatic status after all: read the byte afresh
      }
      if (isStatusReply(b)) replies.push(b);
      else if ((b & 0x93) === 0x10) {
        this.asbLeft = 3;
        this.asb++;
      } else {
        this.other++;
        if (b === 0x5f || b === 0x37) this.inText = true;
      }
    }
    return replies;
  }
}

const seconds = (ms: number): string => `${Math.round(ms / 100) / 10} s`;

/**
 * Opens a connection, asks DLE EOT 1-4, reads the four replies, closes. Within `timeoutMs` in
 * all (connecting included); the socket is closed before the promise resolves, in every path.
 */
export async function pollStatus(
  target: PrinterTarget,
  opts: { timeoutMs: number; signal?: AbortSignal },
): Promise<PrinterState> {
  const deadline = Date.now() + opts.timeoutMs;
  const connected = await connectPrinter(target, opts);
  if (!connected.ok) return { kind: 'unreachable', reason: connected.reason };
  return ask(connected.socket, target, Math.max(0, deadline - Date.now()), opts);
}

function ask(
  socket: net.Socket,
  target: PrinterTarget,
  waitMs: number,
  opts: { timeoutMs: number; signal?: AbortSignal },
): Promise<PrinterState> {
  const where = printerAddress(target);
  const reader = new StatusReplyReader();
  const replies: number[] = [];
  let closed = false;
  socket.once('close', () => (closed = true));
  return new Promise((resolve) => {
    let done = false;
    const finish = (state: PrinterState): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      opts.signal?.removeEventListener('abort', onAbort);
      if (closed) resolve(state);
      else socket.once('close', () => resolve(state));
      // Everything sent was read: closing sends a FIN, as a till ending its connection does.
      socket.destroy();
    };
    const noAnswer = (why: string): void =>
      finish({
        kind: 'no-answer',
        reason:
          reader.other > 0
            ? `The printer at ${where} answered, but not with ESC/POS status: is this the printer's address, and is it set to ESC/POS (not Star) mode?`
            : `The printer at ${where} ${why}: it may be busy with another till, or need switching off and on.`,
      });
    const silent = (): void =>
      noAnswer(
        `took the connection but did not answer the status request within ${seconds(opts.timeoutMs)}`,
      );
    const onAbort = (): void =>
      finish({ kind: 'no-answer', reason: `Asking the printer at ${where} was cancelled.` });
    const timer = setTimeout(silent, waitMs);
    timer.unref();
    socket.on('data', (chunk: Buffer) => {
      replies.push(...reader.push(chunk));
      // Only our four requests were sent: anything but their replies (and automatic status, which
      // some printers send unasked) means this is not an ESC/POS printer's answer.
      if (reader.other > 0) {
        noAnswer('');
        return;
      }
      if (replies.length < 4) return;
      const status = decodeStatus(replies);
      if (status) finish({ kind: 'answered', status });
      else silent();
    });
    socket.on('end', () => noAnswer('closed the connection without answering the status request'));
    socket.on('error', () => noAnswer('broke the connection without answering the status request'));
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    socket.write(STATUS_REQUESTS);
  });
}
