/**
 * The bridge between the sandboxed window and the service: exposes DeskApi as `window.desk`,
 * domain verbs only, one per call of the contract table. Nothing raw (no ipcRenderer, no
 * channel names) reaches the page.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { DeskApi, DeskCalls, Unsubscribe } from '../shared/api';
import { DESK_CALLS } from '../shared/contract';
import {
  callChannel,
  DESK_EVENTS,
  type DeskEventChannel,
  type DeskEventPayloads,
} from '../shared/ipc';

function subscribe<C extends DeskEventChannel>(
  channel: C,
  listener: (payload: DeskEventPayloads[C]) => void,
): Unsubscribe {
  const handler = (_event: IpcRendererEvent, payload: DeskEventPayloads[C]): void =>
    listener(payload);
  ipcRenderer.on(channel, handler);
  return () => {
    ipcRenderer.removeListener(channel, handler);
  };
}

// Each call forwards its arguments as they are; the main process checks them by the table.
const calls = Object.fromEntries(
  DESK_CALLS.map((name) => {
    const channel = callChannel(name);
    return [name, (...args: unknown[]) => ipcRenderer.invoke(channel, ...args)];
  }),
) as DeskCalls;

const api = {
  ...calls,
  // The main process shows the finished file in the system's file manager.
  exportDelivery: 'show-in-folder',
  onReceipts: (listener) => subscribe(DESK_EVENTS.receipts, listener),
  onMetrics: (listener) => subscribe(DESK_EVENTS.metrics, listener),
} satisfies DeskApi;

contextBridge.exposeInMainWorld('desk', api);
