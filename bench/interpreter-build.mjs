// The interpreter at a given commit, bundled on its own (`node bench/interpreter.mjs --ref=HEAD`):
// the working tree is shared, and while someone rewrites the interpreter there, the committed
// one can still be measured, and the two compared. Bundles into out/bench/ (gitignored) from a
// `git archive` of src/ in a temp dir; the working tree is not touched.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleForNode } from './node-bundle.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Returns { file, commit } for the bundle of `entry` (a path under src/) at `ref`. */
export async function bundleAtRef(ref, entry) {
  const git = (args, opts = {}) =>
    execFileSync('git', args, { cwd: root, maxBuffer: 512 * 2 ** 20, ...opts });
  const commit = git(['rev-parse', '--short', `${ref}^{commit}`], { encoding: 'utf8' }).trim();
  const name = path.basename(path.dirname(entry));
  const file = path.join(root, 'out', 'bench', `${name}-${commit}.js`);
  if (fs.existsSync(file)) return { file, commit };
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'receipt-desk-bench-'));
  try {
    execFileSync('tar', ['-x', '-C', tmp], {
      input: git(['archive', '--format=tar', commit, 'src']),
    });
    await bundleForNode(path.join(tmp, entry), file);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  return { file, commit };
}
