/**
 * One export being written: pages of receipts, oldest first, into a `.part` file that is renamed
 * when complete. Between pages (and within one, every few milliseconds of work) it gives the
 * event loop back, so the printer ports keep answering while a day of receipts is written.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { ExportJob, ExportRequest, ReceiptSummary } from '../../shared';
import { DeskFailure } from '../../shared';
import type { ExportCursor, ExportQueries } from '../store';
import { csvStart, receiptRow } from './csv';
import { ExportFile } from './export-file';
import { exportFailure } from './export-errors';
import { FileJob, type JobTask } from './export-job';
import { exportBaseName, zipEntryName } from './file-names';
import { ZipWriter } from './zip-writer';

/** Work done between two turns of the event loop, at most (about). */
const SLICE_MS = 8;

export interface TaskDeps {
  queries: ExportQueries;
  /** The exports folder. */
  dir: string;
  /** Receipts read from the file at a time. */
  pageSize: number;
  /** Gives the event loop a turn (setImmediate; tests may hold it to look at the work midway). */
  yieldNow: () => Promise<void>;
  now: () => number;
}

export class ExportTask extends FileJob implements JobTask {
  /** Settles (never rejects) when the task is done or failed. */
  readonly finished: Promise<void>;

  constructor(
    readonly id: number,
    readonly request: ExportRequest,
    /** The newest receipt when the export started: receipts printed later are not in it. */
    private readonly upToId: number,
    total: number,
    private readonly deps: TaskDeps,
  ) {
    super(total, deps.dir);
    this.finished = this.run();
  }

  get format(): ExportRequest['format'] {
    return this.request.format;
  }

  /** Stops at the next receipt; the unfinished file is removed and `reason` reported. */
  cancel(reason: DeskFailure): void {
    this.cancelledBy ??= reason;
  }

  snapshot(): ExportJob {
    return {
      id: this.id,
      kind: 'receipts',
      format: this.request.format,
      from: this.request.from,
      to: this.request.to,
      station: this.request.station ?? null,
      ...this.progress(),
    };
  }

  private async run(): Promise<void> {
    const { request, deps } = this;
    const base = exportBaseName(request);
    let file: ExportFile | null = null;
    let manifest: ExportFile | null = null;
    try {
      fs.mkdirSync(deps.dir, { recursive: true });
      file = await ExportFile.create(path.join(deps.dir, `${base}.${request.format}.part`));
      if (request.format === 'csv') {
        const csv = file;
        csv.push(csvStart());
        await this.eachReceipt(async (r) => {
          await csv.write(receiptRow(r));
          return true;
        });
      } else {
        const zip = new ZipWriter(file);
        // The manifest is gathered beside the archive and added last: fflate holds back a
        // later entry's bytes until every earlier entry is complete.
        const list = await ExportFile.create(path.join(deps.dir, `${base}.manifest.csv.part`));
        manifest = list;
        list.push(csvStart());
        await this.eachReceipt(async (r) => {
          const raw = deps.queries.raw(r.id);
          if (!raw) return false;
          await zip.add(zipEntryName(r), raw, r.receivedAt);
          await list.write(receiptRow(r));
          return true;
        });
        await list.drain(true);
        await zip.addStream('receipts.csv', fs.createReadStream(list.partPath), deps.now());
        await list.discard();
        manifest = null;
        zip.end();
      }
      this.throwIfCancelled();
      const { name, bytes } = await file.finish(base, request.format);
      this.bytes = bytes;
      this.fileName = name;
      this.total = this.done;
      this.state = 'done';
    } catch (err) {
      await file?.discard().catch(() => {});
      await manifest?.discard().catch(() => {});
      const failure = exportFailure(err, deps.dir);
      this.error = { code: failure.code, message: failure.message };
      this.state = 'failed';
    }
  }

  /** Calls `write` for each receipt of the range; it answers false for one that has gone. */
  private async eachReceipt(write: (r: ReceiptSummary) => Promise<boolean>): Promise<void> {
    const { request, deps } = this;
    let after: ExportCursor | null = null;
    for (;;) {
      this.throwIfCancelled();
      const page = deps.queries.page(request, this.upToId, after, deps.pageSize);
      if (page.length === 0) return;
      let sliceStart = performance.now();
      for (const item of page) {
        // A text past the list preview is read whole here, one receipt at a time.
        const r = item.textCut
          ? { ...item, text: deps.queries.text(item.id) ?? item.text, textCut: false }
          : item;
        // Retention may remove a receipt while the export runs: it is then not counted.
        if (await write(r)) this.done += 1;
        else this.total -= 1;
        if (performance.now() - sliceStart > SLICE_MS) {
          await deps.yieldNow();
          this.throwIfCancelled();
          sliceStart = performance.now();
        }
      }
      const last = page[page.length - 1];
      after = { receivedAt: last.receivedAt, id: last.id };
      await deps.yieldNow();
    }
  }

  private throwIfCancelled(): void {
    if (this.cancelledBy) throw this.cancelledBy;
  }
}
