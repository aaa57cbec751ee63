/**
 * zod schemas for the arguments of the desk's calls, as the contract table uses them. The
 * window and the web page are ours, but they render text that came off the network, so what
 * they send is checked like any other input: unknown fields are refused everywhere.
 */
import { z } from 'zod';
import { RECEIPT_LIST_MAX, type ExportRange, type ExportRequest, type ReceiptQuery } from './api';

const stationName = z.string().min(1).max(40);
const utcMs = z.number().int().min(0);

export const receiptQuerySchema = z
  .object({
    limit: z.number().int().min(1).max(RECEIPT_LIST_MAX).optional(),
    before: z.string().regex(/^\d+$/u, 'before must be a cursor from a previous page').optional(),
    q: z.string().max(200).optional(),
    from: utcMs.optional(),
    to: utcMs.optional(),
    station: stationName.optional(),
  })
  .strict() satisfies z.ZodType<ReceiptQuery>;

/** A receipt's or an export's number. */
export const idSchema = z.number().int().min(1);

const fromBeforeTo = (r: { from: number; to: number }) => r.from < r.to;
const rangeFields = { from: utcMs, to: utcMs, station: stationName.optional() };

export const exportRangeSchema = z
  .object(rangeFields)
  .strict()
  .refine(fromBeforeTo, 'from must be before to') satisfies z.ZodType<ExportRange>;

export const exportRequestSchema = z
  .object({ ...rangeFields, format: z.enum(['csv', 'zip']) })
  .strict()
  .refine(fromBeforeTo, 'from must be before to') satisfies z.ZodType<ExportRequest>;

/** Receipts received in [from, to), UTC ms. */
export const timeRangeSchema = z
  .object({ from: utcMs, to: utcMs })
  .strict()
  .refine(fromBeforeTo, 'from must be before to');

/** The first problem with a call's arguments, as a sentence for a BAD_REQUEST result. */
export function describeArgsIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  // The first step of the path is the argument's place in the call; the rest names the field.
  const field = issue.path.slice(1);
  const where = field.length > 0 ? `${field.join('.')}: ` : '';
  return `${where}${issue.message}`;
}
