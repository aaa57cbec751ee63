/**
 * The System screen's "Who holds the printer slots": devices on 127.0.0.2 and 127.0.0.3 (the
 * whole of 127/8 is loopback on Linux) hold connections, one idle, one with receipts in
 * progress; the manager sees each address, its connections and silence, the till turned away,
 * and why.
 */
import AxeBuilder from '@axe-core/playwright';
import net from 'node:net';
import path from 'node:path';
import { expect, test } from '../fixtures/desk-test';

test.use({
  deskSettings: { capture: { maxConnections: 6, maxConnectionsPerPeer: 3, idleTimeoutMs: 60_000 } },
});

const sockets: net.Socket[] = [];
test.afterEach(() => {
  for (const s of sockets.splice(0)) s.destroy();
});

/** A connection from `address`; resolves once connected, or refused (reset) at once. */
function connect(port: number, address: string, first?: string): Promise<net.Socket> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: '127.0.0.1', localAddress: address });
    sockets.push(socket);
    socket.on('error', () => resolve(socket));
    socket.once('connect', () => {
      if (first) socket.write(Buffer.from(first, 'latin1'));
      resolve(socket);
    });
  });
}

test('System shows who holds the printer slots and the tills turned away', async ({
  desk,
  page,
}) => {
  const port = desk.printerPort;
  // A kitchen printer client with three receipts half sent, and a device that sends nothing.
  for (let n = 1; n <= 3; n++) await connect(port, '127.0.0.3', `\x1b@Table ${n}\nSoup  6.00\n`);
  for (let n = 1; n <= 4; n++) await connect(port, '127.0.0.2');
  await page.goto(desk.url);
  await page
    .getByRole('navigation', { name: 'Screens' })
    .getByRole('button', { name: /^System/ })
    .click();
  const holders = page.getByRole('table', { name: 'Who holds the printer slots' });
  const idle = holders.getByTestId('slot-holder').filter({ hasText: '127.0.0.2' });
  const busy = holders.getByTestId('slot-holder').filter({ hasText: '127.0.0.3' });
  // The idle device's fourth connection took the place of its own oldest: it holds its limit.
  await expect(idle.getByRole('cell')).toHaveText(['127.0.0.2', '3 (its limit)', '0', /\d+ s/]);
  await expect(busy.getByRole('cell')).toHaveText(['127.0.0.3', '3 (its limit)', '3', /\d+ s/]);
  await expect(page.getByTestId('evicted')).toHaveText(/1 to make room/);

  // A fourth connection from the device whose three are all busy is turned away, and said so.
  await connect(port, '127.0.0.3');
  await expect(page.getByTestId('refused')).toHaveText(
    'Turned away: 1 (0 with every slot busy, 1 over a device’s limit)',
  );
  await expect(page.getByTestId('refusing')).toContainText(
    '1 connection from 127.0.0.3 turned away in the last minute',
  );
  await expect(page.getByTestId('gauge').filter({ hasText: 'Connections' })).toContainText(
    'Tills turned away',
  );
  await page.getByRole('heading', { name: 'Who holds the printer slots' }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join('e2e', 'artifacts', 'system-slots.png') });
  // Its warning and failing colours stay readable, in both themes.
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await expect(page.locator('html')).toHaveAttribute('data-mantine-color-scheme', scheme);
    const scan = await new AxeBuilder({ page })
      .include('section[aria-labelledby="system-slots"]')
      .withTags(['wcag2a', 'wcag2aa'])
      .analyze();
    expect(scan.violations.map((v) => `${scheme}: ${v.id}: ${v.help}`)).toEqual([]);
  }
  await page.screenshot({ path: path.join('e2e', 'artifacts', 'system-slots-dark.png') });
});
