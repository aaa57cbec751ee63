// electron-builder finds the packages to pack with `npm list`. npm trusts node_modules/.package-
// lock.json (the "hidden lockfile" npm install writes) only while no folder in node_modules is
// newer than it; otherwise it reads every package.json again and `npm list` reports each
// package's own devDependencies as missing, and electron-builder then leaves out packages the app
// needs (bindings, safer-buffer: better-sqlite3 and iconv-lite fail at run time). Vite and
// Vitest write their caches into node_modules (.vite, .vite-temp), which makes node_modules
// newer than the lockfile after any test or build. When caches are all that changed, the
// lockfile still describes node_modules exactly, and its time is brought up to date.
import fs from 'node:fs';
import path from 'node:path';

const TOOL_CACHES = new Set(['.vite', '.vite-temp', '.cache', '.package-lock.json']);

/** Returns null when the hidden lockfile can be trusted (now), or why it cannot. */
export function freshenHiddenLockfile(root) {
  const modules = path.join(root, 'node_modules');
  const lockfile = path.join(modules, '.package-lock.json');
  if (!fs.existsSync(lockfile)) return 'node_modules has no .package-lock.json: run npm install.';
  const written = fs.statSync(lockfile).mtimeMs;
  const changed = fs
    .readdirSync(modules)
    .filter((name) => !TOOL_CACHES.has(name))
    .filter((name) => fs.lstatSync(path.join(modules, name)).mtimeMs > written);
  if (changed.length > 0) {
    return `node_modules changed after the last npm install (${changed.slice(0, 3).join(', ')}): run npm install.`;
  }
  const now = new Date();
  fs.utimesSync(lockfile, now, now);
  return null;
}
