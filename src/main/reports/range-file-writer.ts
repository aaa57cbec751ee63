/**
 * Writes a range report file on a pool thread, a business day at a time as the main thread
 * reads them from the store and sends them over a MessagePort: each day's figures are parsed,
 * summed and written here, and the receipts done are posted back (the job's progress). At the
 * end the days' sums make the range's, for the Summary sheet or the PDF. The main thread owns
 * the file's name: this writes only the `.part` file it is given, and leaves it on cancel.
 */
import fs from 'node:fs';
import type { MessagePort } from 'node:worker_threads';
import { finished } from 'node:stream/promises';
import type { DailyReport, RangeReport, ReportFormat } from '../../shared';
import { csvRow, UTF8_BOM } from '../export';
import { buildDailyReport, type ReportReceipt } from './daily-report';
import { rangePdf } from './range-pdf';
import { type RangeMeta, sumRange } from './range-report';
import { RangeXlsx } from './range-xlsx';
import { REPORT_CSV_HEADER, reportCsvRows } from './report-csv';
import { readStoredDay, type StoredDay } from './stored-day';

export interface RangeFileTask {
  port: MessagePort;
  partPath: string;
  format: ReportFormat;
  meta: RangeMeta;
}

export type ToRangeWriter = { type: 'day'; day: StoredDay } | { type: 'end' } | { type: 'cancel' };
/** A day of a CSV: its rows, and how many receipts they are. */
export interface CsvDay {
  rows: string;
  receipts: number;
}

/** A stored day's receipts as CSV rows (a pool thread's task; days need nothing of each other). */
export function csvDayRows(day: StoredDay): CsvDay {
  const input = readStoredDay(day);
  return {
    rows: reportCsvRows(buildDailyReport(input), input.receipts),
    receipts: input.receipts.length,
  };
}

/** A day written: its receipts, for the progress. */
export type FromRangeWriter = { type: 'day'; receipts: number };

interface FormatWriter {
  day(report: DailyReport, receipts: ReportReceipt[]): void;
  end(range: RangeReport): Promise<void>;
  abort(): void;
}

/** Resolves the file's size once written, or null when cancelled. */
export async function writeRangeFile(task: RangeFileTask): Promise<number | null> {
  const { port, partPath } = task;
  const inbox: ToRangeWriter[] = [];
  let wake: (() => void) | null = null;
  port.on('message', (m: ToRangeWriter) => {
    inbox.push(m);
    wake?.();
  });
  const next = async (): Promise<ToRangeWriter> => {
    while (inbox.length === 0) await new Promise<void>((resolve) => (wake = resolve));
    return inbox.shift()!;
  };
  const writer = await open(task);
  const days: DailyReport[] = [];
  try {
    for (;;) {
      const m = await next();
      if (m.type === 'cancel') {
        writer.abort();
        return null;
      }
      if (m.type === 'end') {
        await writer.end(sumRange(task.meta, days));
        return fs.statSync(partPath).size;
      }
      const input = readStoredDay(m.day);
      const report = buildDailyReport(input);
      writer.day(report, input.receipts);
      days.push(report);
      port.postMessage({ type: 'day', receipts: input.receipts.length } satisfies FromRangeWriter);
    }
  } catch (err) {
    writer.abort();
    throw err;
  } finally {
    port.close();
  }
}

async function open({ partPath, format, meta }: RangeFileTask): Promise<FormatWriter> {
  switch (format) {
    case 'csv': {
      const fd = fs.openSync(partPath, 'w');
      fs.writeSync(fd, UTF8_BOM + csvRow(REPORT_CSV_HEADER));
      return {
        day: (report, receipts) => void fs.writeSync(fd, reportCsvRows(report, receipts)),
        end: async () => {
          fs.fsyncSync(fd);
          fs.closeSync(fd);
        },
        abort: () => fs.closeSync(fd),
      };
    }
    case 'xlsx': {
      const out = fs.createWriteStream(partPath);
      const book = await RangeXlsx.create(out, meta);
      return {
        day: (report, receipts) => book.day(report, receipts),
        end: async (range) => {
          await book.end(range);
          await finished(out);
          durable(partPath);
        },
        abort: () => out.destroy(),
      };
    }
    case 'pdf':
      return {
        day: () => {},
        end: async (range) => {
          fs.writeFileSync(partPath, await rangePdf(range));
          durable(partPath);
        },
        abort: () => {},
      };
  }
}

/** On the disk before the file gets its name. */
function durable(file: string): void {
  const fd = fs.openSync(file, 'r+');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}
