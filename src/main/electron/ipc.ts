/**
 * IPC handlers: one ipcMain.handle per DeskApi call, arguments validated with zod, answers as
 * Result so the window can show the user what went wrong. Also pushes live receipts and metrics
 * to the window.
 */
import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import type { DeskBackend, DeskCall, Result } from '../../shared';
import { DeskFailure, fail, ok } from '../../shared';
import {
  callChannel,
  DESK_CALLS,
  type DeskEventChannel,
  type DeskEventPayloads,
} from '../../shared/ipc';
import { callArgs, describeIssue } from './ipc-args';

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
  const parsed = callArgs[name].safeParse(args);
  if (!parsed.success) return fail('BAD_REQUEST', describeIssue(parsed.error));
  const service = await backend;
  if (!service.ok) return service;
  try {
    // The tuple was validated against this very call's parameters just above.
    const method = service.value[name] as (...a: unknown[]) => Promise<unknown>;
    return ok(await method.apply(service.value, parsed.data));
  } catch (err) {
    if (err instanceof DeskFailure) return fail(err.code, err.message);
    console.error(`IPC ${name} failed:`, err);
    return fail('INTERNAL', 'Something went wrong inside Receipt Desk; the log has details.');
  }
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
