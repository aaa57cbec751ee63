/**
 * The installers, as far as this machine can check them without the Electron binary: the app is
 * built with electron-vite and packed by the real electron-builder from electron-builder.yml
 * (its `dir` target: the folder every installer wraps), in a temporary copy of the project.
 * Two stand-ins, for what cannot be downloaded here: an empty file where Electron's binary goes
 * (only copied, never run) and one where the Electron build of better-sqlite3 goes. Then the
 * packed folder is read the way the installed app reads it at run time.
 */
import { listPackage, statFile } from '@electron/asar';
import { getConfig } from 'app-builder-lib/out/util/config/config';
import { execFile, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs script, shared with `npm run dist`
import { freshenHiddenLockfile } from '../scripts/hidden-lockfile.mjs';
import { findNativeBinding } from '../src/main/electron/native-binding';
import { APP_ID, trayIconFiles, unpackedPath } from '../src/main/electron/packaged-layout';
import { electronVersion, missingForDist, packageImports } from './helpers/packaging';

const ROOT = path.resolve(import.meta.dirname, '..');
const run = promisify(execFile);
/** The thread entries service.ts starts (electron.vite.config.ts builds them as inputs). */
const THREAD_ENTRIES = ['pool-worker.js', 'store-writer.js'];
/** Needed only to install a package, never at run time; left out of the app on purpose. */
const INSTALL_ONLY: Record<string, string[]> = { 'better-sqlite3': ['prebuild-install'] };

let work: string;
let project: string;
let resources: string;
let archive: string;
let entries: Set<string>;

beforeAll(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'receipt-desk-pack-'));
  project = path.join(work, 'project');
  fs.mkdirSync(project);
  for (const file of ['package.json', 'package-lock.json', 'electron-builder.yml']) {
    fs.copyFileSync(path.join(ROOT, file), path.join(project, file));
  }
  // What a working copy holds besides the app, so the test sees it left behind.
  for (const dir of ['resources', 'src', 'test', 'e2e', 'bench', 'scripts']) {
    fs.cpSync(path.join(ROOT, dir), path.join(project, dir), {
      recursive: true,
      filter: (src) => !src.includes(`${path.sep}results${path.sep}`),
    });
  }
  fs.symlinkSync(
    fs.realpathSync(path.join(ROOT, 'node_modules')),
    path.join(project, 'node_modules'),
  );
  // The desktop build, plus the headless one (out/service) a working copy also has.
  await run(
    process.execPath,
    [
      path.join(ROOT, 'node_modules/electron-vite/bin/electron-vite.js'),
      'build',
      '--outDir',
      path.join(project, 'out'),
    ],
    { cwd: ROOT },
  );
  fs.cpSync(path.join(ROOT, 'out', 'service'), path.join(project, 'out', 'service'), {
    recursive: true,
  });

  const version = electronVersion(ROOT)!;
  const native = path.join(project, '.electron-native', 'better-sqlite3');
  fs.mkdirSync(path.join(native, 'build', 'Release'), { recursive: true });
  fs.writeFileSync(path.join(native, 'build', 'Release', 'better_sqlite3.node'), 'stand-in');
  fs.writeFileSync(
    path.join(native, 'built-for.json'),
    JSON.stringify({ electron: version, platform: process.platform, arch: process.arch }),
  );
  const electronDist = path.join(work, 'electron-dist');
  fs.mkdirSync(electronDist);
  fs.writeFileSync(path.join(electronDist, 'electron'), 'stand-in');

  // As `npm run dist` does: tests and builds leave Vite's caches in node_modules.
  expect(freshenHiddenLockfile(ROOT)).toBeNull();
  await run(
    process.execPath,
    [
      path.join(ROOT, 'node_modules/electron-builder/cli.js'),
      '--linux',
      'dir',
      '--publish',
      'never',
      `-c.electronDist=${electronDist}`,
    ],
    { cwd: project, maxBuffer: 16 * 1024 * 1024 },
  );
  resources = path.join(project, 'dist', 'linux-unpacked', 'resources');
  archive = path.join(resources, 'app.asar');
  entries = new Set(listPackage(archive, { isPack: false }).map((p) => p.replaceAll('\\', '/')));
}, 240_000);

afterAll(() => {
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

const inArchive = (file: string): boolean => entries.has(`/${file.replaceAll('\\', '/')}`);
const unpacked = (file: string): boolean =>
  inArchive(file) &&
  statFile(archive, file).unpacked === true &&
  fs.existsSync(path.join(`${archive}.unpacked`, file));

describe('the packed app (electron-builder.yml)', () => {
  it('holds the main bundle, the preload and the page the window loads', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
      main: string;
    };
    for (const file of [pkg.main, 'out/preload/index.cjs', 'out/renderer/index.html']) {
      expect(inArchive(file), file).toBe(true);
    }
  });

  it('leaves sources, tests, benchmarks, the headless build and source maps behind', () => {
    const strays = [...entries].filter(
      (p) =>
        /^\/(src|test|e2e|bench|scripts|out\/service|\.electron-native)(\/|$)/u.test(p) ||
        p.endsWith('.map'),
    );
    expect(strays).toEqual([]);
  });

  it('unpacks the thread entries and every package they import, found from the unpacked folder', () => {
    const workerDir = unpackedPath(path.join(archive, 'out', 'main'));
    expect(workerDir).toBe(path.join(`${archive}.unpacked`, 'out', 'main'));
    for (const entry of THREAD_ENTRIES) {
      expect(fs.existsSync(path.join(workerDir, entry)), entry).toBe(true);
      // A file outside the archive finds packages only outside it: each must resolve there.
      for (const dir of packageImports([path.join(workerDir, entry)], INSTALL_ONLY)) {
        expect(dir.startsWith(`${archive}.unpacked${path.sep}`), dir).toBe(true);
      }
    }
    // piscina starts every pool thread from its own worker file.
    expect(unpacked('node_modules/piscina/dist/worker.js')).toBe(true);
  });

  it('packs exactly the packages the main process and its threads import (the page bundles its own)', () => {
    // Resolved in the project's node_modules, as the packager sees them.
    const built = ['index.js', ...THREAD_ENTRIES].map((e) => path.join(project, 'out', 'main', e));
    const needed = new Set(
      packageImports(built, INSTALL_ONLY).map((dir) =>
        path.relative(project, dir).replaceAll('\\', '/'),
      ),
    );
    const packed = new Set(
      [...entries]
        .map((p) => /^\/(node_modules\/(?:@[^/]+\/)?[^/@][^/]*)\/package\.json$/u.exec(p)?.[1])
        .filter((p): p is string => !!p),
    );
    expect([...packed].sort()).toEqual([...needed].sort());
  });

  it("ships better-sqlite3's Electron build beside the archive, where native-binding.ts looks", () => {
    const binding = findNativeBinding({
      electronVersion: electronVersion(ROOT),
      appPath: archive,
      resourcesPath: resources,
    });
    expect(binding).toBe(
      path.join(
        resources,
        'electron-native',
        'better-sqlite3',
        'build',
        'Release',
        'better_sqlite3.node',
      ),
    );
    // ...and not the Node build from node_modules, which Electron cannot load.
    const nodeBuild = [...entries].filter((p) =>
      p.startsWith('/node_modules/better-sqlite3/build'),
    );
    expect(nodeBuild).toEqual([]);
  });

  it('holds the tray pictures the tray reads on every platform', () => {
    for (const platform of ['darwin', 'win32', 'linux'] as const) {
      for (const file of trayIconFiles(platform)) expect(inArchive(file), file).toBe(true);
    }
  });

  it('takes something from the build with every pattern it lists', async () => {
    const config = await getConfig(ROOT, null, null);
    // electron-builder hands patterns back as strings or as file sets ({ filter: [...] }).
    const strings = (list: unknown): string[] =>
      (Array.isArray(list) ? list : [list]).flatMap((item: unknown) =>
        typeof item === 'string' ? [item] : ((item as { filter?: string[] } | null)?.filter ?? []),
      );
    const packed = [...entries].map((p) => p.slice(1));
    expect(strings(config.files)).toContain('package.json');
    for (const pattern of strings(config.files).filter((p) => !p.startsWith('!'))) {
      expect(
        packed.some((p) => path.matchesGlob(p, pattern)),
        `files: ${pattern}`,
      ).toBe(true);
    }
    const unpackedFiles = fs
      .readdirSync(`${archive}.unpacked`, { recursive: true, encoding: 'utf8' })
      .map((p) => p.replaceAll('\\', '/'));
    for (const pattern of strings(config.asarUnpack)) {
      expect(
        unpackedFiles.some((p) => path.matchesGlob(p, pattern)),
        `asarUnpack: ${pattern}`,
      ).toBe(true);
    }
    const extra = (Array.isArray(config.extraResources) ? config.extraResources : []) as {
      to: string;
      filter: string[];
    }[];
    expect(extra.length).toBeGreaterThan(0);
    for (const { to, filter } of extra) {
      for (const file of filter) {
        expect(fs.existsSync(path.join(resources, to, file)), `extraResources: ${file}`).toBe(true);
      }
    }
  });

  it('gives the app the id the main process registers for Windows notifications', async () => {
    const config = await getConfig(ROOT, null, null);
    expect(config.appId).toBe(APP_ID);
  });
});

describe('native-binding.ts', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'receipt-desk-binding-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  function place(root: string, electron: string): string {
    const binary = path.join(root, 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');
    fs.mkdirSync(path.dirname(binary), { recursive: true });
    fs.writeFileSync(binary, '');
    fs.writeFileSync(
      path.join(root, 'better-sqlite3', 'built-for.json'),
      JSON.stringify({ electron }),
    );
    return binary;
  }

  it('uses the build made for this Electron: installed, else the development copy', () => {
    const resourcesPath = path.join(dir, 'installed', 'resources');
    const appPath = path.join(dir, 'repo');
    const dev = place(path.join(appPath, '.electron-native'), '38.0.0');
    expect(findNativeBinding({ electronVersion: '38.0.0', appPath, resourcesPath })).toBe(dev);
    const installed = place(path.join(resourcesPath, 'electron-native'), '38.0.0');
    expect(findNativeBinding({ electronVersion: '38.0.0', appPath, resourcesPath })).toBe(
      installed,
    );
  });

  it('never hands over a build for another Electron, nor any under plain Node', () => {
    const appPath = path.join(dir, 'old');
    place(path.join(appPath, '.electron-native'), '37.1.0');
    expect(findNativeBinding({ electronVersion: '38.0.0', appPath })).toBeUndefined();
    expect(findNativeBinding({ electronVersion: undefined, appPath })).toBeUndefined();
  });
});

describe('npm run dist', () => {
  it('refuses at once, in one sentence, where the Electron binary was never downloaded', () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'receipt-desk-no-electron-'));
    try {
      // electron's package looks for its binary here instead: an offline install, on any machine.
      const result = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'dist.mjs')], {
        cwd: ROOT,
        env: { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: empty },
        encoding: 'utf8',
        timeout: 30_000,
      });
      expect(result.status).toBe(1);
      expect(result.stdout).toBe('');
      expect(result.stderr.trim().split('\n')).toEqual([
        expect.stringMatching(/^npm run dist needs the Electron [\d.]+ binary, .*internet access/u),
      ]);
    } finally {
      fs.rmSync(empty, { recursive: true, force: true });
    }
  });

  it('says which part is missing when better-sqlite3 is not built for this Electron', () => {
    const base = {
      electronVersion: '38.8.6',
      binary: '/opt/electron/electron',
      nativeBinary: true,
      nativeStamp: { electron: '38.8.6', platform: 'linux', arch: 'x64' },
      platform: 'linux',
      arch: 'x64',
    };
    expect(missingForDist(base)).toBeNull();
    const native = /^npm run dist needs better-sqlite3 built for Electron 38\.8\.6 \(linux-x64\)/u;
    expect(missingForDist({ ...base, nativeBinary: false })).toMatch(native);
    expect(missingForDist({ ...base, nativeStamp: null })).toMatch(native);
    expect(
      missingForDist({ ...base, nativeStamp: { ...base.nativeStamp, electron: '37.2.0' } }),
    ).toMatch(native);
    expect(
      missingForDist({ ...base, nativeStamp: { ...base.nativeStamp, arch: 'arm64' } }),
    ).toMatch(native);
    expect(missingForDist({ ...base, binary: null })).toMatch(
      /needs the Electron 38\.8\.6 binary/u,
    );
  });
});
