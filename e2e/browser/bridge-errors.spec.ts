/**
 * The window as Electron shows it when the service could not start: the preload bridge
 * (window.desk) answers every call with the failure, and the page shows its message. The bridge
 * is stood in for here because the Electron binary cannot run on this machine.
 */
import { DESK_CALLS } from '../../src/shared/contract';
import { expect, test } from '../fixtures/desk-test';

test('shows why the service is not receiving receipts', async ({ desk, page }) => {
  // Every call of the contract table answers with the failure, as the bridge then does.
  await page.addInitScript((calls) => {
    const failure = {
      ok: false as const,
      error: {
        code: 'PORT_IN_USE',
        message: 'Printer port 9100 is already in use. Close the other printer program.',
      },
    };
    const answer = () => Promise.resolve(failure);
    Object.defineProperty(window, 'desk', {
      value: {
        ...Object.fromEntries(calls.map((name) => [name, answer])),
        exportDelivery: 'show-in-folder',
        onReceipts: () => () => {},
        onMetrics: () => () => {},
      },
    });
  }, DESK_CALLS);
  await page.goto(desk.url);
  await expect(page.getByRole('alert')).toHaveText(
    'Printer port 9100 is already in use. Close the other printer program.',
  );
  await expect(page.getByTestId('receipt')).toHaveCount(0);
});
