/**
 * Electron IPC channel names, derived from the DeskApi contract so the preload bridge and the
 * main-process handlers cannot drift apart. Pure data: the sandboxed preload imports it.
 */
import type { DeskCall, Metrics, ReceiptSummary } from './api';

/** Every request/response call of DeskApi; the check below fails the build if one is missing. */
export const DESK_CALLS = [
  'getHealth',
  'listReceipts',
  'getReceipt',
  'getStats',
  'getMetrics',
  'getToday',
  'getPrinterAddresses',
  'printTestReceipt',
  'getSettings',
  'saveSettings',
  'previewExport',
  'startExport',
  'getExport',
  'openExport',
] as const satisfies readonly DeskCall[];

type MissingCall = Exclude<DeskCall, (typeof DESK_CALLS)[number]>;
const everyCallHasAChannel: [MissingCall] extends [never] ? true : MissingCall = true;
void everyCallHasAChannel;

export type DeskCallChannel<K extends DeskCall = DeskCall> = `desk:call:${K}`;

export function callChannel<K extends DeskCall>(name: K): DeskCallChannel<K> {
  return `desk:call:${name}`;
}

/** Events pushed from main to the window, with their payloads. */
export const DESK_EVENTS = {
  receipts: 'desk:event:receipts',
  metrics: 'desk:event:metrics',
} as const;

export interface DeskEventPayloads {
  [DESK_EVENTS.receipts]: ReceiptSummary[];
  [DESK_EVENTS.metrics]: Metrics;
}

export type DeskEventChannel = keyof DeskEventPayloads;
