/**
 * Makes sure the export folder exists and takes files, before a day is due: a folder the
 * manager cannot use shows up as a problem when it is chosen, not the next morning.
 */
import fs from 'node:fs/promises';

export async function folderReady(folder: string): Promise<void> {
  await fs.mkdir(folder, { recursive: true });
  await fs.access(folder, fs.constants.W_OK);
}
