/**
 * Pool worker entry (built as its own file: out/.../pool-worker.js). Interprets a batch of
 * receipts; never touches the database. A receipt the interpreter chokes on fails alone.
 */
import zlib from 'node:zlib';
import { interpret } from '../escpos';
import { collectGarbage } from '../memory';
import {
  buildDailyReport,
  type CsvDay,
  csvDayRows,
  type RangeFileTask,
  readStoredDay,
  type ReportFileTask,
  type StoredDay,
  writeRangeFile,
  writeReportFile,
} from '../reports';
import type { DailyReport } from '../../shared';
import { extractFigures } from '../sales';
import {
  type ExtractItem,
  type ExtractResult,
  type InterpretResult,
  type InterpretTask,
  type InterpretTaskResult,
  ReceiptClock,
  failedResult,
} from './task';

export default function interpretBatch(task: InterpretTask): InterpretTaskResult {
  const started = performance.now();
  if (task.collect) {
    // Between tasks piscina parks this thread in Atomics.wait, where no timer of its own runs:
    // the pool asks for the collection once the service is quiet (InterpretPool.collectGarbage).
    collectGarbage();
    return { results: [], runMs: performance.now() - started };
  }
  const clock = new ReceiptClock(task.clock);
  const results: InterpretResult[] = task.items.map((item, index) => {
    clock.start(index);
    try {
      const out = interpret(item.raw, { ...item.profile, bitmaps: task.withDocument });
      return {
        id: item.id,
        ok: true,
        text: out.text,
        textBytes: Buffer.byteLength(out.text),
        // Deflated here so the main thread and the writer only move and store bytes.
        document: task.withDocument
          ? zlib.deflateRawSync(JSON.stringify(out.document), { level: 1 })
          : null,
        warnings: out.document.warnings.length,
        empty: out.empty,
        dialect: out.document.dialect,
        drawerKicks: out.events['drawer-kick'],
        cuts: out.events.cut + out.events['partial-cut'],
        error: null,
      };
    } catch (err) {
      return failedResult(item.id, `Interpreter error: ${(err as Error).message}`);
    }
  });
  clock.stop();
  return { results, runMs: performance.now() - started };
}

/**
 * Reads the sales figures of stored texts (piscina's `extractBatch`). A text that makes the
 * extractor throw gets no figures and its error, alone.
 */
export function extractBatch(items: ExtractItem[]): ExtractResult[] {
  return items.map((item) => {
    try {
      const figures = extractFigures(
        { text: item.text, drawerKicks: item.drawerKicks },
        item.sales,
      );
      return { id: item.id, figures, error: null };
    } catch (err) {
      return { id: item.id, figures: null, error: (err as Error).message };
    }
  });
}

/** Writes a report file (piscina's `reportFile`): off the main thread, where tills wait. */
export async function reportFile(task: ReportFileTask): Promise<Uint8Array> {
  return writeReportFile(task);
}

/** Sums a business day as stored (piscina's `dailyReport`): a range report's days, off the main thread. */
export function dailyReport(day: StoredDay): DailyReport {
  return buildDailyReport(readStoredDay(day));
}

/** Writes a range report file, day by day over the task's port (piscina's `rangeReportFile`). */
export function rangeReportFile(task: RangeFileTask): Promise<number | null> {
  return writeRangeFile(task);
}

/** A range report's day as CSV rows (piscina's `rangeCsvDay`): days run on both threads. */
export function rangeCsvDay(day: StoredDay): CsvDay {
  return csvDayRows(day);
}
