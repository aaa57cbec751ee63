// Bundles a bench entry and the sources it imports into one ES module for this Node (20), with
// packages left to this checkout's node_modules, as out/service is built. Every bench that runs
// the working tree's code in a process of its own bundles it this way.
import { build } from 'esbuild';

/** Writes the bundle of `entry` to `outfile`. */
export async function bundleForNode(entry, outfile) {
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'error',
  });
}
