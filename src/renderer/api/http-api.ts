/**
 * DeskApi over the service's HTTP API (`npm run serve`): every call of the contract table as a
 * request encoded by the table's one rule (shared/contract-http), and one Server-Sent Events
 * stream for live receipts and metrics.
 */
import type { DeskApi, DeskCalls, ReceiptSummary } from '../../shared/api';
import { DESK_CALLS, EVENT_STREAM_PATH } from '../../shared/contract';
import { REPORT_FILE_PATH } from '../../shared/reports';
import { encodeCall } from '../../shared/contract-http';
import { Batcher } from '../batcher';
import { LiveStream } from './event-stream';
import { downloadExport } from './export-download';
import { fetchResult } from './fetch-result';

/** SSE sends one event per receipt; listeners get them in batches, like the IPC adapter. */
const RECEIPT_BATCH_MS = 50;

export function createHttpApi(origin: string, token: string | null = null): DeskApi {
  const url = (target: string): string => new URL(target, origin).href;
  // EventSource cannot send headers: the stream takes the token in its address.
  const streamUrl = new URL(EVENT_STREAM_PATH, origin);
  if (token) streamUrl.searchParams.set('token', token);
  const stream = new LiveStream(streamUrl.href);
  const calls = Object.fromEntries(
    DESK_CALLS.map((name) => [
      name,
      (...args: never[]) => {
        const request = encodeCall(name, args as never);
        return fetchResult(url(request.target), {
          method: request.method,
          body: request.body,
          token,
        });
      },
    ]),
  ) as unknown as DeskCalls;
  return {
    ...calls,
    // A browser cannot open a folder on the PC: a finished export is downloaded instead.
    openExport: (id) => downloadExport(url, id, token, calls.getExport),
    exportDelivery: 'download',
    // A link cannot send headers: the download takes the token in its address, as the stream.
    reportFileUrl: (day, format) => {
      const file = new URL(REPORT_FILE_PATH, origin);
      file.searchParams.set('date', day.date);
      if (day.station) file.searchParams.set('station', day.station);
      file.searchParams.set('format', format);
      if (token) file.searchParams.set('token', token);
      return file.href;
    },
    onReceipts: (listener) => {
      const batcher = new Batcher<ReceiptSummary>(listener, RECEIPT_BATCH_MS);
      const unsubscribe = stream.onReceipt((r) => batcher.add(r));
      return () => {
        unsubscribe();
        batcher.dispose();
      };
    },
    onMetrics: (listener) => stream.onMetrics(listener),
  };
}
