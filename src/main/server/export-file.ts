/**
 * A finished export's file, as a download. Served only for a job this service wrote, by its
 * number, never by a path the client sends.
 */
import fs from 'node:fs';
import type http from 'node:http';
import { pipeline } from 'node:stream/promises';
import type { DeskBackend, ReportDay, ReportFormat } from '../../shared';
import type { ExportedFile } from '../export';
import type { ReportFile } from '../reports';

export interface ExportBackend extends DeskBackend {
  exportFile(id: number): ExportedFile;
  /** A business day's report as a file (the HTTP door's download of GET /api/reports/daily). */
  dailyReportFile(day: ReportDay, format: ReportFormat): Promise<ReportFile>;
}

/** A report file, as a download. */
export function sendReportFile(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  file: ReportFile,
): void {
  res.writeHead(200, attachment(file.fileName, file.contentType, file.body.length));
  res.end(req.method === 'HEAD' ? undefined : file.body);
}

const CONTENT_TYPES = {
  csv: 'text/csv; charset=utf-8',
  zip: 'application/zip',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
} as const;

export async function sendExportFile(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  file: ExportedFile,
): Promise<void> {
  res.writeHead(200, attachment(file.fileName, CONTENT_TYPES[file.format], file.bytes));
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  await pipeline(fs.createReadStream(file.path), res);
}

/**
 * Headers of a file sent as a download. The name is ours (letters, digits, dot, dash, made by
 * safeName), so it needs no escaping beyond the quotes.
 */
function attachment(fileName: string, contentType: string, bytes: number) {
  return {
    'Content-Type': contentType,
    'Content-Length': bytes,
    'Content-Disposition': `attachment; filename="${fileName}"`,
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  };
}
