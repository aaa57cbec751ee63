/**
 * A business day as the store hands it over for a report file: the day's bounds and hours, and
 * its receipts with their figures still the JSON text kept in the store. It crosses to a pool
 * thread as text (nearly free to copy) and is read there, where the file is written.
 */
import type { ReceiptFigures, ReceiptStatus } from '../../shared';
import type { ReportInput, ReportReceipt } from './daily-report';

export interface StoredReceipt extends Omit<ReportReceipt, 'figures' | 'unread'> {
  status: ReceiptStatus;
  /** The figures as stored (JSON), or null while not read or when unreadable. */
  figures: string | null;
}

export interface StoredDay extends Omit<ReportInput, 'receipts'> {
  receipts: StoredReceipt[];
}

/** Why a receipt has no figures, by its status. */
export function unreadReason(status: ReceiptStatus): string | null {
  return status === 'pending'
    ? 'Not read yet.'
    : status === 'failed'
      ? 'This receipt could not be read.'
      : null;
}

/** The day with its figures read, as buildDailyReport takes it. */
export function readStoredDay(day: StoredDay): ReportInput {
  return {
    ...day,
    receipts: day.receipts.map(({ status, figures, ...r }) => ({
      ...r,
      figures: figures ? (JSON.parse(figures) as ReceiptFigures) : null,
      unread: unreadReason(status),
    })),
  };
}
