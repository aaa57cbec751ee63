/**
 * A rush: 2,000 receipts arrive in a burst while the page is open. Every one is reachable by
 * scrolling, the page keeps only the cards near the view, and it stays responsive.
 */
import net from 'node:net';
import path from 'node:path';
import { expect, test } from '../fixtures/desk-test';

const COUNT = 2_000;

/** COUNT receipts on one connection, each ended by a cut, as a busy till streams them. */
async function burst(port: number): Promise<void> {
  const parts: Buffer[] = [];
  for (let n = 1; n <= COUNT; n++) {
    parts.push(
      Buffer.from(`\x1b@ORDER ${String(n).padStart(4, '0')}\nEspresso   2.10\n\x1dV\x00`, 'latin1'),
    );
  }
  await new Promise<void>((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.end(Buffer.concat(parts)));
    socket.on('close', () => resolve());
    socket.on('error', reject);
  });
}

test('a burst of 2,000 receipts stays responsive and every receipt is reachable', async ({
  desk,
  page,
}) => {
  test.setTimeout(90_000);
  await page.goto(desk.url);
  await page.evaluate(() => {
    const w = window as unknown as { longestTask: number };
    w.longestTask = 0;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.longestTask = Math.max(w.longestTask, e.duration);
    }).observe({ type: 'longtask', buffered: false });
  });

  await burst(desk.printerPort);
  const cards = page.getByTestId('receipt');
  await expect(cards.first()).toContainText(`ORDER ${COUNT}`, { timeout: 60_000 });
  await expect(page.getByTestId('stat-total')).toHaveText('2,000', { timeout: 30_000 });
  // Only the cards near the view exist in the page.
  expect(await cards.count()).toBeLessThan(100);

  // The oldest receipt is at the end of the list: keep scrolling down, as the manager would,
  // and older pages load as the end comes near.
  const scroller = page.getByTestId('receipt-scroll');
  const oldest = cards.filter({ hasText: 'ORDER 0001' });
  await expect
    .poll(
      async () => {
        await scroller.evaluate((el) => (el.scrollTop = el.scrollHeight));
        return oldest.isVisible();
      },
      { timeout: 30_000, intervals: [200] },
    )
    .toBe(true);

  const longest = await page.evaluate(
    () => (window as unknown as { longestTask: number }).longestTask,
  );
  console.log(`Burst of ${COUNT} receipts: longest task in the page ${Math.round(longest)} ms.`);
  await page.screenshot({ path: path.join('e2e', 'artifacts', 'burst-end.png') });
});
