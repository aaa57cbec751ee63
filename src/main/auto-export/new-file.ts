/**
 * Writes a file under a name no file in the folder has: `name.pdf`, else `name-2.pdf`, and so
 * on (the export module's naming). The bytes go to a `.part` file first and take their name by
 * a hard link, which fails rather than replace a file that appeared meanwhile, so nothing is
 * ever overwritten and no half-written report ever carries a report's name.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { freeFileName } from '../export';

/** Volumes without hard links (FAT, some network shares) answer these. */
const NO_LINKS = new Set(['EPERM', 'ENOTSUP', 'ENOSYS', 'EXDEV', 'EOPNOTSUPP']);

export async function writeNewFile(
  dir: string,
  base: string,
  ext: string,
  body: Buffer,
): Promise<string> {
  await fs.mkdir(dir, { recursive: true });
  const part = path.join(dir, `${base}.${ext}.part`);
  await fs.writeFile(part, body, { flush: true });
  try {
    for (;;) {
      const name = freeFileName(dir, base, ext);
      try {
        await claim(part, path.join(dir, name));
        return name;
      } catch (err) {
        // Taken between the look and the link: the next free name.
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      }
    }
  } finally {
    // Never hides the error that brought us here (a folder where the .part file should be).
    await fs.rm(part, { force: true }).catch(() => {});
  }
}

/** Gives `part`'s bytes the name `target`, failing with EEXIST when `target` exists. */
async function claim(part: string, target: string): Promise<void> {
  try {
    await fs.link(part, target);
  } catch (err) {
    if (!NO_LINKS.has((err as NodeJS.ErrnoException).code ?? '')) throw err;
    await fs.copyFile(part, target, fs.constants.COPYFILE_EXCL);
  }
}
