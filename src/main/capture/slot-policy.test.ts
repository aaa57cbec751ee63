/** Who gives up a printer slot to a newcomer, and when a newcomer is turned away. */
import { describe, expect, it } from 'vitest';
import { type SlotHolder, decideSlot } from './slot-policy';

const limits = { maxConnections: 4, maxPerPeer: 2 };
const till = (peer: string, idleSince: number, busy = false): SlotHolder => ({
  peer,
  idleSince,
  busy,
});

describe('printer slots', () => {
  it('accepts while there is room, for the address and overall', () => {
    expect(decideSlot([till('A', 1), till('B', 2)], 'C', limits)).toEqual({ kind: 'accept' });
    expect(decideSlot([till('A', 1)], 'A', limits)).toEqual({ kind: 'accept' });
  });

  it('when every slot is taken, closes the one idle the longest with nothing in progress', () => {
    const holders = [till('A', 30), till('B', 10, true), till('C', 20), till('D', 15)];
    // B is silent the longest but has a receipt in progress: it keeps its slot.
    expect(decideSlot(holders, 'E', limits)).toEqual({ kind: 'evict', holder: holders[3] });
  });

  it('refuses the newcomer only when every slot has a receipt in progress', () => {
    const holders = ['A', 'B', 'C', 'D'].map((p, i) => till(p, i, true));
    expect(decideSlot(holders, 'E', limits)).toEqual({ kind: 'refuse', reason: 'all-busy' });
  });

  it('an address at its cap gives up its own idle connection, not another till’s', () => {
    const holders = [till('B', 1), till('A', 50), till('A', 40), till('C', 2)];
    // B and C are idle longer, but A is the one at its cap: it pays for its own newcomer.
    expect(decideSlot(holders, 'A', limits)).toEqual({ kind: 'evict', holder: holders[2] });
  });

  it('an address at its cap with every connection busy is refused, even with room elsewhere', () => {
    const holders = [till('A', 1, true), till('A', 2, true)];
    expect(decideSlot(holders, 'A', limits)).toEqual({ kind: 'refuse', reason: 'peer-full' });
    // Its busy connections do not take anyone else's room.
    expect(decideSlot(holders, 'B', limits)).toEqual({ kind: 'accept' });
  });

  it('after the limit was lowered, a newcomer still trades places with an idle one', () => {
    const holders = [till('A', 5), till('B', 3), till('C', 4), till('D', 6), till('E', 7)];
    expect(decideSlot(holders, 'F', limits)).toEqual({ kind: 'evict', holder: holders[1] });
  });
});
