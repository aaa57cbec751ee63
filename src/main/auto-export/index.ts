// Automatic export of the daily report: after each business day ends, its PDF and CSV (and XLSX
// when chosen) are written into the manager's folder, never over another file; days missed while
// Receipt Desk was closed are written at the next start. Off unless the manager turns it on.
export { AutoExporter, type AutoExporterOptions, type DayFile } from './auto-exporter';
export { RECORD_FILE } from './export-record';
