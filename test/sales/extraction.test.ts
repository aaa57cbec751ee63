/**
 * Every layout of the fixture generator, printed through its real encoder and read back by the
 * interpreter, gives the figures its truth holds, with no set-up: the kind, every item (name,
 * quantity, amount), the taxes, the tip, the total, the payments and the change, the header's
 * order, table, covers and server, and a Z or X report's own day figures. Sixty receipts per
 * layout, from different seeds than any the extractor was written against.
 */
import { describe, expect, it } from 'vitest';
import { interpret } from '../../src/main/escpos';
import { extractFigures } from '../../src/main/sales';
import type { ReceiptFigures } from '../../src/shared';
import { LAYOUT_NAMES, printReceipt, type ReceiptTruth } from './fixtures';

const SEEDS = Array.from({ length: 60 }, (_, k) => 1000 + k);

/** The figures a person checking the receipt against the paper would compare. */
function compared(f: ReceiptFigures | ReceiptTruth) {
  const money = f.kind === 'sale' || f.kind === 'refund';
  const payments = new Map<string, number>();
  for (const p of f.payments) payments.set(p.method, (payments.get(p.method) ?? 0) + p.amount);
  return {
    kind: f.kind,
    items: f.items.map((i) => ({ name: i.name, quantity: i.quantity, amount: i.amount })),
    total: money ? f.total : null,
    tip: money ? f.tip : null,
    tax: f.taxes.reduce((n, t) => n + t.amount, 0),
    taxIncluded: f.taxes.map((t) => t.included),
    payments: money ? Object.fromEntries([...payments].sort()) : {},
    change: money ? f.change : null,
    order: f.header.order,
    table: f.header.table,
    covers: f.header.covers,
    server: f.header.server,
    // A report that prints no tips line has none to read: the truth's 0 is "not printed" there.
    posDay: f.posDay && { ...f.posDay, tips: f.posDay.tips || null },
  };
}

describe.each(LAYOUT_NAMES)('%s', (layout) => {
  it('reads as its truth, receipt after receipt', async () => {
    const wrong: string[] = [];
    for (const seed of SEEDS) {
      const printed = await printReceipt(layout, seed);
      const figures = extractFigures({ text: interpret(printed.bytes, printed.station).text });
      const got = compared(figures);
      const want = compared(printed.truth);
      if (JSON.stringify(got) !== JSON.stringify(want)) {
        const fields = Object.keys(want).filter(
          (k) =>
            JSON.stringify(got[k as keyof typeof got]) !==
            JSON.stringify(want[k as keyof typeof want]),
        );
        wrong.push(
          `seed ${seed}: ` +
            fields
              .map(
                (k) =>
                  `${k} ${JSON.stringify(got[k as keyof typeof got])} ≠ ${JSON.stringify(want[k as keyof typeof want])}`,
              )
              .join('; '),
        );
      }
    }
    expect(wrong).toEqual([]);
  }, 60_000);
});
