/** A receipt summary for the renderer's tests: a printed Front receipt, changed as each needs. */
import type { ReceiptSummary } from '../../shared/api';

export function testReceipt(id: number, change: Partial<ReceiptSummary> = {}): ReceiptSummary {
  return {
    id,
    receivedAt: 1_795_000_000_000 + id,
    peer: '10.0.0.5',
    station: 'Front',
    connectionId: 1,
    seq: id,
    status: 'ok',
    byteCount: 40,
    truncated: false,
    endedBy: 'cut',
    dialect: 'escpos',
    drawerKicks: 0,
    error: null,
    text: `ORDER ${id}`,
    textCut: false,
    textBytes: `ORDER ${id}`.length,
    warnings: 0,
    ...change,
  };
}
