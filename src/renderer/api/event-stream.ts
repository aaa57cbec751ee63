/**
 * One EventSource for all live listeners, opened on the first subscription and closed with the
 * last. The browser resumes with Last-Event-ID by itself after a dropped stream; when it gives
 * up (the server refused the stream), we reopen later with ?lastEventId= so nothing is missed.
 */
import type { Metrics, ReceiptSummary } from '../../shared/api';

type Listeners = { receipt: Set<(r: ReceiptSummary) => void>; metrics: Set<(m: Metrics) => void> };

const RETRY_AFTER_MS = 5_000;

export class LiveStream {
  private source: EventSource | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private lastEventId: string | null = null;
  private readonly listeners: Listeners = { receipt: new Set(), metrics: new Set() };

  constructor(private readonly url: string) {}

  onReceipt(listener: (r: ReceiptSummary) => void): () => void {
    return this.add(this.listeners.receipt, listener);
  }

  onMetrics(listener: (m: Metrics) => void): () => void {
    return this.add(this.listeners.metrics, listener);
  }

  private add<T>(set: Set<T>, listener: T): () => void {
    set.add(listener);
    this.open();
    return () => {
      set.delete(listener);
      if (this.listeners.receipt.size + this.listeners.metrics.size === 0) this.close();
    };
  }

  private open(): void {
    if (this.source || this.retryTimer) return;
    const url = new URL(this.url);
    if (this.lastEventId !== null) url.searchParams.set('lastEventId', this.lastEventId);
    const source = new EventSource(url.href);
    source.addEventListener('receipt', (event) => {
      if (event.lastEventId) this.lastEventId = event.lastEventId;
      const receipt = parse<ReceiptSummary>(event.data);
      if (receipt) for (const l of this.listeners.receipt) l(receipt);
    });
    source.addEventListener('metrics', (event) => {
      const metrics = parse<Metrics>(event.data);
      if (metrics) for (const l of this.listeners.metrics) l(metrics);
    });
    source.addEventListener('error', () => {
      if (source.readyState !== EventSource.CLOSED) return;
      this.source = null;
      this.retryTimer = setTimeout(() => {
        this.retryTimer = null;
        this.open();
      }, RETRY_AFTER_MS);
    });
    this.source = source;
  }

  private close(): void {
    this.source?.close();
    this.source = null;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }
}

function parse<T>(data: string): T | null {
  try {
    return JSON.parse(data) as T;
  } catch {
    return null;
  }
}
