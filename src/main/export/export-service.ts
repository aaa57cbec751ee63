/**
 * The exports of this run: one written at a time (a second start meanwhile answers BUSY), the
 * last few remembered so the screen can follow them and hand their files over. Files live in
 * `<data folder>/exports/`; a client names a job, never a path.
 */
import fs from 'node:fs';
import path from 'node:path';
import type {
  ExportHandoff,
  ExportJob,
  ExportPreview,
  ExportRange,
  ExportRequest,
} from '../../shared';
import { DeskFailure, EXPORT_ZIP_MAX_RECEIPTS } from '../../shared';
import type { ExportQueries } from '../store';
import type { JobTask } from './export-job';
import { ExportTask } from './export-task';

/** fflate writes no ZIP64: below 65,535 entries (one is the manifest) and 4 GiB. */
export const MAX_ZIP_RECEIPTS = EXPORT_ZIP_MAX_RECEIPTS;
export const MAX_ZIP_BYTES = 3.5 * 1024 ** 3;

const JOBS_REMEMBERED = 20;
const HOUR_MS = 3600 * 1000;
/** A count is cut into at most this many pieces, with a turn of the event loop between them. */
const COUNT_PIECES = 2000;

export interface ExportServiceOptions {
  /** The exports folder (made when the first export starts). */
  dir: string;
  queries: ExportQueries;
  /** Receipts read from the file at a time (default 200). */
  pageSize?: number;
  yieldNow?: () => Promise<void>;
  now?: () => number;
}

export interface ExportedFile {
  path: string;
  fileName: string;
  bytes: number;
  format: ExportJob['format'];
}

export class ExportService {
  private readonly tasks = new Map<number, JobTask>();
  private current: JobTask | null = null;
  /** An export being counted before it starts, or running: the one slot is taken. */
  private busy: Promise<unknown> | null = null;
  private nextId = 1;
  private stopped = false;

  constructor(private readonly options: ExportServiceOptions) {
    removeLeftovers(options.dir);
  }

  get dir(): string {
    return this.options.dir;
  }

  async preview(range: ExportRange): Promise<ExportPreview> {
    checkRange(range);
    const { receipts, bytes } = await this.count(range, Number.MAX_SAFE_INTEGER);
    return { receipts, bytes };
  }

  /** Counts the range (the total to show progress against), then starts writing. */
  async start(request: ExportRequest): Promise<ExportJob> {
    checkRange(request);
    return this.run(async (id) => {
      const counted = await this.count(request, this.options.queries.maxId());
      if (request.format === 'zip') checkZipSize(counted.receipts, counted.bytes);
      return new ExportTask(id, { ...request }, counted.upToId, counted.receipts, {
        queries: this.options.queries,
        dir: this.options.dir,
        pageSize: this.options.pageSize ?? 200,
        yieldNow: this.options.yieldNow ?? (() => new Promise((resolve) => setImmediate(resolve))),
        now: this.options.now ?? Date.now,
      });
    });
  }

  /**
   * Runs a job another module makes (a range report) in the same one slot: numbered, followed
   * with get(), stopped with cancel(), handed over with open() and file() like an export.
   */
  async run(make: (id: number) => Promise<JobTask>): Promise<ExportJob> {
    if (this.stopped) throw stopping();
    if (this.busy) {
      throw new DeskFailure(
        'BUSY',
        'Another export is being written. Wait for it to finish, then start this one.',
      );
    }
    const making = make(this.nextId);
    this.busy = making;
    let task: JobTask;
    try {
      task = await making;
      if (this.stopped) {
        // Closed while it was being counted: it stops before it writes, and leaves no file.
        task.cancel(stopping());
        await task.finished;
        throw stopping();
      }
    } catch (err) {
      this.busy = null;
      throw err;
    }
    this.nextId++;
    this.current = task;
    this.tasks.set(task.id, task);
    for (const id of this.tasks.keys()) {
      if (this.tasks.size <= JOBS_REMEMBERED) break;
      if (this.tasks.get(id) !== task) this.tasks.delete(id);
    }
    this.busy = task.finished.then(() => (this.busy = null));
    return task.snapshot();
  }

  /** Stops a running export; resolves once its unfinished file is gone. */
  async cancel(id: number): Promise<ExportJob> {
    const task = this.task(id);
    task.cancel(
      new DeskFailure(
        'CANCELLED',
        'You cancelled this export, so no file was kept. Start it again to make the file.',
      ),
    );
    await task.finished;
    return task.snapshot();
  }

  /**
   * Receipts and bytes in the range, counted a piece at a time: a day of 100,000 receipts costs
   * tens of milliseconds to count, which would hold the printer ports up in one go.
   */
  private async count(
    range: ExportRange,
    upToId: number,
  ): Promise<ExportPreview & { upToId: number }> {
    const step = Math.max(HOUR_MS, Math.ceil((range.to - range.from) / COUNT_PIECES));
    let receipts = 0;
    let bytes = 0;
    for (let at = range.from; at < range.to; at += step) {
      const piece = { ...range, from: at, to: Math.min(range.to, at + step) };
      const n = this.options.queries.count(piece, upToId);
      receipts += n.receipts;
      bytes += n.bytes;
      if (at + step < range.to) await new Promise((resolve) => setImmediate(resolve));
    }
    return { receipts, bytes, upToId };
  }

  get(id: number): ExportJob {
    return this.task(id).snapshot();
  }

  /**
   * Hands a finished export to the manager: the desktop app shows it in its folder; without a
   * file manager (a browser) it is downloaded from the Export screen instead.
   */
  open(id: number, showInFolder: ((file: string) => void) | undefined): ExportHandoff {
    const file = this.file(id);
    if (!showInFolder) {
      throw new DeskFailure('NOT_AVAILABLE', `Download ${file.fileName} from the Export screen.`);
    }
    showInFolder(file.path);
    return { fileName: file.fileName };
  }

  /** The finished file of a job this service wrote, if it is still in the exports folder. */
  file(id: number): ExportedFile {
    const task = this.task(id);
    const file = task.file;
    if (!file) {
      throw new DeskFailure(
        'NOT_READY',
        task.running
          ? 'This export is still being written.'
          : 'This export did not finish, so it has no file. Start it again.',
      );
    }
    if (!fs.existsSync(file.path)) {
      throw new DeskFailure(
        'NOT_FOUND',
        `${file.fileName} is no longer in the exports folder. Export the receipts again.`,
      );
    }
    return { ...file, format: task.format };
  }

  /** Stops the running export (its unfinished file is removed) and waits for it. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.current?.cancel(
      new DeskFailure(
        'CANCELLED',
        'Receipt Desk was closing, so the export stopped. Export again.',
      ),
    );
    await this.busy?.catch(() => {});
  }

  private task(id: number): JobTask {
    const task = this.tasks.get(id);
    if (!task) {
      throw new DeskFailure(
        'NOT_FOUND',
        `There is no export number ${id} (exports are forgotten when Receipt Desk restarts; their files stay in the exports folder).`,
      );
    }
    return task;
  }
}

const stopping = () =>
  new DeskFailure('STOPPING', 'Receipt Desk is closing; export after it starts again.');

function checkRange(range: ExportRange): void {
  if (!Number.isInteger(range.from) || !Number.isInteger(range.to) || range.from >= range.to) {
    throw new DeskFailure('BAD_REQUEST', 'The first day of an export must come before its end.');
  }
}

function checkZipSize(receipts: number, bytes: number): void {
  if (receipts > MAX_ZIP_RECEIPTS || bytes > MAX_ZIP_BYTES) {
    throw new DeskFailure(
      'TOO_LARGE',
      `These days hold ${receipts.toLocaleString('en')} receipts; a ZIP takes at most ${MAX_ZIP_RECEIPTS.toLocaleString('en')} (and 3.5 GB). Pick fewer days or one station.`,
    );
  }
}

/** `.part` files a previous run left when it stopped midway are never going to finish. */
function removeLeftovers(dir: string): void {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    if (name.endsWith('.part')) fs.rmSync(path.join(dir, name), { force: true });
  }
}
