/**
 * IPC handlers: one ipcMain.handle per call of the contract table. Only the app's own window may
 * call; the arguments are checked by the table (invokeCall), as they are over HTTP. Also pushes
 * live receipts and metrics to the window.
 */
import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import type { DeskBackend, DeskCall, Result } from '../../shared';
import { DESK_CALLS, fail } from '../../shared';
import { callChannel, type DeskEventChannel, type DeskEventPayloads } from '../../shared/ipc';
import { invokeCall } from '../calls';

export interface IpcOptions {
  /** Settles once the service has started, or with the reason it could not. */
  backend: Promise<Result<DeskBackend>>;
  /** The one window allowed to call. */
  window: () => BrowserWindow | null;
}

export function registerIpcHandlers({ backend, window }: IpcOptions): () => void {
  for (const name of DESK_CALLS) {
    ipcMain.handle(callChannel(name), (event, ...args: unknown[]) =>
      handle(name, event, args, backend, window),
    );
  }
  return () => {
    for (const name of DESK_CALLS) ipcMain.removeHandler(callChannel(name));
  };
}

async function handle(
  name: DeskCall,
  event: IpcMainInvokeEvent,
  args: unknown[],
  backend: Promise<Result<DeskBackend>>,
  window: () => BrowserWindow | null,
): Promise<Result<unknown>> {
  const win = window();
  if (!win || event.sender !== win.webContents || event.senderFrame !== event.sender.mainFrame) {
    return fail('FORBIDDEN', 'Only the Receipt Desk window may ask the service.');
  }
  const service = await backend;
  if (!service.ok) return service;
  return invokeCall(service.value, name, args, (message) => console.error(`IPC ${message}`));
}

/** Sends an event to the window if it is still there (a closed window just misses it). */
export function pushToWindow<C extends DeskEventChannel>(
  win: BrowserWindow | null,
  channel: C,
  payload: DeskEventPayloads[C],
): void {
  if (!win || win.isDestroyed() || win.webContents.isDestroyed()) return;
  win.webContents.send(channel, payload);
}
