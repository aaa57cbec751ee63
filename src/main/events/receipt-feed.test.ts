import { describe, expect, it } from 'vitest';
import type { ReceiptSummary } from '../../shared';
import { TEXT_PREVIEW_BYTES } from '../../shared';
import { ReceiptFeed } from './receipt-feed';

const MiB = 1024 * 1024;

/** A receipt as the service completes it: with its whole text. */
function receipt(id: number, text: string): ReceiptSummary {
  return {
    id,
    receivedAt: 1_795_000_000_000 + id,
    peer: '10.0.0.5',
    station: 'Front',
    connectionId: 1,
    seq: id,
    status: 'ok',
    byteCount: text.length,
    truncated: text.length > 16 * MiB,
    endedBy: 'cut',
    error: null,
    text,
    textCut: false,
    textBytes: text.length,
    warnings: 0,
    dialect: 'escpos',
    drawerKicks: 0,
  };
}

const hugeText = (id: number): string =>
  `RECEIPT ${id}\n${'1 x Espresso        2.40\n'.repeat(700_000)}`;

describe('the live feed holds receipts within its byte budget', () => {
  it('delivers previews of huge receipts and never holds more than its budget', () => {
    const maxBytes = 1 * MiB;
    const feed = new ReceiptFeed(0, {
      maxBytes,
      minIntervalMs: 60_000, // deliveries only when the budget forces them (or on flush)
      // The store's list query: previews, read back by id.
      reader: (ids) => ids.map((id) => ({ ...receipt(id, `RECEIPT ${id}`), textCut: true })),
    });
    const delivered: ReceiptSummary[] = [];
    feed.subscribe((batch) => delivered.push(...batch));
    let highest = 0;
    const count = 100;
    for (let id = 1; id <= count; id++) feed.expect(id, true);
    // Receipt 1 is slow: everything after it waits for it, done but not yet announced.
    for (let id = 2; id <= count; id++) {
      feed.complete([receipt(id, hugeText(id))]);
      highest = Math.max(highest, feed.heldBytes);
    }
    expect(delivered).toHaveLength(0);
    feed.complete([receipt(1, hugeText(1))]);
    highest = Math.max(highest, feed.heldBytes);
    feed.flush();

    // 100 receipts of 17 MiB of text each went through; the feed never held more than 1 MiB.
    expect(highest).toBeLessThanOrEqual(maxBytes);
    expect(delivered.map((r) => r.id)).toEqual(Array.from({ length: count }, (_, i) => i + 1));
    for (const r of delivered) {
      expect(r.textCut).toBe(true);
      expect(Buffer.byteLength(r.text!)).toBeLessThanOrEqual(TEXT_PREVIEW_BYTES);
      expect(r.text!.startsWith(`RECEIPT ${r.id}`)).toBe(true);
    }
    expect(feed.heldBytes).toBe(0);
    expect(feed.announcedUpTo).toBe(count);
  });

  it('keeps ordinary receipts whole and delivers them in order', () => {
    const feed = new ReceiptFeed(0, { minIntervalMs: 0 });
    const delivered: ReceiptSummary[] = [];
    feed.subscribe((batch) => delivered.push(...batch));
    feed.expect(1, true);
    feed.expect(2, false);
    feed.expect(3, true);
    feed.complete([receipt(3, 'THREE'), receipt(2, '')]);
    feed.complete([receipt(1, 'ONE')]);
    feed.flush();
    expect(delivered.map((r) => [r.id, r.text, r.textCut])).toEqual([
      [1, 'ONE', false],
      [3, 'THREE', false],
    ]);
  });
});
