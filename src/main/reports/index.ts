// Reports from the sales figures: the daily report of a business day and range reports over
// several (JSON, and CSV, XLSX and PDF files written on pool threads), summed by pure functions.
export { buildDailyReport, type ReportInput, type ReportReceipt } from './daily-report';
export { DailyReports, type DailyReportsOptions, type ReportFile } from './daily-reports';
export { type ReportFileTask, writeReportFile } from './report-file';
export { type StoredDay, readStoredDay } from './stored-day';
export { RangeReports, type RangeReportsOptions } from './range-reports';
export { type CsvDay, csvDayRows, type RangeFileTask, writeRangeFile } from './range-file-writer';
export { sumRange } from './range-report';
