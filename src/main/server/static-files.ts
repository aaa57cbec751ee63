import fs from 'node:fs';
import type http from 'node:http';
import path from 'node:path';
import { DeskFailure } from '../../shared';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
  '.woff2': 'font/woff2',
};

/** Same policy as the Electron window: our own scripts only, data from our own origin. */
const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

/** Serves the built renderer; unknown paths get index.html (client-side routes). */
export function serveStatic(uiDir: string | null, urlPath: string, res: http.ServerResponse): void {
  if (!uiDir || !fs.existsSync(path.join(uiDir, 'index.html'))) {
    const body =
      '<!doctype html><title>Receipt Desk</title><p>The Receipt Desk interface is not built. Run <code>npm run build:service</code>, then reload.</p>';
    res.writeHead(503, {
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Security-Policy': CSP,
    });
    res.end(body);
    return;
  }
  let rel: string;
  try {
    rel = decodeURIComponent(urlPath);
  } catch {
    throw new DeskFailure('BAD_REQUEST', 'That address is not valid.');
  }
  const root = path.resolve(uiDir);
  let file = path.join(root, rel);
  if (file !== root && !file.startsWith(root + path.sep))
    throw new DeskFailure('NOT_FOUND', 'Not found.');
  if (!fs.existsSync(file) || fs.statSync(file).isDirectory()) file = path.join(root, 'index.html');
  const type = TYPES[path.extname(file)] ?? 'application/octet-stream';
  const body = fs.readFileSync(file);
  res.writeHead(200, {
    'Content-Type': type,
    'Content-Length': body.length,
    'Content-Security-Policy': CSP,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control':
      path.basename(file) === 'index.html' ? 'no-cache' : 'public, max-age=31536000, immutable',
  });
  res.end(body);
}
