/**
 * The rules for a relayed receipt's sales figures (ReceiptFigures, src/shared/sales.ts) as the
 * zod schema the Worker checked them with until src/figures-check.ts, kept as the reference that
 * test/figures-check.test.ts holds the hand-written check to: the same rules said a second way,
 * in zod's terms, so a slip in either shows as a disagreement. Typed as ReceiptFigures, so a
 * field the desk adds or changes fails the typecheck here too.
 */
import { z } from 'zod';
import {
  PAYMENT_METHODS,
  RECEIPT_KINDS,
  type PosDayFigures,
  type ReceiptFigures,
} from '../../src/shared/sales';

/** Money in integer minor units (cents). */
const money = z.int();
const line = z.int().nonnegative();
const text = z.string();

const posDay: z.ZodType<PosDayFigures> = z.object({
  total: money.nullable(),
  netSales: money.nullable(),
  tax: money.nullable(),
  tips: money.nullable(),
  refunds: money.nullable(),
  discounts: money.nullable(),
  payments: z.partialRecord(z.enum(PAYMENT_METHODS), money),
  receipts: z.int().nullable(),
});

export const figuresSchema: z.ZodType<ReceiptFigures> = z.object({
  kind: z.enum(RECEIPT_KINDS),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/u)
    .nullable(),
  header: z.object({
    order: text.nullable(),
    table: text.nullable(),
    covers: z.int().nonnegative().nullable(),
    server: text.nullable(),
    terminal: text.nullable(),
    printedAt: text.nullable(),
  }),
  items: z.array(
    z.object({
      name: text,
      quantity: z.number(),
      amount: money.nullable(),
      modifiers: z.array(text),
      line,
    }),
  ),
  discounts: money,
  subtotal: money.nullable(),
  serviceCharge: money.nullable(),
  taxes: z.array(
    z.object({
      label: text,
      rate: z.number().nullable(),
      base: money.nullable(),
      amount: money,
      included: z.boolean(),
      line,
    }),
  ),
  tip: money.nullable(),
  total: money.nullable(),
  payments: z.array(
    z.object({
      method: z.enum(PAYMENT_METHODS),
      label: text,
      brand: text.nullable(),
      amount: money,
      last4: z
        .string()
        .regex(/^\d{4}$/u)
        .nullable(),
      line,
    }),
  ),
  change: money.nullable(),
  posDay: posDay.nullable(),
  lines: z
    .object({
      subtotal: line.nullable(),
      total: line.nullable(),
      tip: z.array(line),
      service: z.array(line),
      discounts: z.array(line),
      change: line.nullable(),
    })
    .optional(),
  confidence: z.number().min(0).max(1),
  problems: z.array(text),
});
