// Builds a second copy of better-sqlite3 for Electron's ABI, kept apart from the Node build in
// node_modules that the tests and `npm run serve` load. `npm start` runs this before
// electron-vite dev; src/main/electron/native-binding.ts hands the result to better-sqlite3 as
// its `nativeBinding` option when running under Electron.
//
//   .electron-native/better-sqlite3/                     copy of node_modules/better-sqlite3
//   .electron-native/better-sqlite3/build/Release/better_sqlite3.node   built for Electron
//   .electron-native/better-sqlite3/built-for.json       what it was built for (skip if same)
//   .electron-native/build.log                           output of the last attempt
//
// How, in order (both need the internet the first time):
//   1. prebuild-install --runtime electron --target <electron version>: better-sqlite3's own
//      prebuilt binary for that Electron from its GitHub release (no compiler needed);
//   2. node-gyp rebuild --target=<electron version> --dist-url=https://electronjs.org/headers,
//      Electron's documented manual build ("Using Native Node Modules"), with the headers kept in
//      .electron-native/gyp (node-gyp --devdir) so they never mix with Node's.
// npm_config_nodedir and friends are dropped from the child environment: npm passes them down
// from .npmrc and node-gyp would otherwise build against Node's headers (the wrong ABI).
// Offline (or without a compiler) it prints one line and exits 0, so `npm start` still runs;
// the app then shows a NATIVE_MODULE error that says to run `npm start` online once.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(path.join(root, 'package.json'));
const outDir = path.join(root, '.electron-native');
const copyDir = path.join(outDir, 'better-sqlite3');
const binary = path.join(copyDir, 'build', 'Release', 'better_sqlite3.node');
const stampFile = path.join(copyDir, 'built-for.json');
const logFile = path.join(outDir, 'build.log');
const HEADERS_URL = 'https://electronjs.org/headers';

function say(line) {
  process.stdout.write(`electron-native: ${line}\n`);
}

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

function cleanEnv() {
  const env = { ...process.env };
  for (const key of Object.keys(env)) {
    if (
      /^npm_config_(nodedir|target|target_arch|arch|runtime|disturl|dist_url|build_from_source|devdir)$/iu.test(
        key,
      )
    ) {
      delete env[key];
    }
  }
  return env;
}

function run(label, args, timeoutMs) {
  const result = spawnSync(process.execPath, args, {
    cwd: copyDir,
    env: cleanEnv(),
    encoding: 'utf8',
    timeout: timeoutMs,
  });
  fs.appendFileSync(
    logFile,
    `\n$ ${label}: node ${args.join(' ')}\n${result.stdout ?? ''}${result.stderr ?? ''}${
      result.error ? `${result.error.message}\n` : ''
    }exit ${result.status}\n`,
  );
  return result.status === 0 && fs.existsSync(binary);
}

function nodeGypScript() {
  // npm ships node-gyp; under `npm start` npm_execpath points at npm's own cli script.
  const candidates = [
    process.env.npm_execpath &&
      path.join(
        path.dirname(process.env.npm_execpath),
        '..',
        'node_modules',
        'node-gyp',
        'bin',
        'node-gyp.js',
      ),
    path.join(
      path.dirname(process.execPath),
      '..',
      'lib',
      'node_modules',
      'npm',
      'node_modules',
      'node-gyp',
      'bin',
      'node-gyp.js',
    ),
  ];
  try {
    candidates.unshift(require.resolve('node-gyp/bin/node-gyp.js'));
  } catch {
    // not a dependency of ours; npm's copy will do
  }
  return candidates.find((file) => file && fs.existsSync(file)) ?? null;
}

async function reachable(url) {
  try {
    const res = await fetch(url, { method: 'HEAD', signal: AbortSignal.timeout(8_000) });
    return res.status < 500;
  } catch {
    return false;
  }
}

async function main() {
  const electron = readJson(path.join(root, 'node_modules', 'electron', 'package.json'))?.version;
  const sqliteDir = path.join(root, 'node_modules', 'better-sqlite3');
  const sqlite = readJson(path.join(sqliteDir, 'package.json'))?.version;
  if (!electron || !sqlite) {
    say('electron or better-sqlite3 is not installed (run npm install); nothing to build.');
    return;
  }
  const wanted = {
    electron,
    betterSqlite3: sqlite,
    platform: process.platform,
    arch: process.arch,
  };
  const stamp = readJson(stampFile);
  if (stamp && fs.existsSync(binary) && Object.entries(wanted).every(([k, v]) => stamp[k] === v)) {
    return; // already built for this Electron
  }

  fs.rmSync(copyDir, { recursive: true, force: true });
  fs.mkdirSync(outDir, { recursive: true });
  fs.writeFileSync(
    logFile,
    `better-sqlite3 ${sqlite} for Electron ${electron} (${process.platform}-${process.arch})\n`,
  );
  // The sources and package.json, without the Node build (build/ is recreated for Electron).
  fs.cpSync(sqliteDir, copyDir, {
    recursive: true,
    filter: (src) => path.relative(sqliteDir, src).split(path.sep)[0] !== 'build',
  });

  let built = false;
  try {
    const prebuild = require.resolve('prebuild-install/bin.js', { paths: [sqliteDir] });
    built = run(
      'prebuilt binary',
      [
        prebuild,
        '--runtime',
        'electron',
        '--target',
        electron,
        '--arch',
        process.arch,
        '--platform',
        process.platform,
      ],
      120_000,
    );
  } catch {
    fs.appendFileSync(logFile, 'prebuild-install is not installed; compiling instead\n');
  }
  if (!built) {
    const gyp = nodeGypScript();
    const devdir = path.join(outDir, 'gyp');
    const haveHeaders = fs.existsSync(path.join(devdir, electron));
    if (gyp && (haveHeaders || (await reachable(`${HEADERS_URL}/v${electron}/SHASUMS256.txt`)))) {
      built = run(
        'compile',
        [
          gyp,
          'rebuild',
          '--release',
          `--target=${electron}`,
          `--arch=${process.arch}`,
          `--dist-url=${HEADERS_URL}`,
          `--devdir=${devdir}`,
        ],
        900_000,
      );
    }
  }
  if (!built) {
    say(
      `could not build better-sqlite3 for Electron ${electron} (offline, or no C++ toolchain); the desktop app needs it, npm test and npm run serve do not. Details: ${path.relative(root, logFile)}`,
    );
    return;
  }
  fs.writeFileSync(stampFile, `${JSON.stringify(wanted, null, 2)}\n`);
  say(
    `built better-sqlite3 ${sqlite} for Electron ${electron} into ${path.relative(root, binary)}`,
  );
}

await main();
