/** Validation of what HTTP clients send, with zod: a bad value is a 400 that says which. */
import { z } from 'zod';
import type { ReceiptQuery } from '../../shared';
import {
  DeskFailure,
  RECEIPT_LIST_MAX,
  saveSettingsOptionsSchema,
  settingsInputSchema,
} from '../../shared';

const int = z.coerce.number().int();

const receiptQuerySchema = z.object({
  limit: int.min(1).max(RECEIPT_LIST_MAX).optional(),
  before: z.string().regex(/^\d+$/u, 'before must be a cursor from a previous page').optional(),
  q: z.string().max(200).optional(),
  from: int.min(0).optional(),
  to: int.min(0).optional(),
  station: z.string().min(1).max(40).optional(),
});

export function parseReceiptQuery(params: URLSearchParams): ReceiptQuery {
  const raw: Record<string, string> = {};
  for (const key of ['limit', 'before', 'q', 'from', 'to', 'station']) {
    const value = params.get(key);
    if (value !== null && value !== '') raw[key] = value;
  }
  return parse(receiptQuerySchema, raw);
}

export const rangeSchema = z
  .object({ from: int.min(0), to: int.min(0) })
  .refine((r) => r.from < r.to, 'from must be before to');

/** POST /api/settings: `{ settings, options? }`. */
export const saveSettingsBody = z.object({
  settings: settingsInputSchema,
  options: saveSettingsOptionsSchema.optional(),
});

export function parseId(text: string): number {
  return parse(int.min(1), text);
}

export function parse<T>(schema: z.ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
    throw new DeskFailure('BAD_REQUEST', `${where}${issue.message}`);
  }
  return result.data;
}
