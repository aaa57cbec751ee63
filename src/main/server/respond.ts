import type http from 'node:http';
import { DeskFailure } from '../../shared';

const STATUS_BY_CODE: Record<string, number> = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  TOO_MANY_STREAMS: 503,
  BAD_SETTINGS: 400,
  TOKEN_REQUIRED: 400,
  CONFIRM_DELETION: 409,
  PORT_IN_USE: 409,
  PORT_DENIED: 409,
  ADDRESS_UNAVAILABLE: 409,
};

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

/** Errors become `{ ok: false, error: { code, message } }` with a 4xx/5xx; never a stack trace. */
export function sendError(res: http.ServerResponse, err: unknown): void {
  const failure =
    err instanceof DeskFailure
      ? err
      : new DeskFailure(
          'INTERNAL',
          'Something went wrong inside Receipt Desk; the log has details.',
        );
  const status = STATUS_BY_CODE[failure.code] ?? 500;
  if (res.headersSent) {
    res.destroy();
    return;
  }
  sendJson(res, status, { ok: false, error: { code: failure.code, message: failure.message } });
}
