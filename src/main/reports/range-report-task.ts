/**
 * One range report file being written, as an export job: the main thread reads the range a
 * business day at a time (in pages, yielding between them). A CSV's days are made into rows on
 * whichever pool thread is free and appended here in order; a workbook or a PDF is written by
 * one pool thread that the days are sent to (range-file-writer.ts), at most two ahead of it. Progress is the receipts written of
 * those the range held when it started; cancel stops before the next day and removes the
 * unfinished file; a finished file gets a name no other file has.
 */
import fs from 'node:fs';
import path from 'node:path';
import { MessageChannel } from 'node:worker_threads';
import type { ExportJob, RangeReportFileRequest } from '../../shared';
import { DeskFailure } from '../../shared';
import {
  csvRow,
  ExportFile,
  exportFailure,
  FileJob,
  type JobTask,
  publishFile,
  safeName,
  UTF8_BOM,
} from '../export';
import type { CsvDay, FromRangeWriter, RangeFileTask, ToRangeWriter } from './range-file-writer';
import { REPORT_CSV_HEADER } from './report-csv';
import type { RangeMeta } from './range-report';
import type { StoredDay } from './stored-day';

/** Days sent to the writer before it has written the first of them. */
const AHEAD = 2;
/**
 * CSV days being made at once: both pool threads busy and one more read. One thread writing a
 * month of 150,000 took 2.9-3.7 s; the rows of a day need nothing of the days before.
 */
const CSV_AHEAD = 3;

export interface RangeTaskDeps {
  dir: string;
  /** The range's business days, oldest first. */
  days: string[];
  meta: RangeMeta;
  /** The range's first and last instants ([from, to), UTC ms). */
  from: number;
  to: number;
  /** Receipts in the range when the job started. */
  total: number;
  /** The day's receipts as stored, read a page at a time. */
  stored: (day: string) => Promise<StoredDay>;
  /** Runs the writer (a pool thread in the service); resolves the size, or null if cancelled. */
  write: (task: RangeFileTask) => Promise<number | null>;
  /** A day's CSV rows (csvDayRows, on whichever pool thread is free in the service). */
  csvDay: (day: StoredDay) => Promise<CsvDay>;
  yieldNow: () => Promise<void>;
}

export class RangeReportTask extends FileJob implements JobTask {
  /** Wakes the day loop while it waits for the writer (an answer came, or a cancel). */
  private wake: (() => void) | null = null;
  readonly finished: Promise<void>;

  constructor(
    readonly id: number,
    readonly request: RangeReportFileRequest,
    private readonly deps: RangeTaskDeps,
  ) {
    super(deps.total, deps.dir);
    this.finished = this.run();
  }

  get format(): ExportJob['format'] {
    return this.request.format;
  }

  cancel(reason: DeskFailure): void {
    this.cancelledBy ??= reason;
    this.wake?.();
  }

  snapshot(): ExportJob {
    return {
      id: this.id,
      kind: 'range-report',
      format: this.request.format,
      from: this.deps.from,
      to: this.deps.to,
      station: this.request.station ?? null,
      ...this.progress(),
    };
  }

  private async run(): Promise<void> {
    const { deps, request } = this;
    const station = request.station ? `-${safeName(request.station)}` : '';
    const base = `receipt-desk-report-${request.from}-to-${request.to}${station}`;
    const partPath = path.join(deps.dir, `${base}.${request.format}.part`);
    try {
      fs.mkdirSync(deps.dir, { recursive: true });
      const written =
        request.format === 'csv'
          ? await this.writeCsv(partPath, base)
          : await this.writeOnThread(partPath, base);
      this.bytes = written.bytes;
      this.fileName = written.name;
      // Receipts printed meanwhile into a day already read are not in the file.
      this.total = this.done;
      this.state = 'done';
    } catch (err) {
      fs.rmSync(partPath, { force: true });
      const failure = exportFailure(withCode(err), deps.dir);
      this.error = { code: failure.code, message: failure.message };
      this.state = 'failed';
    }
  }

  /** Days read here, each made into rows on a free pool thread, appended here in order. */
  private async writeCsv(partPath: string, base: string): Promise<{ name: string; bytes: number }> {
    const { deps } = this;
    const file = await ExportFile.create(partPath);
    const making: Promise<CsvDay>[] = [];
    try {
      file.push(UTF8_BOM + csvRow(REPORT_CSV_HEADER));
      const append = async (day: Promise<CsvDay>) => {
        const { rows, receipts } = await day;
        await file.write(rows);
        this.done += receipts;
      };
      for (const day of deps.days) {
        if (this.cancelledBy) break;
        const stored = await deps.stored(day);
        if (this.cancelledBy) break;
        making.push(deps.csvDay(stored));
        if (making.length >= CSV_AHEAD) await append(making.shift()!);
        await deps.yieldNow();
      }
      while (making.length > 0 && !this.cancelledBy) await append(making.shift()!);
      if (this.cancelledBy) throw this.cancelledBy;
      return await file.finish(base, 'csv');
    } catch (err) {
      await Promise.allSettled(making);
      await file.discard().catch(() => {});
      throw err;
    }
  }

  /**
   * XLSX and PDF: one pool thread writes the file (a workbook is one stream), the days sent to
   * it over a port as they are read, at most two ahead of it.
   */
  private async writeOnThread(
    partPath: string,
    base: string,
  ): Promise<{ name: string; bytes: number }> {
    const { deps, request } = this;
    const { port1, port2 } = new MessageChannel();
    let writing: Promise<number | null> | null = null;
    try {
      let inFlight = 0;
      port1.on('message', (m: FromRangeWriter) => {
        this.done += m.receipts;
        inFlight--;
        this.wake?.();
      });
      writing = deps.write({ port: port2, partPath, format: request.format, meta: deps.meta });
      // A writer that fails midway must not leave this waiting for its answer.
      const failed = writing.then(() => {
        throw new Error('The report writer stopped before the last day.');
      });
      failed.catch(() => {});
      for (const day of deps.days) {
        if (this.cancelledBy) break;
        const stored = await deps.stored(day);
        if (this.cancelledBy) break;
        port1.postMessage({ type: 'day', day: stored } satisfies ToRangeWriter);
        inFlight++;
        while (inFlight >= AHEAD && !this.cancelledBy) {
          await Promise.race([new Promise<void>((resolve) => (this.wake = resolve)), failed]);
        }
        await deps.yieldNow();
      }
      send(port1, this.cancelledBy ? { type: 'cancel' } : { type: 'end' });
      const bytes = await writing;
      if (this.cancelledBy || bytes === null) {
        throw this.cancelledBy ?? new Error('The report writer gave up.');
      }
      return { name: await publishFile(partPath, base, request.format), bytes };
    } catch (err) {
      if (!this.cancelledBy) send(port1, { type: 'cancel' });
      await writing?.catch(() => null);
      throw err;
    } finally {
      port1.close();
    }
  }
}

function send(port: MessageChannel['port1'], m: ToRangeWriter): void {
  try {
    port.postMessage(m);
  } catch {
    // the writer has gone: nothing to tell it
  }
}

/**
 * An error from the pool thread crossed as a copy, which keeps its message but not its `code`:
 * Node's file errors say it first ("ENOSPC: no space left on device, write"), so a full disk
 * is still told as one.
 */
function withCode(err: unknown): unknown {
  if (!(err instanceof Error) || (err as NodeJS.ErrnoException).code) return err;
  const code = /^(E[A-Z]+):/u.exec(err.message)?.[1];
  return code ? Object.assign(err, { code }) : err;
}
