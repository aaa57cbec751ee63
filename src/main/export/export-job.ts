/**
 * What the exports' one slot runs: a receipts export (ExportTask) or a job made by another
 * module (a range report), each numbered, followed, cancelled and handed over the same way.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { DeskError, DeskFailure, ExportJob } from '../../shared';
import { freeFileName } from './file-names';

export interface JobTask {
  readonly id: number;
  readonly format: ExportJob['format'];
  readonly running: boolean;
  /** The finished file, or null while running or after a failure. */
  readonly file: { path: string; fileName: string; bytes: number } | null;
  /** Settles (never rejects) when the job is done, failed or cancelled. */
  readonly finished: Promise<void>;
  /** Stops the job soon; its unfinished file is removed and `reason` reported. */
  cancel(reason: DeskFailure): void;
  snapshot(): ExportJob;
}

/**
 * A job's progress and finished file, kept and reported the same way by every job that writes a
 * file into the exports folder: the snapshot's progress fields and `file` read from here.
 */
export abstract class FileJob {
  protected state: ExportJob['state'] = 'running';
  protected done = 0;
  protected fileName: string | null = null;
  protected bytes: number | null = null;
  protected error: DeskError | null = null;
  protected cancelledBy: DeskFailure | null = null;

  constructor(
    protected total: number,
    private readonly fileDir: string,
  ) {}

  get running(): boolean {
    return this.state === 'running';
  }

  /** The finished file, or null while running or after a failure. */
  get file(): JobTask['file'] {
    if (this.state !== 'done' || !this.fileName) return null;
    return {
      path: path.join(this.fileDir, this.fileName),
      fileName: this.fileName,
      bytes: this.bytes ?? 0,
    };
  }

  /** The snapshot's progress fields, in the snapshot's order. */
  protected progress(): Pick<
    ExportJob,
    'state' | 'done' | 'total' | 'fileName' | 'bytes' | 'error'
  > {
    return {
      state: this.state,
      done: this.done,
      total: this.total,
      fileName: this.fileName,
      bytes: this.bytes,
      error: this.error,
    };
  }
}

const NO_LINKS = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EXDEV']);

/**
 * Gives a finished `.part` file the first free name `base[-n].ext` in `dir`, never over another
 * file: a hard link fails when the name was taken meanwhile (rename would replace it), and the
 * next name is tried. Returns the name.
 */
export async function publishFile(partPath: string, base: string, ext: string): Promise<string> {
  const dir = path.dirname(partPath);
  for (;;) {
    const name = freeFileName(dir, base, ext);
    try {
      await fs.link(partPath, path.join(dir, name));
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') continue;
      // File systems without hard links (FAT, some network shares): the name was free a moment
      // ago, which is what the exports did before.
      if (code && NO_LINKS.has(code)) {
        await fs.rename(partPath, path.join(dir, name));
        return name;
      }
      throw err;
    }
    await fs.rm(partPath, { force: true });
    return name;
  }
}
