/**
 * Reading a built app the way Node loads it: which packages its files import, found by Node's
 * own walk up the node_modules folders from each file, with the packages those depend on.
 */
import fs from 'node:fs';
import { isBuiltin } from 'node:module';
import path from 'node:path';
// @ts-expect-error -- plain ESM build script without type declarations
import * as distScript from '../../scripts/dist.mjs';

export interface DistState {
  electronVersion: string | null;
  binary: string | null;
  nativeStamp: { electron?: string; platform?: string; arch?: string } | null;
  nativeBinary: boolean;
  platform: string;
  arch: string;
}

/** scripts/dist.mjs's check: the sentence it refuses with, or null. */
export const missingForDist = (distScript as { missingForDist: (s: DistState) => string | null })
  .missingForDist;

export function electronVersion(root: string): string | undefined {
  const file = path.join(root, 'node_modules', 'electron', 'package.json');
  return (JSON.parse(fs.readFileSync(file, 'utf8')) as { version: string }).version;
}

const STATIC =
  /^(?:import\s*["']([^"']+)["']|(?:import|export)\b[^;'"]*?\bfrom\s*["']([^"']+)["'])/gmu;
const DYNAMIC = /\bimport\(\s*["']([^"']+)["']\s*\)/gu;

function specifiers(file: string): string[] {
  const code = fs.readFileSync(file, 'utf8');
  return [...code.matchAll(STATIC), ...code.matchAll(DYNAMIC)].map((m) => m[1] ?? m[2]);
}

/** "zod" -> "zod", "@scope/pkg/sub" -> "@scope/pkg". */
function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/** Node's walk: node_modules/<name> in the folder, then in each folder above it. */
function findPackage(name: string, fromDir: string): string | null {
  for (let dir = fromDir; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'node_modules', name);
    if (fs.existsSync(path.join(candidate, 'package.json'))) return candidate;
    if (path.dirname(dir) === dir) return null;
  }
}

interface PackageJson {
  name: string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
}

/**
 * The folders of every package the entry files need at run time: what they and the files they
 * import import, then those packages' dependencies (optional ones when installed; installOnly
 * lists, per package, dependencies used only to install it). Throws when one cannot be found.
 */
export function packageImports(
  entries: string[],
  installOnly: Record<string, string[]> = {},
): string[] {
  const seenFiles = new Set<string>();
  const packages = new Set<string>();
  const pending: { name: string; from: string; optional: boolean }[] = [];

  const visitFile = (file: string): void => {
    if (seenFiles.has(file)) return;
    seenFiles.add(file);
    for (const spec of specifiers(file)) {
      if (spec.startsWith('.')) {
        // Bundled packages carry their own sources' text ("from './types'" in a string or a
        // comment): only a file that is there is one the bundle loads.
        const target = path.resolve(path.dirname(file), spec);
        if (fs.statSync(target, { throwIfNoEntry: false })?.isFile()) visitFile(target);
      } else if (!isBuiltin(spec) && spec !== 'electron') {
        pending.push({ name: packageName(spec), from: path.dirname(file), optional: false });
      }
    }
  };
  entries.forEach(visitFile);

  while (pending.length > 0) {
    const { name, from, optional } = pending.pop()!;
    const dir = findPackage(name, from);
    if (!dir) {
      if (optional) continue;
      throw new Error(`${name}, needed from ${from}, cannot be found from there`);
    }
    if (packages.has(dir)) continue;
    packages.add(dir);
    const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as PackageJson;
    const skip = new Set(installOnly[pkg.name] ?? []);
    for (const dep of Object.keys(pkg.dependencies ?? {})) {
      if (!skip.has(dep)) pending.push({ name: dep, from: dir, optional: false });
    }
    for (const dep of Object.keys(pkg.optionalDependencies ?? {})) {
      if (!skip.has(dep)) pending.push({ name: dep, from: dir, optional: true });
    }
  }
  return [...packages];
}
