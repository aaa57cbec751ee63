/** The list a window holds: bounded while live, longer only while the manager reads older pages. */
import { beforeEach, describe, expect, it } from 'vitest';
import { useDesk } from './desk-store';
import { RECEIPTS_KEPT } from './merge-receipts';
import { testReceipt } from './test-receipts';

const receipt = (id: number) => testReceipt(id);
const range = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, k) => receipt(from + k));

beforeEach(() => useDesk.setState({ receipts: [], hasOlder: false, loadingOlder: false }));

describe('desk store', () => {
  it('keeps the newest receipts live and remembers that older ones exist', () => {
    useDesk.getState().addReceipts(range(1, RECEIPTS_KEPT + 50));
    const s = useDesk.getState();
    expect(s.receipts).toHaveLength(RECEIPTS_KEPT);
    expect(s.receipts[0].id).toBe(RECEIPTS_KEPT + 50);
    expect(s.hasOlder).toBe(true);
  });

  it('holds older pages the manager scrolled to, until they are back at the top', () => {
    const d = useDesk.getState();
    d.addReceipts(range(301, 300 + RECEIPTS_KEPT));
    d.addOlder(range(101, 300), true);
    expect(useDesk.getState().receipts).toHaveLength(RECEIPTS_KEPT + 200);
    // New receipts while reading further down do not push the older ones out.
    useDesk.getState().addReceipts([receipt(10_000)]);
    expect(useDesk.getState().receipts).toHaveLength(RECEIPTS_KEPT + 201);
    expect(useDesk.getState().receipts.at(-1)?.id).toBe(101);
    useDesk.getState().trim();
    expect(useDesk.getState().receipts).toHaveLength(RECEIPTS_KEPT);
    expect(useDesk.getState().hasOlder).toBe(true);
  });
});
