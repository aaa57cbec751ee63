// `npm run dist`: the installers for the current OS (electron-builder.yml: Windows NSIS, macOS
// dmg, Linux AppImage + deb) into dist/. Arguments after `--` go to electron-builder.
//
// It refuses at once, with one sentence, when a part the installer must carry is missing,
// rather than packing an app that cannot open its receipts:
//   - the Electron binary (offline installs skip its download): it is what gets packed, via
//     electronDist, so the installer carries exactly the Electron the app was built against;
//   - better-sqlite3 built for that Electron in .electron-native/ (scripts/electron-native.mjs,
//     run here first as `npm start` does; needs the internet once). node_modules/better-sqlite3
//     is never rebuilt: it stays the Node build that `npm test` and `npm run serve` load.
// Then: electron-vite build (out/), and electron-builder (which downloads its packaging tools
// for the platform on first use).
import { spawnSync } from 'node:child_process';
import { freshenHiddenLockfile } from './hidden-lockfile.mjs';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(path.join(root, 'package.json'));
const NATIVE_DIR = path.join(root, '.electron-native', 'better-sqlite3');

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

/** Where the installed electron package says its binary is, or null if it was never fetched. */
export function electronBinary() {
  try {
    // The package exports the binary's path, and throws when the download was skipped.
    const file = require('electron');
    return typeof file === 'string' && fs.existsSync(file) ? file : null;
  } catch {
    return null;
  }
}

/**
 * What is missing for an installer, as the one sentence to print, or null when nothing is.
 *   electronVersion   node_modules/electron's version (null: not installed)
 *   binary            the Electron binary's path (null: not downloaded)
 *   nativeStamp       .electron-native/better-sqlite3/built-for.json (null: absent)
 *   nativeBinary      whether the Electron build of better_sqlite3.node is there
 */
export function missingForDist({
  electronVersion,
  binary,
  nativeStamp,
  nativeBinary,
  platform,
  arch,
}) {
  if (!electronVersion) {
    return 'npm run dist needs the electron package, which is not installed: run npm install first.';
  }
  if (!binary) {
    return `npm run dist needs the Electron ${electronVersion} binary, which was never downloaded here (offline, or installed with ELECTRON_SKIP_BINARY_DOWNLOAD=1): run \`npm rebuild electron\` once with internet access, then npm run dist again.`;
  }
  const fits =
    nativeBinary &&
    nativeStamp?.electron === electronVersion &&
    nativeStamp?.platform === platform &&
    nativeStamp?.arch === arch;
  if (!fits) {
    return `npm run dist needs better-sqlite3 built for Electron ${electronVersion} (${platform}-${arch}) in .electron-native/, and it could not be built (offline, or no C++ toolchain; details in .electron-native/build.log): run npm run dist again with internet access.`;
  }
  return null;
}

function currentState() {
  return {
    electronVersion:
      readJson(path.join(root, 'node_modules', 'electron', 'package.json'))?.version ?? null,
    binary: electronBinary(),
    nativeStamp: readJson(path.join(NATIVE_DIR, 'built-for.json')),
    nativeBinary: fs.existsSync(path.join(NATIVE_DIR, 'build', 'Release', 'better_sqlite3.node')),
    platform: process.platform,
    arch: process.arch,
  };
}

function refuse(sentence) {
  process.stderr.write(`${sentence}\n`);
  process.exit(1);
}

function run(script, args) {
  const result = spawnSync(process.execPath, [script, ...args], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

async function main() {
  // Only the Electron check first: without the binary there is nothing worth building.
  const before = currentState();
  if (!before.electronVersion || !before.binary) refuse(missingForDist(before));

  run(path.join(root, 'scripts', 'electron-native.mjs'), []);
  const missing = missingForDist(currentState());
  if (missing) refuse(missing);

  run(path.join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), ['build']);
  const stale = freshenHiddenLockfile(root);
  if (stale) refuse(stale);
  // Pack the Electron that is installed (same version the app and better-sqlite3 were built
  // for) instead of downloading another copy; the folder holds the platform's binary.
  const electronDist =
    process.env.ELECTRON_OVERRIDE_DIST_PATH ?? path.join(root, 'node_modules', 'electron', 'dist');
  run(path.join(root, 'node_modules', 'electron-builder', 'cli.js'), [
    '--publish',
    'never',
    `-c.electronDist=${electronDist}`,
    ...process.argv.slice(2),
  ]);
  process.stdout.write(`Installers are in ${path.join(root, 'dist')}\n`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await main();
}
