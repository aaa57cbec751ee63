/**
 * What the exports' one slot runs: a receipts export (ExportTask) or a job made by another
 * module (a range report), each numbered, followed, cancelled and handed over the same way.
 */
import path from 'node:path';
import type { DeskError, DeskFailure, ExportJob } from '../../shared';

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
