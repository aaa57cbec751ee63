/**
 * A DeskApi for renderer tests, derived from the contract table: every call answers with
 * `failure` unless the test gives it an answer of its own, and the live feeds stay silent.
 */
import type { DeskApi, DeskCalls } from '../../shared/api';
import { DESK_CALLS } from '../../shared/contract';
import type { DeskError } from '../../shared/result';

export function fakeDeskApi(
  answers: Partial<DeskCalls> = {},
  failure: DeskError = { code: 'NOT_AVAILABLE', message: 'not needed here' },
): DeskApi {
  const fail = async () => ({ ok: false as const, error: failure });
  const calls = Object.fromEntries(DESK_CALLS.map((name) => [name, answers[name] ?? fail]));
  return {
    ...(calls as unknown as DeskCalls),
    exportDelivery: 'download',
    onReceipts: () => () => {},
    onMetrics: () => () => {},
  };
}
