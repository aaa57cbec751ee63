import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  RELAY_MAX_BODY_BYTES,
  RELAY_MAX_TEXT_CHARS,
  type RelayBatch,
  type RelayReceipt,
} from '../../shared';
import { cutBatches, type BatchEnvelope, type Cut } from './batches';

const envelope: BatchEnvelope = {
  storeId: 'paris-11',
  timezone: 'Europe/Paris',
  dayStart: '04:00',
  currency: 'EUR',
  restaurantName: 'Chez Léon — 東京',
};

function receipt(n: number, text = `Burger ${n}\nTotal 12.50`): RelayReceipt {
  return {
    id: `paris-11.inst.${n}`,
    seq: n,
    station: 'Front',
    receivedAt: 1_741_950_000_000 + n,
    businessDay: '2025-03-14',
    text,
    figures: null,
    drawerKicks: 0,
  };
}

let counter = 0;
/** Ids of one length, so a body's size does not depend on which id it got. */
const ids = () => `batch-${String(++counter).padStart(6, '0')}`;

/** Every body parses to the batch it claims, with the exact byte count, in order. */
function checkBodies(cut: Cut, sent: RelayReceipt[]) {
  const seen: RelayReceipt[] = [];
  for (const b of cut.batches) {
    expect(b.bytes).toBe(Buffer.byteLength(b.body));
    const parsed = JSON.parse(b.body) as RelayBatch;
    expect(Object.keys(parsed)).toEqual([
      'v',
      'batchId',
      'storeId',
      'timezone',
      'dayStart',
      'currency',
      'restaurantName',
      'receipts',
    ]);
    expect(parsed).toMatchObject({ v: 1, batchId: b.batchId, ...envelope });
    expect(parsed.receipts.map((r) => r.id)).toEqual(b.receiptIds);
    seen.push(...parsed.receipts);
  }
  expect(seen).toEqual(sent);
  expect(new Set(cut.batches.map((b) => b.batchId)).size).toBe(cut.batches.length);
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('cutBatches', () => {
  it('sends 25 receipts a request by default, in order', () => {
    const list = Array.from({ length: 60 }, (_, i) => receipt(i));
    const cut = cutBatches(list, envelope, { newBatchId: ids });
    expect(cut.batches.map((b) => b.receiptIds.length)).toEqual([25, 25, 10]);
    expect(cut.tooLarge).toEqual([]);
    checkBodies(cut, list);
  });

  it('counts bytes exactly, multi-byte characters included, up to the limit and not one over', () => {
    const list = [
      receipt(1, 'Café crème 3,50 €'),
      receipt(2, 'ラーメン ¥900'),
      receipt(3, 'Pizza 🍕 12.00'),
    ];
    const whole = cutBatches(list, envelope, { newBatchId: ids });
    expect(whole.batches).toHaveLength(1);
    const exact = whole.batches[0].bytes;
    expect(cutBatches(list, envelope, { maxBytes: exact, newBatchId: ids }).batches).toHaveLength(
      1,
    );
    const tight = cutBatches(list, envelope, { maxBytes: exact - 1, newBatchId: ids });
    expect(tight.batches.map((b) => b.receiptIds.length)).toEqual([2, 1]);
    checkBodies(tight, list);
  });

  it('sends a receipt larger than a batch alone, between its neighbours', () => {
    const big = receipt(2, 'x'.repeat(10_000));
    const list = [receipt(1), big, receipt(3), receipt(4)];
    const cut = cutBatches(list, envelope, { maxBytes: 4096, newBatchId: ids });
    expect(cut.batches.map((b) => b.receiptIds)).toEqual([
      [list[0].id],
      [big.id],
      [list[2].id, list[3].id],
    ]);
    expect(cut.batches[1].bytes).toBeGreaterThan(4096);
    checkBodies(cut, list);
  });

  it('reports a receipt too large for any request, and sends the rest in order', () => {
    // The raw bytes, when the manager sends them, can make a receipt larger than any request.
    const huge = { ...receipt(2), raw: 'A'.repeat(RELAY_MAX_BODY_BYTES) };
    const list = [receipt(1), huge, receipt(3)];
    const cut = cutBatches(list, envelope, { newBatchId: ids });
    expect(cut.tooLarge).toHaveLength(1);
    expect(cut.tooLarge[0].id).toBe(huge.id);
    expect(cut.tooLarge[0].bytes).toBeGreaterThan(RELAY_MAX_BODY_BYTES);
    expect(cut.tooLarge[0].reason).toMatch(
      /^The receipt takes 1,025 KiB to send, more than the relay endpoint accepts in one request \(1,024 KiB\): it stays on this PC and is not relayed\.$/,
    );
    expect(cut.batches.map((b) => b.receiptIds)).toEqual([[list[0].id, list[2].id]]);
    checkBodies(cut, [list[0], list[2]]);
  });

  it('reports a receipt whose text the endpoint would refuse, instead of losing its batch', () => {
    const long = receipt(2, 'a'.repeat(RELAY_MAX_TEXT_CHARS + 1));
    const cut = cutBatches([receipt(1), long], envelope, { newBatchId: ids });
    expect(cut.tooLarge).toEqual([
      {
        id: long.id,
        bytes: RELAY_MAX_TEXT_CHARS + 1,
        reason:
          "The receipt's text is 65,537 characters, more than the relay endpoint takes (65,536): it stays on this PC and is not relayed.",
      },
    ]);
    expect(cut.batches.map((b) => b.receiptIds)).toEqual([[receipt(1).id]]);
  });

  it('never lets a batch go over the request limit, whatever maxBytes says', () => {
    const list = Array.from({ length: 3 }, (_, i) => ({ ...receipt(i), raw: 'A'.repeat(400_000) }));
    const cut = cutBatches(list, envelope, {
      maxBytes: 10 * RELAY_MAX_BODY_BYTES,
      newBatchId: ids,
    });
    for (const b of cut.batches) expect(b.bytes).toBeLessThanOrEqual(RELAY_MAX_BODY_BYTES);
    expect(cut.batches.map((b) => b.receiptIds.length)).toEqual([2, 1]);
  });

  it('makes a new random id for every body by default', () => {
    const list = Array.from({ length: 4 }, (_, i) => receipt(i));
    const a = cutBatches(list, envelope, { maxReceipts: 2 });
    const b = cutBatches(list, envelope, { maxReceipts: 2 });
    const all = [...a.batches, ...b.batches].map((x) => x.batchId);
    expect(new Set(all).size).toBe(4);
    for (const id of all) expect(id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('puts figures given as their stored JSON in as they are, the body the same as from the object', () => {
    const figures = {
      kind: 'sale',
      total: 1250,
      items: [{ name: 'Burger "deluxe" ,"figures":0 \\', amount: 1250 }],
    } as unknown as RelayReceipt['figures'];
    // A text holding what the stored figures replace must not be mistaken for the field.
    const list = [receipt(1, 'Note ,"figures":0, here'), receipt(2)].map((r) => ({
      ...r,
      figures,
    }));
    const stored = list.map((r) => ({ ...r, figures: null, figuresJson: JSON.stringify(figures) }));
    const fromObjects = cutBatches(list, envelope, { newBatchId: () => 'b' });
    const fromStored = cutBatches(stored, envelope, { newBatchId: () => 'b' });
    expect(fromStored).toEqual(fromObjects);
    checkBodies(fromStored, list);
  });

  it('gives nothing for nothing', () => {
    expect(cutBatches([], envelope)).toEqual({ batches: [], tooLarge: [] });
  });

  it('turns each receipt into JSON once, and each batch head once', () => {
    const list = Array.from({ length: 100 }, (_, i) => receipt(i));
    const stringify = vi.spyOn(JSON, 'stringify');
    const cut = cutBatches(list, envelope, { maxReceipts: 7 });
    expect(stringify).toHaveBeenCalledTimes(list.length + cut.batches.length);
  });

  it('keeps order, limits and exact sizes for any receipts and limits', () => {
    const text = fc.string({ unit: 'grapheme', maxLength: 3000 });
    fc.assert(
      fc.property(
        fc.array(text, { maxLength: 40 }),
        fc.integer({ min: 1, max: 30 }),
        fc.integer({ min: 200, max: 20_000 }),
        (texts, maxReceipts, maxBytes) => {
          const list = texts.map((t, i) => receipt(i, t));
          const cut = cutBatches(list, envelope, { maxReceipts, maxBytes, newBatchId: ids });
          expect(cut.tooLarge).toEqual([]);
          checkBodies(cut, list);
          for (const b of cut.batches) {
            expect(b.receiptIds.length).toBeLessThanOrEqual(maxReceipts);
            if (b.receiptIds.length > 1) expect(b.bytes).toBeLessThanOrEqual(maxBytes);
          }
          // Greedy: a batch was closed only because the next receipt did not fit.
          for (let i = 0; i + 1 < cut.batches.length; i++) {
            const b = cut.batches[i];
            const next = list.find((r) => r.id === cut.batches[i + 1].receiptIds[0])!;
            const wouldBe = b.bytes + 1 + Buffer.byteLength(JSON.stringify(next));
            expect(
              b.receiptIds.length === maxReceipts || wouldBe > maxBytes || b.bytes > maxBytes,
            ).toBe(true);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
