/**
 * Automatic export of the daily report: the manager's setting (off unless turned on; a folder;
 * XLSX besides the PDF and CSV) and what the service says about it (the last day written, the
 * last problem, the next day due). The service does the writing (src/main/auto-export).
 */
import { z } from 'zod';
import type { ReportFormat } from './reports';
import type { DeskError } from './result';

/** A day is written this long after it ends, so receipts still on their way are in it. */
export const AUTO_EXPORT_GRACE_MIN = 15;
/** Days missed while Receipt Desk was closed that are written at the next start, at most. */
export const AUTO_EXPORT_CATCH_UP_DAYS = 31;

/** `/home/me/reports`, `C:\Reports`, `\\office-pc\share\reports`: a folder from the root. */
const ABSOLUTE = /^(?:\/|[A-Za-z]:[\\/]|\\\\[^\\/]+[\\/])/u;

/** What is wrong with a folder as typed, or null (empty means the data folder's exports). */
export function exportFolderProblem(folder: string): string | null {
  if (folder === '' || ABSOLUTE.test(folder)) return null;
  return `"${folder}" is not a full path. Write the folder from its drive or root, such as C:\\Users\\Manager\\Documents\\Daily reports or /home/manager/reports, or leave it empty for the exports folder in the data folder.`;
}

export const autoExportSchema = z.object({
  /** Off: nothing is written without the manager asking. */
  enabled: z.boolean().default(false),
  /** Where the files go; empty: the exports folder in the data folder. */
  folder: z
    .string()
    .trim()
    .max(1000, { error: 'A folder path has at most 1,000 characters.' })
    .refine((v) => exportFolderProblem(v) === null, {
      error: (issue) => exportFolderProblem(String(issue.input)) ?? 'Give a folder.',
    })
    .default(''),
  /** A workbook besides the PDF and the CSV, which are always written. */
  xlsx: z.boolean().default(false),
});
export type AutoExportSettings = z.infer<typeof autoExportSchema>;
export const AUTO_EXPORT_DEFAULTS: AutoExportSettings = { enabled: false, folder: '', xlsx: false };

/** One business day's files, written. */
export interface AutoExportWritten {
  businessDay: string;
  /** When its last file was written, UTC ms. */
  at: number;
  formats: ReportFormat[];
  /** The files' names in the folder (`…-2.pdf` when a file of that name was there already). */
  files: string[];
  /** Receipts of the day (0: written anyway, as a report of no sales). */
  receipts: number;
}

export interface AutoExportStatus {
  enabled: boolean;
  /** The folder in use, as a full path. */
  folder: string;
  /** The folder used when the setting is empty (the data folder's exports). */
  defaultFolder: string;
  formats: ReportFormat[];
  last: AutoExportWritten | null;
  /** The last attempt failed: what happened and what to do. Cleared by the next day written. */
  problem: (DeskError & { at: number; businessDay: string | null }) | null;
  /** The next business day to write and the earliest time it is written (UTC ms); null when off. */
  next: { businessDay: string; at: number } | null;
  /**
   * A day past its time whose receipts' sales figures are still being read: written once they
   * are, or at `until` (UTC ms) whatever is read by then (the rest listed as not read).
   */
  waiting: { businessDay: string; receipts: number; until: number } | null;
}
