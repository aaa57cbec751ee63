/**
 * Electron IPC channel names, derived from the contract table so the preload bridge and the
 * main-process handlers cannot drift apart.
 */
import type { Metrics, ReceiptSummary } from './api';
import type { DeskCall } from './contract';

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
