// Reports from the sales figures: the daily report of a business day (JSON now; the CSV, XLSX
// and PDF writers read the same object), summed by one pure function.
export { buildDailyReport, type ReportInput, type ReportReceipt } from './daily-report';
export { DailyReports, type DailyReportsOptions, type ReportFile } from './daily-reports';
export { type ReportFileTask, writeReportFile } from './report-file';
