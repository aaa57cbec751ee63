/**
 * Every code a DeskFailure can carry. The HTTP door maps each to its status, and the typecheck
 * fails when a code is added here without one.
 */
export const DESK_ERROR_CODES = [
  'ADDRESS_UNAVAILABLE',
  'AUTO_EXPORT_FAILED',
  'BAD_ARGUMENT',
  'BAD_HOST',
  'BAD_REQUEST',
  'BAD_SETTINGS',
  'BUSY',
  'CANCELLED',
  'CONFIRM_DELETION',
  'CONNECTIONS_REFUSED',
  'DB_OPEN_FAILED',
  'DB_WRITE_FAILED',
  'DISK_FULL',
  'EXPORT_FAILED',
  'EXPORT_FOLDER',
  'FORBIDDEN',
  'INTERNAL',
  'LISTEN_FAILED',
  'METHOD_NOT_ALLOWED',
  'NATIVE_MODULE',
  'NOT_AVAILABLE',
  'NOT_FOUND',
  'NOT_LISTENING',
  'NOT_READY',
  'PORT_DENIED',
  'PORT_IN_USE',
  'PRINTER_PROBLEM',
  'RELAY_SECRETS',
  'SETTINGS_NOT_SAVED',
  'START_FAILED',
  'STOPPING',
  'STORE_CLOSED',
  'TEST_PRINT_FAILED',
  'TOKEN_REQUIRED',
  'TOO_LARGE',
  'TOO_MANY_STREAMS',
  'TOO_SLOW',
  'UNAUTHORIZED',
  'WRITER_CRASHED',
] as const;

export type DeskErrorCode = (typeof DESK_ERROR_CODES)[number];

export function isDeskErrorCode(code: string): code is DeskErrorCode {
  return (DESK_ERROR_CODES as readonly string[]).includes(code);
}

/** Results that carry errors across boundaries (IPC, HTTP) so the user sees what to do. */
export interface DeskError {
  /** Stable machine-readable code, e.g. `PORT_IN_USE`, `BAD_REQUEST`, `NOT_FOUND`. */
  code: string;
  /** A sentence for the manager: what happened and what to do about it. */
  message: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: DeskError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = <T = never>(code: string, message: string): Result<T> => ({
  ok: false,
  error: { code, message },
});

/** An Error that carries a DeskError code; thrown inside the service, turned into a Result at the edge. */
export class DeskFailure extends Error {
  constructor(
    readonly code: DeskErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'DeskFailure';
  }
}
