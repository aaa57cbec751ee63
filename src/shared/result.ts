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
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'DeskFailure';
  }
}
