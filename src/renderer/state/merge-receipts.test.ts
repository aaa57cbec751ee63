import { describe, expect, it } from 'vitest';
import type { ReceiptSummary } from '../../shared/api';
import { mergeReceipts } from './merge-receipts';
import { testReceipt } from './test-receipts';

const receipt = (id: number, status: ReceiptSummary['status'] = 'ok'): ReceiptSummary =>
  testReceipt(id, { status, text: status === 'pending' ? null : `receipt ${id}` });

describe('mergeReceipts', () => {
  it('keeps newest first and each receipt once', () => {
    const merged = mergeReceipts([receipt(3), receipt(1)], [receipt(2), receipt(3), receipt(4)]);
    expect(merged.map((r) => r.id)).toEqual([4, 3, 2, 1]);
  });

  it('does not let an older pending copy replace a finished receipt', () => {
    const merged = mergeReceipts([receipt(5, 'ok')], [receipt(5, 'pending')]);
    expect(merged[0].status).toBe('ok');
    expect(mergeReceipts([receipt(6, 'pending')], [receipt(6, 'ok')])[0].text).toBe('receipt 6');
  });

  it('keeps only the newest receipts up to the cap', () => {
    const many = Array.from({ length: 20 }, (_, i) => receipt(i + 1));
    expect(mergeReceipts([], many, 5).map((r) => r.id)).toEqual([20, 19, 18, 17, 16]);
  });
});
