/**
 * zod schemas for what the window may send with each DeskApi call. The window is ours, but it
 * renders text that came off the network, so its calls are checked like any other input.
 */
import { z } from 'zod';
import type { DeskApi, DeskCall, ExportRange, ExportRequest, ReceiptQuery } from '../../shared';
import { RECEIPT_LIST_MAX, saveSettingsOptionsSchema, settingsInputSchema } from '../../shared';

const receiptQuery = z
  .object({
    limit: z.number().int().min(1).max(RECEIPT_LIST_MAX).optional(),
    before: z.string().regex(/^\d+$/u, 'before must be a cursor from a previous page').optional(),
    q: z.string().max(200).optional(),
    from: z.number().int().min(0).optional(),
    to: z.number().int().min(0).optional(),
    station: z.string().min(1).max(40).optional(),
  })
  .strict() satisfies z.ZodType<ReceiptQuery>;

const receiptId = z.number().int().min(1);

const exportRangeFields = {
  from: z.number().int().min(0),
  to: z.number().int().min(0),
  station: z.string().min(1).max(40).optional(),
};
const fromBeforeTo = (r: { from: number; to: number }) => r.from < r.to;
const exportRange = z
  .object(exportRangeFields)
  .strict()
  .refine(fromBeforeTo, 'from must be before to') satisfies z.ZodType<ExportRange>;
const exportRequest = z
  .object({ ...exportRangeFields, format: z.enum(['csv', 'zip']) })
  .strict()
  .refine(fromBeforeTo, 'from must be before to') satisfies z.ZodType<ExportRequest>;
const exportId = z.number().int().min(1);

/** One tuple schema per call: the arguments exactly as DeskApi declares them. */
export const callArgs = {
  getHealth: z.tuple([]),
  listReceipts: z.tuple([receiptQuery]),
  getReceipt: z.tuple([receiptId]),
  getStats: z.tuple([]),
  getMetrics: z.tuple([]),
  getToday: z.tuple([]),
  getPrinterAddresses: z.tuple([]),
  printTestReceipt: z.tuple([]),
  getSettings: z.tuple([]),
  saveSettings: z.tuple([settingsInputSchema, saveSettingsOptionsSchema.optional()]),
  previewExport: z.tuple([exportRange]),
  startExport: z.tuple([exportRequest]),
  getExport: z.tuple([exportId]),
  openExport: z.tuple([exportId]),
} satisfies { [K in DeskCall]: z.ZodType<Parameters<DeskApi[K]>> };

/** The first problem, as a sentence, for a BAD_REQUEST result. */
export function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  const where = issue.path.length > 0 ? `argument ${issue.path.join('.')}: ` : '';
  return `${where}${issue.message}`;
}
