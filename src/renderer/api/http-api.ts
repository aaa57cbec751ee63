/**
 * DeskApi over the service's HTTP API (`npm run serve`): JSON endpoints for calls, one
 * Server-Sent Events stream for live receipts and metrics.
 */
import type { DeskApi, ReceiptQuery, ReceiptSummary } from '../../shared/api';
import { Batcher } from '../batcher';
import { LiveStream } from './event-stream';
import { exportCalls } from './export-calls';
import { fetchResult } from './fetch-result';

/** SSE sends one event per receipt; listeners get them in batches, like the IPC adapter. */
const RECEIPT_BATCH_MS = 50;

export function createHttpApi(origin: string): DeskApi {
  const api = (path: string): string => new URL(path, origin).href;
  const stream = new LiveStream(api('/api/stream'));
  return {
    getHealth: () => fetchResult(api('/api/health')),
    listReceipts: (query) => fetchResult(api(`/api/receipts${queryString(query)}`)),
    getReceipt: (id) => fetchResult(api(`/api/receipts/${encodeURIComponent(String(id))}`)),
    getStats: () => fetchResult(api('/api/stats')),
    getMetrics: () => fetchResult(api('/api/metrics')),
    getToday: () => fetchResult(api('/api/today')),
    getPrinterAddresses: () => fetchResult(api('/api/printer-addresses')),
    printTestReceipt: () => fetchResult(api('/api/test-print'), { method: 'POST' }),
    ...exportCalls(api),
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

function queryString(query: ReceiptQuery): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}
