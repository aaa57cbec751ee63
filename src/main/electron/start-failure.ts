/** Turns whatever stopped the service from starting into a message the manager can act on. */
import { DeskFailure } from '../../shared';

/** packaged: an installed app, whose user cannot rebuild anything, only reinstall. */
export function startFailure(err: unknown, packaged = false): DeskFailure {
  if (err instanceof DeskFailure) return err;
  const message = err instanceof Error ? err.message : String(err);
  if (/NODE_MODULE_VERSION|different Node\.js version|better_sqlite3\.node/u.test(message)) {
    return new DeskFailure(
      'NATIVE_MODULE',
      packaged
        ? 'Part of Receipt Desk is missing or damaged (its database module). Install Receipt Desk again; the receipts already kept are not touched.'
        : `The database module is not built for this Electron (${process.versions.electron}). Run \`npm start\` once with internet access so scripts/electron-native.mjs can build it.`,
    );
  }
  return new DeskFailure('START_FAILED', `Receipt Desk could not start: ${message}`);
}
