/**
 * The race the browser test once hit: the first page shows a receipt still being read, and its
 * live announcement came before the stream was connected. The window must still show it done.
 */
import { describe, expect, it } from 'vitest';
import type { ReceiptSummary } from '../../shared/api';
import { fakeDeskApi } from '../testing/fake-desk-api';
import { connectDesk } from './connect-desk';
import { useDesk } from './desk-store';
import { testReceipt } from './test-receipts';

const receipt = (status: ReceiptSummary['status'], text: string | null): ReceiptSummary =>
  testReceipt(7, { status, text, seq: 0 });

describe('connectDesk', () => {
  it('re-reads a receipt the first page showed as still being read', async () => {
    let reads = 0;
    // The live stream missed this receipt: it never announces anything.
    const api = fakeDeskApi({
      listReceipts: async () => {
        reads++;
        const item = reads === 1 ? receipt('pending', null) : receipt('ok', 'Table 4\nTOTAL 9.50');
        return { ok: true, value: { items: [item], nextCursor: null } };
      },
    });
    const stop = connectDesk(api, useDesk);
    try {
      await expect
        .poll(() => useDesk.getState().receipts.find((r) => r.id === 7)?.text, { timeout: 3000 })
        .toBe('Table 4\nTOTAL 9.50');
      expect(reads).toBeGreaterThan(1);
    } finally {
      stop();
    }
  });
});
