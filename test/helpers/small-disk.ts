/**
 * Fault fixture: a full disk on purpose. A small tmpfs to put a data dir on, and a filler file
 * that fills it up and is removed again. Mounting needs Linux and root (as here and in CI);
 * where it is not allowed, mountSmallDisk says why, for the test to skip with that line.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface SmallDisk {
  /** The mount point: put data dirs under it. */
  dir: string;
  /** Fills the disk with the filler file, then gives `leave` bytes back. */
  fill(leave?: number): void;
  /** Removes the filler: the disk has room again. */
  free(): void;
  unmount(): void;
}

/** Mounts a tmpfs of `sizeMiB`; returns the reason instead where that is not possible. */
export function mountSmallDisk(sizeMiB = 8): SmallDisk | string {
  if (process.platform !== 'linux') return 'a tmpfs to fill needs Linux';
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'receipt-desk-small-disk-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeMiB}m`, 'tmpfs', dir], {
      stdio: 'pipe',
    });
  } catch (err) {
    fs.rmSync(dir, { recursive: true, force: true });
    const said = (err as { stderr?: Buffer }).stderr?.toString().trim().split('\n')[0];
    return `mounting a tmpfs is not permitted here (${said || (err as Error).message})`;
  }
  const filler = path.join(dir, 'filler.bin');
  return {
    dir,
    fill(leave = 0) {
      const fd = fs.openSync(filler, 'w');
      const chunk = Buffer.alloc(64 * 1024, 0xaa);
      let size = 0;
      try {
        for (;;) size += fs.writeSync(fd, chunk);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ENOSPC') throw err;
      }
      if (leave > 0) fs.ftruncateSync(fd, Math.max(0, size - leave));
      fs.closeSync(fd);
    },
    free() {
      fs.rmSync(filler, { force: true });
    },
    unmount() {
      execFileSync('umount', [dir]);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
