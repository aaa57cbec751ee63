import type http from 'node:http';
import type { DeskErrorCode } from '../../shared';
import { DeskFailure } from '../../shared';

/** Every code's HTTP status: adding a code to DESK_ERROR_CODES fails the typecheck here. */
const STATUS_BY_CODE: Record<DeskErrorCode, number> = {
  ADDRESS_UNAVAILABLE: 409,
  AUTO_EXPORT_FAILED: 500,
  BAD_ARGUMENT: 400,
  // 421 Misdirected Request: this server does not answer for that name (DNS rebinding).
  BAD_HOST: 421,
  BAD_REQUEST: 400,
  BAD_SETTINGS: 400,
  BUSY: 409,
  CANCELLED: 409,
  CONFIRM_DELETION: 409,
  CONNECTIONS_REFUSED: 503,
  DB_OPEN_FAILED: 503,
  DB_WRITE_FAILED: 503,
  DISK_FULL: 507,
  EXPORT_FAILED: 500,
  EXPORT_FOLDER: 500,
  FORBIDDEN: 403,
  INTERNAL: 500,
  LISTEN_FAILED: 409,
  METHOD_NOT_ALLOWED: 405,
  NATIVE_MODULE: 500,
  NOT_AVAILABLE: 501,
  NOT_FOUND: 404,
  NOT_LISTENING: 409,
  NOT_READY: 503,
  PORT_DENIED: 409,
  PORT_IN_USE: 409,
  PRINTER_PROBLEM: 503,
  RELAY_SECRETS: 500,
  SETTINGS_NOT_SAVED: 500,
  START_FAILED: 503,
  STOPPING: 503,
  STORE_CLOSED: 503,
  TEST_PRINT_FAILED: 502,
  TOKEN_REQUIRED: 400,
  TOO_LARGE: 413,
  TOO_MANY_STREAMS: 503,
  TOO_SLOW: 503,
  UNAUTHORIZED: 401,
  WRITER_CRASHED: 503,
};

export function statusFor(code: string): number {
  return STATUS_BY_CODE[code as DeskErrorCode] ?? 500;
}

export function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  const payload = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(payload),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  res.end(payload);
}

/**
 * Errors become `{ ok: false, error: { code, message } }` with their status; never a stack
 * trace. One nobody expected is logged, since its message sends the user to the log.
 */
export function sendError(
  res: http.ServerResponse,
  err: unknown,
  log: (message: string) => void,
): void {
  let failure: DeskFailure;
  if (err instanceof DeskFailure) failure = err;
  else {
    log(`HTTP request failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    failure = new DeskFailure(
      'INTERNAL',
      'Something went wrong inside Receipt Desk; the log has details.',
    );
  }
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const body = { ok: false, error: { code: failure.code, message: failure.message } };
  sendJson(res, statusFor(failure.code), body);
}
