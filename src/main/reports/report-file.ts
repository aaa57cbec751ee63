/**
 * One report file written from a summed report and its receipts: what a pool thread runs for
 * the service (worker.ts's `reportFile`), so the main thread only reads and sums.
 */
import type { DailyReport, ReportFormat } from '../../shared';
import type { ReportReceipt } from './daily-report';
import { reportCsv } from './report-csv';
import { reportPdf } from './report-pdf';
import { reportXlsx } from './report-xlsx';

export interface ReportFileTask {
  report: DailyReport;
  receipts: ReportReceipt[];
  format: ReportFormat;
}

export async function writeReportFile({
  report,
  receipts,
  format,
}: ReportFileTask): Promise<Buffer> {
  switch (format) {
    case 'csv':
      return Buffer.from(reportCsv(report, receipts), 'utf8');
    case 'xlsx':
      return reportXlsx(report, receipts);
    case 'pdf':
      return reportPdf(report);
  }
}
