/**
 * Where a POS can reach this PC's printer ports, and a test print through them. A listener bound
 * to every address (0.0.0.0) is reachable at each of the PC's network addresses; the manager
 * types one of those into the till's printer settings.
 */
import net from 'node:net';
import os from 'node:os';
import type { ListenerState } from './printer-port';
import type { PrinterAddress, TestPrint } from '../../shared';
import { DeskFailure } from '../../shared';

/** The PC's addresses a till on the network can use: IPv4 first, loopback last. */
export function printerAddresses(listeners: ListenerState[]): PrinterAddress[] {
  const lan: string[] = [];
  const lan6: string[] = [];
  for (const list of Object.values(os.networkInterfaces())) {
    for (const a of list ?? []) {
      if (a.internal) continue;
      if (a.family === 'IPv4') lan.push(a.address);
      else if (!a.address.startsWith('fe80')) lan6.push(a.address);
    }
  }
  return listeners.map((l) => {
    const everywhere = l.host === '0.0.0.0' || l.host === '::';
    return {
      station: l.station,
      port: l.port,
      listening: l.listening,
      addresses: everywhere ? [...lan, ...lan6, '127.0.0.1'] : [l.host],
    };
  });
}

/** An ESC/POS test receipt: centred heading, what it proves, the time, a cut. */
export function testReceipt(station: string, at: Date): Buffer {
  const ESC = '\x1b';
  const GS = '\x1d';
  return Buffer.from(
    `${ESC}@${ESC}a\x01${ESC}!\x30RECEIPT DESK\n${ESC}!\x00Test receipt\n\n` +
      `${ESC}a\x00Station: ${station}\nPrinted: ${at.toISOString().replace('T', ' ').slice(0, 19)} UTC\n\n` +
      'If this shows on the Live screen, a till pointed\nat this PC prints here too.\n\n' +
      `${GS}V\x00`,
    'latin1',
  );
}

/** Sends the test receipt to a listener, as a till would, and resolves once it is stored. */
export async function sendTestReceipt(listener: ListenerState, now: Date): Promise<TestPrint> {
  if (!listener.listening) {
    throw new DeskFailure(
      'NOT_LISTENING',
      `The printer port ${listener.port} (${listener.station}) is not open, so nothing can print to it.`,
    );
  }
  const host = listener.host === '0.0.0.0' || listener.host === '::' ? '127.0.0.1' : listener.host;
  await new Promise<void>((resolve, reject) => {
    const socket = net.connect({ host, port: listener.port }, () =>
      socket.end(testReceipt(listener.station, now)),
    );
    socket.setTimeout(5_000, () => socket.destroy(new Error('timed out')));
    // The service closes the connection once the receipt is committed: that is the ack.
    socket.on('close', (hadError) => (hadError ? undefined : resolve()));
    socket.on('error', (err) =>
      reject(
        new DeskFailure(
          'TEST_PRINT_FAILED',
          `The test receipt could not be sent to port ${listener.port}: ${err.message}. If an allow-list is set, add this PC (${host}) to it.`,
        ),
      ),
    );
  });
  return { station: listener.station, port: listener.port };
}
