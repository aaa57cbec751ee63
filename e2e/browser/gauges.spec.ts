/**
 * The System screen while the tills are busy: a bounded load (tills on 127.0.0.1 streaming
 * receipts for a few seconds, then stopping) moves the gauges the manager watches — receipts per
 * minute, connections, the sparklines — and the station's last receipt becomes "just now".
 */
import net from 'node:net';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from '../fixtures/desk-test';

const TILLS = 20;
const RECEIPTS_PER_TILL = 25;
const SENT = TILLS * RECEIPTS_PER_TILL;
/** Pause between one till's receipts: the load lasts about RECEIPTS_PER_TILL * this. */
const GAP_MS = 120;

/** One till: a connection held open while it prints its receipts, each ended by a cut. */
function till(port: number, n: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.on('error', reject);
    socket.on('close', () => resolve());
    let printed = 0;
    const printNext = () => {
      printed += 1;
      const text = `\x1b@TILL ${n} ORDER ${printed}\nFlat white     3.40\nTOTAL          3.40\n\x1dV\x00`;
      socket.write(Buffer.from(text, 'latin1'));
      if (printed === RECEIPTS_PER_TILL) socket.end();
      else setTimeout(printNext, GAP_MS);
    };
    socket.on('connect', printNext);
  });
}

/** The reading of one gauge card, and its sparkline. */
function gaugeCard(page: Page, id: string) {
  const card = page.locator(`[data-testid="gauge"][data-gauge="${id}"]`);
  return { card, value: card.getByTestId('gauge-value'), line: card.getByRole('img') };
}

const highest = async (line: ReturnType<typeof gaugeCard>['line']) => {
  const label = (await line.getAttribute('aria-label')) ?? '';
  return Number(/highest ([\d,]+)/.exec(label)?.[1].replace(/,/g, '') ?? NaN);
};
const points = async (line: ReturnType<typeof gaugeCard>['line']) =>
  Number(await line.getAttribute('data-points'));

test('the gauges move while a load runs', async ({ desk, page }) => {
  test.setTimeout(60_000);
  await page.goto(desk.url);
  await page
    .getByRole('navigation', { name: 'Screens' })
    .getByRole('button', { name: /^System/ })
    .click();

  const perMinute = gaugeCard(page, 'per-minute');
  const connections = gaugeCard(page, 'connections');
  const ports = page.getByRole('table', { name: 'Printer ports' });
  await expect(perMinute.value).toHaveText('0');
  await expect(ports.getByTestId('last-receipt')).toHaveText('No receipts yet');
  await expect(connections.line).toHaveAttribute('aria-label', /now 0, highest 0/);
  const pointsBefore = await points(connections.line);

  await Promise.all(Array.from({ length: TILLS }, (_, n) => till(desk.printerPort, n + 1)));

  // Every receipt sent is counted in the header, and in the last minute's rate.
  await expect(page.getByTestId('stat-total')).toHaveText(SENT.toLocaleString('en-US'));
  await expect(perMinute.value).toHaveText(SENT.toLocaleString('en-US'));
  await expect.poll(() => highest(perMinute.line)).toBe(SENT);
  // The tills held their connections while printing: the line shows them, now closed again.
  await expect.poll(() => highest(connections.line)).toBeGreaterThan(0);
  await expect(connections.value).toHaveText('0 / 50');
  // The lines kept gaining a point a second through the load.
  expect(await points(connections.line)).toBeGreaterThan(pointsBefore + 2);
  await expect(ports.getByTestId('last-receipt')).toHaveText(/just now|\d+ s ago/);
  await expect(ports).toContainText('Listening');

  await page.screenshot({ path: path.join('e2e', 'artifacts', 'system.png'), fullPage: true });
  // The app follows the operating system's theme unless Settings says otherwise.
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect(page.locator('html')).toHaveAttribute('data-mantine-color-scheme', 'dark');
  await page.screenshot({ path: path.join('e2e', 'artifacts', 'system-dark.png'), fullPage: true });
});
