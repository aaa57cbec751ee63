// Exports of stored receipts for the manager: a day or range as a spreadsheet (CSV) or as a ZIP
// of each receipt's raw printer bytes for a support case. Written in pages beside capture,
// into `<data folder>/exports/`, never overwriting and never leaving a half-written file.
export { ExportService, MAX_ZIP_BYTES, MAX_ZIP_RECEIPTS } from './export-service';
export type { ExportServiceOptions, ExportedFile } from './export-service';
export { CSV_HEADER, csvCell, csvRow, UTF8_BOM } from './csv';
export { freeFileName, safeName } from './file-names';
export { FileJob, type JobTask } from './export-job';
export { publishFile, writeNewFile } from './publish-file';
export { ExportFile } from './export-file';
export { exportFailure } from './export-errors';
