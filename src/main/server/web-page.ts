/**
 * The web page and HTTP API around a running desk: `npm run serve` always starts it; the desktop
 * app starts it too, for phones and tablets (Settings, Web page), on the same settings.
 */
import path from 'node:path';
import type { Settings } from '../../shared';
import type { StreamSource } from './event-stream';
import type { ExportBackend } from './export-file';
import { HttpServer } from './http-server';

/** What the web page serves: the contract's calls, export files and the live stream. */
export type WebPageBackend = ExportBackend & { stream(): StreamSource };

export async function startWebPage(
  backend: WebPageBackend,
  http: Settings['http'],
  /** Folder of the built entry; the renderer sits in ../renderer beside it. */
  entryDir: string,
): Promise<{ server: HttpServer; port: number }> {
  const server = new HttpServer({
    ...http,
    uiDir: path.join(entryDir, '..', 'renderer'),
    backend,
    stream: backend.stream(),
  });
  return { server, port: await server.listen() };
}
