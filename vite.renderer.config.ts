import react from '@vitejs/plugin-react';
import { resolve } from 'node:path';
import { defineConfig, type Plugin } from 'vite';

/**
 * The built page carries its Content-Security-Policy as a meta tag: the Electron window loads it
 * from file://, where there are no response headers (the HTTP server also sends the same policy
 * as a header). Build only: Vite's dev server needs an inline script for React refresh.
 * frame-ancestors is header-only, so it is left out here.
 */
const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; object-src 'none'; base-uri 'none'";

function contentSecurityPolicy(): Plugin {
  return {
    name: 'receipt-desk-csp',
    apply: 'build',
    transformIndexHtml: () => [
      {
        tag: 'meta',
        attrs: { 'http-equiv': 'Content-Security-Policy', content: CSP },
        injectTo: 'head-prepend',
      },
    ],
  };
}

/** The renderer build, shared by electron-vite (window) and `npm run serve` (browser). */
export default defineConfig({
  root: resolve(import.meta.dirname, 'src/renderer'),
  base: './',
  plugins: [react(), contentSecurityPolicy()],
  build: {
    outDir: resolve(import.meta.dirname, 'out/renderer'),
    emptyOutDir: true,
  },
});
