/**
 * Which better-sqlite3 binary the service loads under Electron.
 *
 * node_modules/better-sqlite3 is compiled for Node (tests and `npm run serve` need that one).
 * Electron has its own ABI, so scripts/electron-native.mjs (run by `npm start` and `npm run dist`)
 * puts a second copy built for the installed Electron into .electron-native/better-sqlite3/ and
 * writes built-for.json ({ electron, betterSqlite3, platform, arch }) beside it. better-sqlite3's
 * `nativeBinding` option then loads that file instead of the Node build.
 *
 * Where it is:
 *   development   <app path>/.electron-native/better-sqlite3/build/Release/better_sqlite3.node
 *   installed     <resources>/electron-native/better-sqlite3/build/Release/better_sqlite3.node
 *                 (electron-builder.yml copies it there as an extraResource: outside the asar
 *                 archive, where worker threads and the OS loader can open it)
 * This file imports no electron, so the tests check the same path logic under Node.
 */
import fs from 'node:fs';
import path from 'node:path';

export const ELECTRON_NATIVE_DIR = '.electron-native';
/** The folder under process.resourcesPath in an installed app (electron-builder.yml). */
export const PACKAGED_NATIVE_DIR = 'electron-native';
const BINARY = path.join('better-sqlite3', 'build', 'Release', 'better_sqlite3.node');
const STAMP = path.join('better-sqlite3', 'built-for.json');

export interface NativeBindingPlaces {
  /** process.versions.electron; undefined under plain Node, where the default build is right. */
  electronVersion: string | undefined;
  /** app.getAppPath(): the repository in development, .../resources/app.asar when installed. */
  appPath: string;
  /** process.resourcesPath: the installed app's resources folder. */
  resourcesPath?: string;
}

/** The Electron build of better-sqlite3 if one made for this very Electron is present. */
export function findNativeBinding({
  electronVersion,
  appPath,
  resourcesPath,
}: NativeBindingPlaces): string | undefined {
  if (!electronVersion) return undefined;
  const roots = [
    ...(resourcesPath ? [path.join(resourcesPath, PACKAGED_NATIVE_DIR)] : []),
    path.join(appPath, ELECTRON_NATIVE_DIR),
  ];
  for (const root of roots) {
    const binary = path.join(root, BINARY);
    if (fs.existsSync(binary) && builtFor(path.join(root, STAMP)) === electronVersion) {
      return binary;
    }
  }
  return undefined;
}

function builtFor(stampFile: string): string | undefined {
  try {
    const stamp = JSON.parse(fs.readFileSync(stampFile, 'utf8')) as { electron?: unknown };
    return typeof stamp.electron === 'string' ? stamp.electron : undefined;
  } catch {
    return undefined;
  }
}

export function electronNativeBinding(appPath: string, resourcesPath?: string): string | undefined {
  return findNativeBinding({ electronVersion: process.versions.electron, appPath, resourcesPath });
}
