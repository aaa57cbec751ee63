/**
 * Server-Sent Events: `receipt` events (id = receipt id, so Last-Event-ID resumes without gaps)
 * and `metrics` once a second. Bounded: at most maxClients streams, each closed after maxAgeS,
 * and a client that stops reading is dropped (it reconnects and resumes from its last id).
 */
import type http from 'node:http';
import type { Metrics, ReceiptSummary } from '../../shared';
import { DeskFailure } from '../../shared';

export interface StreamSource {
  /** Printed receipts with id in (afterId, upToId], oldest first. */
  listAfter(afterId: number, upToId: number, limit: number): ReceiptSummary[];
  /** Highest id the live feed has announced. */
  announcedUpTo(): number;
  onReceipts(listener: (batch: ReceiptSummary[]) => void): () => void;
  onMetrics(listener: (m: Metrics) => void): () => void;
}

export interface StreamOptions {
  maxClients: number;
  maxAgeS: number;
}

/** A client further behind than this is cut off rather than buffered without limit. */
const MAX_BUFFERED = 8 * 1024 * 1024;

interface Client {
  res: http.ServerResponse;
  lastId: number;
  timer: NodeJS.Timeout;
}

export class EventStreamHub {
  private readonly clients = new Set<Client>();
  private unsubscribe: (() => void)[] = [];

  constructor(
    private readonly source: StreamSource,
    private readonly options: StreamOptions,
  ) {
    this.unsubscribe.push(source.onReceipts((batch) => this.broadcastReceipts(batch)));
    this.unsubscribe.push(
      source.onMetrics((m) => this.broadcast(`event: metrics\ndata: ${JSON.stringify(m)}\n\n`)),
    );
  }

  get size(): number {
    return this.clients.size;
  }

  open(req: http.IncomingMessage, res: http.ServerResponse, lastEventId: string | null): void {
    if (this.clients.size >= this.options.maxClients) {
      throw new DeskFailure(
        'TOO_MANY_STREAMS',
        `Already ${this.options.maxClients} live views are open; close one or try again shortly.`,
      );
    }
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    const parsed = lastEventId !== null ? Number(lastEventId) : NaN;
    const client: Client = {
      res,
      lastId: Number.isInteger(parsed) && parsed >= 0 ? parsed : this.source.announcedUpTo(),
      timer: setTimeout(() => res.end(), this.options.maxAgeS * 1000),
    };
    res.write('retry: 1000\n\n');
    this.clients.add(client);
    const drop = (): void => {
      clearTimeout(client.timer);
      this.clients.delete(client);
    };
    req.once('close', drop);
    res.once('close', drop);
    this.catchUp(client);
  }

  close(): void {
    for (const u of this.unsubscribe) u();
    this.unsubscribe = [];
    for (const c of this.clients) {
      clearTimeout(c.timer);
      c.res.end();
    }
    this.clients.clear();
  }

  /** Sends what the client missed since its last id, from the store, in pages. */
  private catchUp(client: Client): void {
    const upTo = this.source.announcedUpTo();
    for (;;) {
      const page = this.source.listAfter(client.lastId, upTo, 500);
      if (page.length === 0) break;
      this.send(client, page);
      client.lastId = page[page.length - 1].id;
      if (!this.clients.has(client)) return;
    }
    client.lastId = Math.max(client.lastId, upTo);
  }

  private broadcastReceipts(batch: ReceiptSummary[]): void {
    for (const c of this.clients) {
      const fresh = batch.filter((r) => r.id > c.lastId);
      if (fresh.length === 0) continue;
      this.send(c, fresh);
      c.lastId = fresh[fresh.length - 1].id;
    }
  }

  private send(client: Client, receipts: ReceiptSummary[]): void {
    let out = '';
    for (const r of receipts) out += `id: ${r.id}\nevent: receipt\ndata: ${JSON.stringify(r)}\n\n`;
    this.write(client, out);
  }

  private broadcast(text: string): void {
    for (const c of this.clients) this.write(c, text);
  }

  private write(client: Client, text: string): void {
    if (client.res.writableLength > MAX_BUFFERED) {
      client.res.destroy();
      return;
    }
    client.res.write(text);
  }
}
