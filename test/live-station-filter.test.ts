/**
 * The Live list's station filter against a real service with two printer ports: the renderer's
 * store and its DeskApi calls (listReceipts with a station, live batches) over real sockets and a
 * real SQLite file. The DeskApi here is the service's own calls wrapped in results, as the IPC
 * adapter does.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { DeskApi } from '../src/shared';
import { inProcessApi } from './helpers/in-process-api';
import { connectDesk, loadOlder } from '../src/renderer/state/connect-desk';
import { useDesk } from '../src/renderer/state/desk-store';
import { showStation } from '../src/renderer/state/station-filter';
import { type Desk, esc, eventually, sendRaw, startDesk } from './helpers/desk';

let desk: Desk | null = null;
let disconnect: (() => void) | null = null;
afterEach(async () => {
  disconnect?.();
  await desk?.stop();
  desk = null;
  useDesk.setState({ receipts: [], loaded: false, hasOlder: false, station: null, stations: [] });
});

/** `count` receipts on one connection, each cut, as a busy till sends them. */
const receipts = (station: string, from: number, count: number) =>
  Buffer.concat(
    Array.from({ length: count }, (_, k) => esc.receipt(`${station} order ${from + k}`)),
  );

const shown = () => useDesk.getState().receipts;

describe('Live list filtered by station', () => {
  it('pages, follows live receipts and goes back to all stations without losing any', async () => {
    desk = await startDesk({
      listeners: [
        { host: '127.0.0.1', port: 0, station: 'Front' },
        { host: '127.0.0.1', port: 0, station: 'Bar' },
      ],
    });
    const [frontPort, barPort] = desk.ports;
    await sendRaw(barPort, receipts('Bar', 1, 130));
    await sendRaw(frontPort, receipts('Front', 1, 5));
    await desk.waitForReceipts(135);

    const api = inProcessApi(desk.service);
    disconnect = connectDesk(api, useDesk);
    await eventually(() => useDesk.getState().stations.length === 2);
    expect(useDesk.getState().stations).toEqual(['Bar', 'Front']);
    await eventually(() => shown().length === 100);

    // Bar only: its newest page from the service, then the older page when scrolled down.
    await showStation(api, useDesk, 'Bar');
    expect(shown()).toHaveLength(100);
    expect(shown().every((r) => r.station === 'Bar')).toBe(true);
    expect(shown()[0].text).toBe('Bar order 130');
    expect(useDesk.getState().hasOlder).toBe(true);
    await loadOlder(api, useDesk);
    expect(shown()).toHaveLength(130);
    expect(shown().at(-1)?.text).toBe('Bar order 1');
    expect(useDesk.getState().hasOlder).toBe(false);

    // Live: both stations print; only Bar's receipt joins the list.
    await sendRaw(frontPort, receipts('Front', 6, 1));
    await sendRaw(barPort, receipts('Bar', 131, 1));
    await desk.waitForReceipts(137);
    await eventually(() => shown()[0].text === 'Bar order 131');
    expect(shown()).toHaveLength(131);
    expect(shown().some((r) => r.station === 'Front')).toBe(false);

    // All stations again: Front's receipt printed meanwhile is there, newest first.
    await showStation(api, useDesk, null);
    expect(
      shown()
        .slice(0, 2)
        .map((r) => r.text),
    ).toEqual(['Bar order 131', 'Front order 6']);
    expect(shown()).toHaveLength(100);
    expect(useDesk.getState().hasOlder).toBe(true);
  });

  it('keeps the list of the station picked last when an earlier answer comes late', async () => {
    desk = await startDesk({
      listeners: [
        { host: '127.0.0.1', port: 0, station: 'Front' },
        { host: '127.0.0.1', port: 0, station: 'Bar' },
      ],
    });
    const [frontPort, barPort] = desk.ports;
    await sendRaw(barPort, receipts('Bar', 1, 3));
    await sendRaw(frontPort, receipts('Front', 1, 105));
    await desk.waitForReceipts(108);
    const real = inProcessApi(desk.service);
    // A slow answer for Front (a busy service): it arrives after the manager picked Bar.
    const api: DeskApi = {
      ...real,
      listReceipts: async (query) => {
        const page = await real.listReceipts(query);
        if (query.station === 'Front') await new Promise((r) => setTimeout(r, 300));
        return page;
      },
    };
    disconnect = connectDesk(api, useDesk);
    await eventually(() => shown().length === 100);

    await Promise.all([showStation(api, useDesk, 'Front'), showStation(api, useDesk, 'Bar')]);
    expect(useDesk.getState().station).toBe('Bar');
    expect(shown().map((r) => r.text)).toEqual(['Bar order 3', 'Bar order 2', 'Bar order 1']);
    // Front's page had more behind it; Bar's has not, and the list must not go looking.
    expect(useDesk.getState().hasOlder).toBe(false);
  });
});
