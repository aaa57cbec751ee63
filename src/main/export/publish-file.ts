/**
 * A finished file takes its name without ever replacing another: its bytes are written to a
 * `.part` file first, and the first free name `base[-n].ext` is claimed by a hard link, which
 * fails when the name was taken meanwhile (a rename would replace it) so the next one is tried.
 * Exports, range reports, saved daily reports and the automatic export all publish this way.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { freeFileName } from './file-names';

/** Volumes without hard links (FAT, some network shares) answer these. */
const NO_LINKS = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EXDEV']);

/** Gives a finished `.part` file the first free name in its folder; returns the name. */
export async function publishFile(partPath: string, base: string, ext: string): Promise<string> {
  const dir = path.dirname(partPath);
  for (;;) {
    const name = freeFileName(dir, base, ext);
    try {
      await claim(partPath, path.join(dir, name));
    } catch (err) {
      // Taken between the look and the claim: the next free name.
      if ((err as NodeJS.ErrnoException).code === 'EEXIST') continue;
      throw err;
    }
    await fs.rm(partPath, { force: true });
    return name;
  }
}

/**
 * Writes `body` into `dir` as `base.ext`, or `base-2.ext` and so on when taken, whole or not at
 * all (its `.part` file is removed whatever happens); returns the name.
 */
export async function writeNewFile(
  dir: string,
  base: string,
  ext: string,
  body: Buffer,
): Promise<string> {
  await fs.mkdir(dir, { recursive: true });
  const part = path.join(dir, `${base}.${ext}.part`);
  try {
    await fs.writeFile(part, body, { flush: true });
    return await publishFile(part, base, ext);
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
    // No hard links here: an exclusive copy still never replaces a file.
    await fs.copyFile(part, target, fs.constants.COPYFILE_EXCL);
  }
}
