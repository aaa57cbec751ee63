/**
 * DeskApi in the test's own process, derived from the contract table: every call goes through
 * invokeCall, the same argument checks and error results as the IPC and HTTP doors.
 */
import type { DeskApi, DeskCalls, Metrics, ReceiptSummary } from '../../src/shared';
import { DESK_CALLS } from '../../src/shared';
import { invokeCall } from '../../src/main/calls';
import type { DeskService } from '../../src/main/service';

export function inProcessApi(service: DeskService): DeskApi {
  const log = (message: string): void => console.error(message);
  const calls = Object.fromEntries(
    DESK_CALLS.map((name) => [name, (...args: unknown[]) => invokeCall(service, name, args, log)]),
  ) as unknown as DeskCalls;
  return {
    ...calls,
    exportDelivery: 'download',
    onReceipts: (listener: (batch: ReceiptSummary[]) => void) => service.onReceipts(listener),
    onMetrics: (listener: (m: Metrics) => void) => service.onMetrics(listener),
  };
}
