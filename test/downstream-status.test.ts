/**
 * The till sees the real printer's state through the desk: a downstream printer (a TCP server
 * here) runs out of paper, is switched off and comes back; a PrinterWatch polls it and sets the
 * Kitchen station's condition from each change, as the service will when the station setting is
 * on; a till on 127.0.0.1 asking DLE EOT on Kitchen sees each state, and one on Bar never does.
 */
import { once } from 'node:events';
import { afterEach, expect, it } from 'vitest';
import { settingsSchema } from '../src/shared';
import { CaptureService, type CaptureSink } from '../src/main/capture';
import { type PrinterState, stateWords, tillCondition } from '../src/main/relay/printer-status';
import { PrinterWatch } from '../src/main/relay/printer-watch';
import { ask, openSocket } from './helpers/desk';
import {
  type DownstreamPrinter,
  PAPER_OUT,
  READY,
  startDownstreamPrinter,
} from './helpers/downstream-printer';

const sink: CaptureSink = {
  openConnection: () => 1,
  storeSegment: async () => {},
  closeConnection: () => {},
};

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

it("shows a station's till its downstream printer's paper out, switch-off and return", async () => {
  let printer: DownstreamPrinter = await startDownstreamPrinter({ status: READY });
  cleanups.push(() => printer.stop());
  const settings = settingsSchema.parse({
    listeners: [
      { host: '127.0.0.1', port: 0, station: 'Kitchen' },
      { host: '127.0.0.1', port: 0, station: 'Bar' },
    ],
  });
  const capture = new CaptureService({
    listeners: settings.listeners,
    ...settings.capture,
    identity: settings.identity,
    sink,
  });
  await capture.start();
  cleanups.push(() => capture.stop());
  const [kitchenPort, barPort] = capture.listeners().map((l) => l.port);

  // The wiring the service does for a station with "answer with the printer's status" on.
  const watch = new PrinterWatch({ host: '127.0.0.1', port: printer.port }, { intervalMs: 20 });
  cleanups.push(() => watch.stop());
  watch.on('change', (state) =>
    capture.setStationCondition(
      'Kitchen',
      tillCondition(state),
      `its printer: ${stateWords(state)}`,
    ),
  );
  const changed = async (): Promise<string> => {
    const [state] = (await once(watch, 'change')) as [PrinterState];
    return stateWords(state);
  };

  const kitchen = await openSocket(kitchenPort);
  const bar = await openSocket(barPort);
  cleanups.push(() => {
    kitchen.destroy();
    bar.destroy();
  });
  const asked = async (till: typeof kitchen, n: number) => [
    ...(await ask(till, [0x10, 0x04, n], 1)),
  ];

  watch.use();
  expect(await changed()).toBe('Ready');
  expect(await asked(kitchen, 1)).toEqual([0x12]);

  printer.setStatus(PAPER_OUT);
  expect(await changed()).toBe('Out of paper');
  expect(await asked(kitchen, 1)).toEqual([0x1a]); // offline
  expect(await asked(kitchen, 4)).toEqual([0x7e]); // roll paper end
  expect(await asked(bar, 4)).toEqual([0x12]);

  const port = printer.port;
  await printer.stop();
  expect(await changed()).toBe('Not reachable');
  expect(await asked(kitchen, 1)).toEqual([0x1a]);
  expect(await asked(kitchen, 4)).toEqual([0x12]);

  printer = await startDownstreamPrinter({ port, status: READY });
  expect(await changed()).toBe('Ready');
  expect(await asked(kitchen, 1)).toEqual([0x12]);
  expect(await asked(bar, 1)).toEqual([0x12]);
});
