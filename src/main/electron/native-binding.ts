/**
 * Which better-sqlite3 binary the service loads under Electron.
 *
 * node_modules/better-sqlite3 is compiled for Node (tests and `npm run serve` need that one).
 * Electron has its own ABI, so `npm start` runs scripts/electron-native.mjs first, which puts a
 * second copy built for the installed Electron into .electron-native/better-sqlite3/ and writes
 * .electron-native/better-sqlite3/built-for.json ({ electron, betterSqlite3, platform, arch }).
 * better-sqlite3's `nativeBinding` option then loads that file instead of the Node build.
 * A packaged app (electron-builder rebuilds node_modules for Electron itself) has no
 * .electron-native folder and uses the default binding.
 */
import fs from 'node:fs';
import path from 'node:path';

export const ELECTRON_NATIVE_DIR = '.electron-native';

export function electronNativeBinding(appPath: string): string | undefined {
  const electron = process.versions.electron;
  if (!electron) return undefined;
  const dir = path.join(appPath, ELECTRON_NATIVE_DIR, 'better-sqlite3');
  const binary = path.join(dir, 'build', 'Release', 'better_sqlite3.node');
  if (!fs.existsSync(binary)) return undefined;
  try {
    const stamp = JSON.parse(fs.readFileSync(path.join(dir, 'built-for.json'), 'utf8')) as {
      electron?: string;
    };
    if (stamp.electron !== electron) return undefined;
  } catch {
    return undefined;
  }
  return binary;
}
