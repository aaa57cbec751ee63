/** The Live list narrowed to one station: what the store keeps as pages and live batches come. */
import { beforeEach, describe, expect, it } from 'vitest';
import { useDesk } from './desk-store';
import { testReceipt } from './test-receipts';

const front = (id: number) => testReceipt(id, { station: 'Front' });
const bar = (id: number) => testReceipt(id, { station: 'Bar' });

beforeEach(() =>
  useDesk.setState({
    receipts: [],
    hasOlder: false,
    loadingOlder: false,
    loaded: true,
    station: null,
    stations: [],
  }),
);

describe('station filter in the desk store', () => {
  it('learns stations from the printer ports and from receipts, each once, sorted', () => {
    const d = useDesk.getState();
    d.noteStations(['Front', 'Terrace']);
    d.addReceipts([bar(1), front(2), bar(3)]);
    expect(useDesk.getState().stations).toEqual(['Bar', 'Front', 'Terrace']);
    const before = useDesk.getState().stations;
    useDesk.getState().addReceipts([front(4)]);
    expect(useDesk.getState().stations).toBe(before); // nothing new: no re-render
  });

  it('starts the list over for a station and lets only its live receipts in', () => {
    const d = useDesk.getState();
    d.addReceipts([front(1), bar(2), front(3)]);
    d.setStation('Bar');
    expect(useDesk.getState()).toMatchObject({ station: 'Bar', receipts: [], loaded: false });
    // The station's first page, then a live batch from both stations.
    useDesk.getState().addReceipts([bar(2)]);
    useDesk.getState().addReceipts([front(4), bar(5), front(6)]);
    expect(useDesk.getState().receipts.map((r) => r.id)).toEqual([5, 2]);
    // Stations are still learnt from receipts the list does not show.
    useDesk.getState().addReceipts([testReceipt(7, { station: 'Terrace' })]);
    expect(useDesk.getState().stations).toEqual(['Bar', 'Front', 'Terrace']);
    expect(useDesk.getState().receipts.map((r) => r.id)).toEqual([5, 2]);
  });

  it('holds older pages of the station, and starts over again for all stations', () => {
    const d = useDesk.getState();
    d.setStation('Bar');
    d.addReceipts([bar(300), bar(298)]);
    d.setHasOlder(true);
    d.addOlder([bar(200), bar(150)], false);
    expect(useDesk.getState().receipts.map((r) => r.id)).toEqual([300, 298, 200, 150]);
    expect(useDesk.getState().hasOlder).toBe(false);

    useDesk.getState().setStation(null);
    expect(useDesk.getState()).toMatchObject({ station: null, receipts: [], hasOlder: false });
    useDesk.getState().addReceipts([front(301), bar(300), front(299)]);
    expect(useDesk.getState().receipts.map((r) => r.id)).toEqual([301, 300, 299]);
  });

  it('keeps the list when the same station is picked again', () => {
    const d = useDesk.getState();
    d.setStation('Bar');
    d.addReceipts([bar(1)]);
    useDesk.getState().setStation('Bar');
    expect(useDesk.getState().receipts.map((r) => r.id)).toEqual([1]);
  });
});
