// Builds what `npm run serve`, the tests and the benchmark run under plain Node:
//   out/service/serve.js        the headless service
//   out/service/pool-worker.js  the worker entry piscina loads (one built file, never TS at run time)
//   out/service/store-writer.js the writer thread that owns the receipts file
//   out/service/escpos.js       the receipt interpreter alone (bench/interpreter.mjs times it)
//   out/renderer/               the browser UI (the same build the Electron window loads)
// Skips the work when the outputs are newer than every source file (pass --force to rebuild).
import { build as esbuild } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const stamp = path.join(root, 'out', 'service', '.build-stamp');

function newestSource() {
  let newest = 0;
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else newest = Math.max(newest, fs.statSync(full).mtimeMs);
    }
  };
  walk(path.join(root, 'src'));
  for (const f of ['package.json', 'vite.renderer.config.ts', 'scripts/build-service.mjs']) {
    newest = Math.max(newest, fs.statSync(path.join(root, f)).mtimeMs);
  }
  return newest;
}

export function isFresh() {
  return fs.existsSync(stamp) && fs.statSync(stamp).mtimeMs >= newestSource();
}

export async function buildService({ force = false, quiet = false } = {}) {
  if (!force && isFresh()) return false;
  const started = Date.now();
  const outdir = path.join(root, 'out', 'service');
  await esbuild({
    entryPoints: {
      serve: path.join(root, 'src/main/serve.ts'),
      'pool-worker': path.join(root, 'src/main/pool/worker.ts'),
      'store-writer': path.join(root, 'src/main/store/writer-thread.ts'),
      escpos: path.join(root, 'src/main/escpos/index.ts'),
    },
    outdir,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: true,
    logLevel: quiet ? 'error' : 'warning',
  });
  const { build: viteBuild } = await import('vite');
  // Vite keeps a NODE_ENV it finds set, and Vitest (which builds this for the browser tests) sets
  // it to "test": React's development build then ships to the page. The page is always built as
  // users get it, so tests and benchmarks see the real one.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await viteBuild({
      configFile: path.join(root, 'vite.renderer.config.ts'),
      mode: 'production',
      logLevel: quiet ? 'error' : 'warn',
    });
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
  fs.writeFileSync(stamp, new Date().toISOString());
  if (!quiet) process.stderr.write(`Built the service and UI in ${Date.now() - started} ms\n`);
  return true;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await buildService({ force: process.argv.includes('--force') });
}
