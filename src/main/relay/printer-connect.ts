/**
 * Opening a TCP connection to a downstream printer, and the sentences a manager reads when that
 * fails. Until the connection is made the printer cannot have received a byte, so every failure
 * here is safe to retry: sendJob reports it as 'not-started', pollStatus as 'unreachable'.
 */
import net from 'node:net';

/** A printer on the LAN that prints raw bytes sent to a TCP port (9100 by custom). */
export interface PrinterTarget {
  host: string;
  port: number;
}

export type Connected = { ok: true; socket: net.Socket } | { ok: false; reason: string };

/** "192.168.1.50:9100", "[fe80::1]:9100", "kitchen-printer:9100". */
export function printerAddress(target: PrinterTarget): string {
  const host = target.host.includes(':') ? `[${target.host}]` : target.host;
  return `${host}:${target.port}`;
}

const seconds = (ms: number): string => `${Math.round(ms / 100) / 10} s`;

/** Why a connection could not be made, in words a restaurant manager can act on. */
function failureReason(target: PrinterTarget, code: string | undefined): string {
  const where = printerAddress(target);
  switch (code) {
    case 'ECONNREFUSED':
      return `The printer at ${where} refused the connection: is it switched on, and is ${target.port} its printing port?`;
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'EHOSTDOWN':
    case 'ENETDOWN':
      return `The printer at ${where} cannot be reached from this PC: is it switched on, and is its network cable in (or its Wi-Fi on)?`;
    case 'ETIMEDOUT':
      return `The printer at ${where} did not answer: is it switched on and on the network, and is the address right?`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EAI_FAIL':
    case 'EAI_NONAME':
      return `No printer named "${target.host}" was found on the network: check the printer's address in Settings.`;
    case 'EADDRNOTAVAIL':
    case 'EINVAL':
    case 'ERR_SOCKET_BAD_PORT':
    case 'ERR_INVALID_ADDRESS':
      return `The printer address ${where} is not valid: check it in Settings.`;
    default:
      return `Could not connect to the printer at ${where}${code ? ` (${code})` : ''}: is it switched on and on the network?`;
  }
}

/**
 * Connects within `timeoutMs`. On success the socket is connected, reading, half-open allowed
 * (the caller decides when its side ends) and has a no-op error listener (the caller adds its
 * own). On failure the socket is already closed: nothing is left open in any path.
 */
export function connectPrinter(
  target: PrinterTarget,
  opts: { timeoutMs: number; signal?: AbortSignal },
): Promise<Connected> {
  const where = printerAddress(target);
  if (opts.signal?.aborted) {
    return Promise.resolve({ ok: false, reason: `Connecting to ${where} was cancelled.` });
  }
  let socket: net.Socket;
  try {
    socket = net.connect({ host: target.host, port: target.port, allowHalfOpen: true });
  } catch (err) {
    // A port out of range is thrown at once, before any socket exists.
    return Promise.resolve({ ok: false, reason: failureReason(target, errorCode(err)) });
  }
  socket.on('error', () => {});
  // Its own flag: `socket.closed` turns true before the handle is closed, 'close' only after.
  let closed = false;
  socket.once('close', () => (closed = true));
  return new Promise((resolve) => {
    let done = false;
    const finish = (result: Connected): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      opts.signal?.removeEventListener('abort', onAbort);
      socket.off('error', onError);
      if (result.ok) {
        resolve(result);
        return;
      }
      // Resolve once the handle is closed, so a caller that counts open sockets finds none.
      if (closed) resolve(result);
      else socket.once('close', () => resolve(result));
      socket.destroy();
    };
    const onError = (err: Error): void =>
      finish({ ok: false, reason: failureReason(target, errorCode(err)) });
    const onAbort = (): void =>
      finish({ ok: false, reason: `Connecting to ${where} was cancelled.` });
    const timer = setTimeout(
      () =>
        finish({
          ok: false,
          reason: `The printer at ${where} did not answer within ${seconds(opts.timeoutMs)}: is it switched on and on the network, and is the address right?`,
        }),
      opts.timeoutMs,
    );
    timer.unref();
    socket.once('connect', () => {
      socket.setNoDelay(true);
      finish({ ok: true, socket });
    });
    socket.on('error', onError);
    opts.signal?.addEventListener('abort', onAbort, { once: true });
  });
}

function errorCode(err: unknown): string | undefined {
  return (err as NodeJS.ErrnoException | null)?.code;
}
