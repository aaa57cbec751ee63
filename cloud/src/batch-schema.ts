/**
 * A relayed batch checked field by field before anything is stored: the wire's own limits
 * (src/shared/relay-wire.ts), at most MAX_BATCH_RECEIPTS receipts, each receipt's id inside its
 * store, and figures the day's sums can read. A refusal names the first field that is wrong.
 */
import { z } from 'zod';
import { dayStartProblem } from '../../src/shared/business-day';
import {
  RELAY_MAX_TEXT_CHARS,
  RELAY_WIRE_VERSION,
  type RelayBatch,
  STORE_ID_PATTERN,
} from '../../src/shared/relay-wire';
import type { ReceiptFigures } from '../../src/shared/sales';
import { checkFigures } from './figures-check';

/**
 * The most receipts one batch may carry. The desk sends 25 by default; 100 is where every
 * statement of the insert still fits D1's limits with room to spare (see store-batch.ts).
 */
export const MAX_BATCH_RECEIPTS = 100;

const DATE = /^\d{4}-\d{2}-\d{2}$/u;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/u;

function knownTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/**
 * The figures (about a hundred fields a receipt) go through the hand-written check in
 * figures-check.ts, where zod's slow path in workerd cost ~20 µs a receipt. The rest of the
 * batch stays in zod: ~4 µs a receipt, not worth a second hand-written copy of its rules. The
 * check runs as this field of the schema, so the batch's first wrong field is still the one
 * named, its path under the receipt's.
 */
const figuresOrNull = z.unknown().transform((value, ctx): ReceiptFigures | null => {
  if (value === null) return null;
  const checked = checkFigures(value);
  if (checked.ok) return checked.figures;
  ctx.addIssue({ code: 'custom', path: checked.path, message: checked.message });
  return z.NEVER;
});

const receiptSchema = z.object({
  id: z.string().min(1).max(200),
  seq: z.int().nonnegative(),
  station: z.string().min(1).max(100),
  receivedAt: z.int().positive(),
  businessDay: z.string().regex(DATE, { error: 'Write the business day as YYYY-MM-DD.' }),
  text: z.string().max(RELAY_MAX_TEXT_CHARS, {
    error: `A receipt's text may have at most ${RELAY_MAX_TEXT_CHARS} characters.`,
  }),
  figures: figuresOrNull,
  drawerKicks: z.int().nonnegative(),
  raw: z.string().regex(BASE64, { error: 'The raw bytes must be base64.' }).optional(),
});

export const batchSchema: z.ZodType<RelayBatch> = z
  .object({
    v: z.literal(RELAY_WIRE_VERSION, {
      error: `This endpoint speaks relay version ${RELAY_WIRE_VERSION}. Update the Worker or Receipt Desk so both speak the same.`,
    }),
    batchId: z
      .string()
      .regex(/^[\x21-\x7e]{1,200}$/u, { error: 'A batch id is 1 to 200 printable characters.' }),
    storeId: z.string().regex(STORE_ID_PATTERN, {
      error:
        'A store id is 1 to 40 letters, digits, "-" or "_", starting with a letter or digit, such as paris-11.',
    }),
    timezone: z.string().refine(knownTimeZone, {
      error: 'The time zone is not one the Worker knows. Set it in Receipt Desk as Region/City.',
    }),
    dayStart: z.string().refine((v) => dayStartProblem(v) === null, {
      error: 'The day start is not a time of day such as 04:00.',
    }),
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/u)
      .nullable(),
    restaurantName: z.string().max(200),
    receipts: z
      .array(receiptSchema)
      .min(1, { error: 'The batch has no receipts.' })
      .max(MAX_BATCH_RECEIPTS, {
        error: `A batch may carry at most ${MAX_BATCH_RECEIPTS} receipts. Lower the relay's batch size in Receipt Desk.`,
      }),
  })
  .superRefine((batch, ctx) => {
    // A receipt id starts with its store id, so one store's batch cannot claim another's.
    const prefix = `${batch.storeId}.`;
    batch.receipts.forEach((r, i) => {
      if (!r.id.startsWith(prefix)) {
        ctx.addIssue({
          code: 'custom',
          path: ['receipts', i, 'id'],
          message: `The receipt id "${r.id.slice(0, 80)}" does not start with the store id "${batch.storeId}.".`,
        });
      }
    });
  });

export type BatchCheck = { ok: true; batch: RelayBatch } | { ok: false; reason: string };

/** The body as a batch, or why it is not one. */
export function readBatch(body: Uint8Array): BatchCheck {
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(body));
  } catch {
    return { ok: false, reason: 'The body is not JSON (UTF-8).' };
  }
  const parsed = batchSchema.safeParse(value);
  if (parsed.success) return { ok: true, batch: parsed.data };
  const issue = parsed.error.issues[0];
  const where = issue.path
    .map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i > 0 ? '.' : ''}${String(p)}`))
    .join('');
  return { ok: false, reason: where ? `${where}: ${issue.message}` : issue.message };
}
