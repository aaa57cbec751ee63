import type { DeskBackend, DeskCall, Result } from '../../shared';
import { DESK_CONTRACT, DeskFailure, describeArgsIssue, fail, ok } from '../../shared';

/** Where unexpected failures are written: the user is told the log has the details. */
export type CallLog = (message: string) => void;

export async function invokeCall(
  backend: DeskBackend,
  name: DeskCall,
  args: readonly unknown[],
  log: CallLog,
): Promise<Result<unknown>> {
  const parsed = DESK_CONTRACT[name].args.safeParse(args);
  if (!parsed.success) return fail('BAD_REQUEST', describeArgsIssue(parsed.error));
  try {
    // The tuple was checked against this very call's arguments just above.
    const method = backend[name] as (...a: readonly unknown[]) => Promise<unknown>;
    return ok(await method.apply(backend, parsed.data));
  } catch (err) {
    if (err instanceof DeskFailure) return fail(err.code, err.message);
    log(`${name} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    return fail('INTERNAL', 'Something went wrong inside Receipt Desk; the log has details.');
  }
}
