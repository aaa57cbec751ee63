/**
 * The Worker bundled for Miniflare with esbuild, as wrangler bundles it for a deploy: ES module,
 * workerd's package conditions, the page's files as text, and zod taken from this package
 * (wrangler.toml's [alias] does the same). Bundled once per test run by global-setup.ts, which
 * leaves the files in a folder named by CLOUD_BUNDLE_DIR; a process without that (a root test
 * importing the harness) bundles on first use.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';

export const CLOUD_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export const ENTRIES = {
  /** The Worker as deployed (wrangler.toml's main). */
  worker: path.join(CLOUD_DIR, 'src/index.ts'),
  /** The same with its D1 binding metered (test/worker/metered-worker.ts). */
  metered: path.join(CLOUD_DIR, 'test/worker/metered-worker.ts'),
} as const;
export type EntryName = keyof typeof ENTRIES;

export const BUNDLE_DIR_ENV = 'CLOUD_BUNDLE_DIR';

const pageScriptAsText: Plugin = {
  name: 'page-script-as-text',
  setup(b) {
    b.onLoad({ filter: /[\\/]page[\\/][^\\/]+\.js$/ }, async (args) => ({
      contents: await readFile(args.path, 'utf8'),
      loader: 'text',
    }));
  },
};

/** The bundled Worker module's source. */
export async function bundleWorker(entry: EntryName): Promise<string> {
  const result = await build({
    entryPoints: [ENTRIES[entry]],
    absWorkingDir: CLOUD_DIR,
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    target: 'es2022',
    conditions: ['workerd', 'worker', 'browser'],
    mainFields: ['module', 'main'],
    loader: { '.html': 'text', '.css': 'text' },
    plugins: [pageScriptAsText],
    // An alias resolves from the working directory: this package's zod, whoever imports it.
    alias: { zod: 'zod' },
    write: false,
    outfile: 'worker.js',
    logLevel: 'silent',
  });
  return result.outputFiles[0].text;
}

const cache = new Map<EntryName, Promise<string>>();

/** The bundle of `entry`: global setup's file when there is one, else bundled once here. */
export function workerScript(entry: EntryName): Promise<string> {
  let script = cache.get(entry);
  if (script === undefined) {
    const dir = process.env[BUNDLE_DIR_ENV];
    script = dir
      ? readFile(path.join(dir, `${entry}.js`), 'utf8').catch(() => bundleWorker(entry))
      : bundleWorker(entry);
    cache.set(entry, script);
  }
  return script;
}
