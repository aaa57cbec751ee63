/**
 * The bridge between the sandboxed window and the service: exposes DeskApi as `window.desk`,
 * domain verbs only. Nothing raw (no ipcRenderer, no channel names) reaches the page.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { DeskApi, DeskCall, Unsubscribe } from '../shared/api';
import {
  callChannel,
  DESK_EVENTS,
  type DeskEventChannel,
  type DeskEventPayloads,
} from '../shared/ipc';

function call<K extends DeskCall>(name: K): DeskApi[K] {
  const channel = callChannel(name);
  return ((...args: unknown[]) => ipcRenderer.invoke(channel, ...args)) as DeskApi[K];
}

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

const api = {
  getHealth: call('getHealth'),
  listReceipts: call('listReceipts'),
  getReceipt: call('getReceipt'),
  getStats: call('getStats'),
  getMetrics: call('getMetrics'),
  getToday: call('getToday'),
  getPrinterAddresses: call('getPrinterAddresses'),
  printTestReceipt: call('printTestReceipt'),
  getSettings: call('getSettings'),
  saveSettings: call('saveSettings'),
  previewExport: call('previewExport'),
  startExport: call('startExport'),
  getExport: call('getExport'),
  openExport: call('openExport'),
  // The main process shows the finished file in the system's file manager.
  exportDelivery: 'show-in-folder',
  onReceipts: (listener) => subscribe(DESK_EVENTS.receipts, listener),
  onMetrics: (listener) => subscribe(DESK_EVENTS.metrics, listener),
} satisfies DeskApi;

contextBridge.exposeInMainWorld('desk', api);
