// Builds out/service (serve.js, pool-worker.js, the UI) once before any test starts a server,
// so parallel workers never race to build the same files. Where the Electron binary is
// installed, also the desktop app (out/main, out/preload) and better-sqlite3 for Electron, so
// the Electron project tests the app as built from these sources.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { electronBinary, ROOT } from './electron/electron-app';

export default async function globalSetup(): Promise<void> {
  // @ts-expect-error -- plain ESM build script without type declarations
  const { buildService } = (await import('../scripts/build-service.mjs')) as {
    buildService: (o: { quiet: boolean }) => Promise<boolean>;
  };
  await buildService({ quiet: true });
  if (!electronBinary()) return;
  for (const args of [
    [path.join(ROOT, 'scripts', 'electron-native.mjs')],
    [path.join(ROOT, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'],
  ]) {
    const result = spawnSync(process.execPath, args, { cwd: ROOT, stdio: 'inherit' });
    if (result.status !== 0) throw new Error(`${args.join(' ')} failed (exit ${result.status})`);
  }
}
