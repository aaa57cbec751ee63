/**
 * The receipts spreadsheet: UTF-8 with a byte-order mark (Excel on Windows reads it as UTF-8
 * only then), RFC 4180 quoting, CRLF between rows, one row per receipt. Receipt text comes from
 * the network, so a cell that a spreadsheet would run as a formula is defused with a leading
 * apostrophe.
 */
import type { ReceiptSummary } from '../../shared';
import { localDateTime } from './local-time';

export const UTF8_BOM = '\uFEFF';

export const CSV_HEADER = [
  'Receipt',
  'Received',
  'Station',
  'Till address',
  'Status',
  'Error',
  'Bytes',
  'Printer language',
  'Drawer kicks',
  'Warnings',
  'Truncated',
  'Text',
];

const DIALECT_NAMES: Record<string, string> = {
  escpos: 'ESC/POS',
  'star-line': 'Star Line',
  'star-prnt': 'StarPRNT',
};

const STATUS_NAMES: Record<ReceiptSummary['status'], string> = {
  ok: 'ok',
  pending: 'waiting to be read',
  failed: 'failed',
};

/** Characters that make Excel, LibreOffice or Sheets read a cell as a formula. */
const FORMULA_START = /^[=+\-@\t\r]/u;
const NEEDS_QUOTES = /[",\r\n]/u;

export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function csvRow(cells: (string | number | null)[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}

/** The first bytes of the file: the mark and the header row. */
export function csvStart(): string {
  return UTF8_BOM + csvRow(CSV_HEADER);
}

export function receiptRow(r: ReceiptSummary): string {
  return csvRow([
    r.id,
    localDateTime(r.receivedAt),
    r.station,
    r.peer,
    STATUS_NAMES[r.status],
    r.error,
    r.byteCount,
    r.dialect ? (DIALECT_NAMES[r.dialect] ?? r.dialect) : null,
    r.drawerKicks,
    r.warnings,
    r.truncated ? 'yes' : 'no',
    r.text,
  ]);
}
