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
import { DLE, EOT, isStatusReply, StatusReplyReader } from './reply-reader';

export { isStatusReply } from './reply-reader';

/** DLE EOT 1, 2, 3, 4 in one write: printer, offline cause, error cause, roll paper sensor. */
export const STATUS_REQUESTS = Uint8Array.of(DLE, EOT, 1, DLE, EOT, 2, DLE, EOT, 3, DLE, EOT, 4);

/** DLE EOT n. n: 1 printer, 2 offline cause, 3 error cause, 4 roll paper sensor. */
export function statusRequest(n: 1 | 2 | 3 | 4): Uint8Array {
  return Uint8Array.of(DLE, EOT, n);
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
