/**
 * DeskApi over the service's HTTP API (`npm run serve`): JSON endpoints for calls, one
 * Server-Sent Events stream for live receipts and metrics.
 */
import type { DeskApi, ReceiptQuery, ReceiptSummary } from '../../shared/api';
import { Batcher } from '../batcher';
import { LiveStream } from './event-stream';
import { exportCalls } from './export-calls';
import { type FetchInit, fetchResult as fetchJson } from './fetch-result';

/** SSE sends one event per receipt; listeners get them in batches, like the IPC adapter. */
const RECEIPT_BATCH_MS = 50;

export function createHttpApi(origin: string, token: string | null = null): DeskApi {
  const api = (path: string): string => new URL(path, origin).href;
  // EventSource cannot send headers: the stream takes the token in its address.
  const streamUrl = new URL('/api/stream', origin);
  if (token) streamUrl.searchParams.set('token', token);
  const stream = new LiveStream(streamUrl.href);
  const fetchResult = <T>(url: string, init: FetchInit = {}) =>
    fetchJson<T>(url, { ...init, token });
  return {
    getHealth: () => fetchResult(api('/api/health')),
    listReceipts: (query) => fetchResult(api(`/api/receipts${queryString(query)}`)),
    getReceipt: (id) => fetchResult(api(`/api/receipts/${encodeURIComponent(String(id))}`)),
    getStats: () => fetchResult(api('/api/stats')),
    getMetrics: () => fetchResult(api('/api/metrics')),
    getToday: () => fetchResult(api('/api/today')),
    getPrinterAddresses: () => fetchResult(api('/api/printer-addresses')),
    printTestReceipt: () => fetchResult(api('/api/test-print'), { method: 'POST' }),
    getSettings: () => fetchResult(api('/api/settings')),
    saveSettings: (settings, options) =>
      fetchResult(api('/api/settings'), { method: 'POST', body: { settings, options } }),
    ...exportCalls(api, token),
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
