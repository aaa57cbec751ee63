/**
 * The owner's page (src/page/): static, under a policy that lets it load only its own script
 * and styles and talk only to this Worker, so nothing a receipt says can run in it.
 */
import css from './page/dashboard.css';
import html from './page/dashboard.html';
import script from './page/dashboard.js';

const POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "connect-src 'self'",
  "img-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const FILES: Record<string, { body: string; type: string }> = {
  '/': { body: html, type: 'text/html; charset=utf-8' },
  '/dashboard.js': { body: script, type: 'text/javascript; charset=utf-8' },
  '/dashboard.css': { body: css, type: 'text/css; charset=utf-8' },
};

/** The page's file at `path`, or null. */
export function pageFile(path: string): Response | null {
  const file = FILES[path];
  if (file === undefined) return null;
  return new Response(file.body, {
    headers: {
      'Content-Type': file.type,
      'Content-Security-Policy': POLICY,
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'X-Frame-Options': 'DENY',
      'Cache-Control': 'no-cache',
    },
  });
}
