/**
 * The export endpoints. Starting one is a POST that needs the page's own header (another web
 * page cannot make this PC write files); the file is served only for a job this service wrote,
 * by its number, never by a path the client sends.
 */
import fs from 'node:fs';
import type http from 'node:http';
import { pipeline } from 'node:stream/promises';
import { z } from 'zod';
import type { DeskBackend } from '../../shared';
import { DeskFailure } from '../../shared';
import type { ExportedFile } from '../export';
import { parse, parseId } from './query-params';
import { sendJson } from './respond';

export interface ExportBackend extends DeskBackend {
  exportFile(id: number): ExportedFile;
}

const int = z.coerce.number().int();
const rangeFields = {
  from: int.min(0),
  to: int.min(0),
  station: z.string().min(1).max(40).optional(),
};
const fromBeforeTo = (r: { from: number; to: number }) => r.from < r.to;
const rangeSchema = z.object(rangeFields).refine(fromBeforeTo, 'from must be before to');
const requestSchema = z
  .object({ ...rangeFields, format: z.enum(['csv', 'zip']) })
  .refine(fromBeforeTo, 'from must be before to');

const CONTENT_TYPES = { csv: 'text/csv; charset=utf-8', zip: 'application/zip' } as const;

/** Answers the request if it is an export endpoint; false when it is not one. */
export async function handleExportRoute(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  url: URL,
  backend: ExportBackend,
): Promise<boolean> {
  const path = url.pathname;
  if (path !== '/api/exports' && !path.startsWith('/api/exports/')) return false;
  const params = (...keys: string[]): Record<string, string> => {
    const out: Record<string, string> = {};
    for (const key of keys) {
      const value = url.searchParams.get(key);
      if (value !== null && value !== '') out[key] = value;
    }
    return out;
  };
  if (path === '/api/exports' && req.method === 'POST') {
    if (req.headers['x-receipt-desk'] !== '1') {
      throw new DeskFailure('FORBIDDEN', 'Exports are started from the Receipt Desk page.');
    }
    const request = parse(requestSchema, params('from', 'to', 'station', 'format'));
    sendJson(res, 200, await backend.startExport(request));
    return true;
  }
  if (path === '/api/exports/preview' && req.method === 'GET') {
    const range = parse(rangeSchema, params('from', 'to', 'station'));
    sendJson(res, 200, await backend.previewExport(range));
    return true;
  }
  const file = /^\/api\/exports\/([^/]+)\/file$/u.exec(path);
  if (file && (req.method === 'GET' || req.method === 'HEAD')) {
    await sendExportFile(req, res, backend.exportFile(parseId(file[1])));
    return true;
  }
  const job = /^\/api\/exports\/([^/]+)$/u.exec(path);
  if (job && req.method === 'GET') {
    sendJson(res, 200, await backend.getExport(parseId(job[1])));
    return true;
  }
  throw new DeskFailure('NOT_FOUND', `There is no ${req.method} ${path} in the Receipt Desk API.`);
}

async function sendExportFile(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  file: ExportedFile,
): Promise<void> {
  // The name is ours (letters, digits, dot, dash), so it needs no escaping beyond the quotes.
  res.writeHead(200, {
    'Content-Type': CONTENT_TYPES[file.format],
    'Content-Length': file.bytes,
    'Content-Disposition': `attachment; filename="${file.fileName}"`,
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  await pipeline(fs.createReadStream(file.path), res);
}
