/**
 * The web page and HTTP API around a running service: `npm run serve` always starts it; the
 * desktop app starts it too, for phones and tablets (Settings, Web page), on the same settings.
 */
import path from 'node:path';
import type { Settings } from '../shared';
import { HttpServer, type StreamSource } from './server';
import type { DeskService } from './service';

export async function startWebPage(
  service: DeskService,
  http: Settings['http'],
  /** Folder of the built entry; the renderer sits in ../renderer beside it. */
  entryDir: string,
): Promise<{ server: HttpServer; port: number }> {
  const server = new HttpServer({
    ...http,
    uiDir: path.join(entryDir, '..', 'renderer'),
    backend: service,
    stream: serviceStream(service),
  });
  return { server, port: await server.listen() };
}

/** What the live stream (SSE) reads from the service: receipts after an id, and the feeds. */
export function serviceStream(service: DeskService): StreamSource {
  return {
    listAfter: (after, upTo, limit) => service.store.queries.listAfter(after, upTo, limit),
    announcedUpTo: () => service.feed.announcedUpTo,
    onReceipts: (l) => service.onReceipts(l),
    onMetrics: (l) => service.onMetrics(l),
  };
}
