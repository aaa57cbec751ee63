// Bundles the Worker (and its metered twin) once for the whole run; every test file's Miniflare
// reads the files from the folder named in CLOUD_BUNDLE_DIR.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { BUNDLE_DIR_ENV, bundleWorker, ENTRIES, type EntryName } from './bundle';

export default async function setup(): Promise<() => Promise<void>> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'receipt-desk-cloud-'));
  for (const entry of Object.keys(ENTRIES) as EntryName[]) {
    await writeFile(path.join(dir, `${entry}.js`), await bundleWorker(entry));
  }
  process.env[BUNDLE_DIR_ENV] = dir;
  return () => rm(dir, { recursive: true, force: true });
}
