/**
 * One report file written from a business day as stored: what a pool thread runs for the
 * service (worker.ts's `reportFile`), so the main thread only reads the rows. The figures are
 * parsed and summed here, off the main thread, then written as CSV, XLSX or PDF.
 */
import type { ReportFormat } from '../../shared';
import { buildDailyReport } from './daily-report';
import { reportCsv } from './report-csv';
import { reportPdf } from './report-pdf';
import { reportXlsx } from './report-xlsx';
import { readStoredDay, type StoredDay } from './stored-day';

export interface ReportFileTask {
  day: StoredDay;
  format: ReportFormat;
}

export async function writeReportFile({ day, format }: ReportFileTask): Promise<Buffer> {
  const input = readStoredDay(day);
  const report = buildDailyReport(input);
  switch (format) {
    case 'csv':
      return Buffer.from(reportCsv(report, input.receipts), 'utf8');
    case 'xlsx':
      return reportXlsx(report, input.receipts);
    case 'pdf':
      return reportPdf(report);
  }
}
