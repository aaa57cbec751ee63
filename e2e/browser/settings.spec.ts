/** Settings: bad input is refused with a message; a port moves while the POS keeps printing. */
import net from 'node:net';
import path from 'node:path';
import { expect, test } from '../fixtures/desk-test';
import { printReceipt } from '../fixtures/print';

async function freePort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as net.AddressInfo;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

test('settings reject bad input with a message and change nothing', async ({ desk, page }) => {
  await page.goto(desk.url);
  await page.locator('nav').getByText('Settings', { exact: true }).click();
  const front = page.getByRole('group', { name: 'Printer port 1' });
  const port = front.getByLabel('Port', { exact: true });
  // The test's serve was started with --printer-port 0 (any free port).
  await expect(port).toHaveValue('0');

  await port.fill('70000');
  await expect(front).toContainText('The printer port must be between 1 and 65535.');
  await page.getByRole('combobox', { name: 'Tills allowed to print' }).fill('10.0.0.300');
  await page.keyboard.press('Enter');
  await expect(page.getByText('"10.0.0.300" is not an IP address.')).toBeVisible();
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByRole('alert')).toContainText('2 settings need fixing');
  await expect(page.getByRole('region', { name: 'Printer ports' })).toContainText('1 to fix');
  await page.screenshot({ path: path.join('e2e', 'artifacts', 'settings-errors.png') });

  // Nothing reached the service: the port still takes receipts.
  const saved = await (await page.request.get(new URL('/api/settings', desk.url).href)).json();
  expect(saved.settings.listeners[0].port).toBe(0);
  await printReceipt(desk.printerPort, ['STILL PRINTING']);
  await page.getByRole('button', { name: 'Discard changes' }).click();
  await page.locator('nav').getByText('Live', { exact: true }).click();
  await expect(page.getByTestId('receipt').first()).toContainText('STILL PRINTING');
});

test('a port taken by another program is refused by the service, with the reason', async ({
  desk,
  page,
}) => {
  const squatter = net.createServer();
  await new Promise<void>((r) => squatter.listen(0, '127.0.0.1', r));
  const taken = (squatter.address() as net.AddressInfo).port;
  try {
    await page.goto(desk.url);
    await page.locator('nav').getByText('Settings', { exact: true }).click();
    const front = page.getByRole('group', { name: 'Printer port 1' });
    await front.getByLabel('Port', { exact: true }).fill(String(taken));
    await page.getByRole('button', { name: 'Save changes' }).click();
    const alert = page.getByRole('alert');
    await expect(alert).toContainText('Not saved: nothing was changed');
    await expect(alert).toContainText(`Printer port ${taken} (Front) is already in use`);
  } finally {
    squatter.close();
  }
  await printReceipt(desk.printerPort, ['OLD PORT STILL WORKS']);
});

test('moving the printer port applies at once and the POS prints on the new one', async ({
  desk,
  page,
}) => {
  await page.goto(desk.url);
  await page.locator('nav').getByText('Settings', { exact: true }).click();
  const front = page.getByRole('group', { name: 'Printer port 1' });
  const newPort = await freePort();
  await front.getByLabel('Station name').fill('Terrace');
  await front.getByLabel('Port', { exact: true }).fill(String(newPort));
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByRole('status')).toContainText(`Terrace on port ${newPort}`);
  await page.screenshot({ path: path.join('e2e', 'artifacts', 'settings.png'), fullPage: true });

  await printReceipt(newPort, ['ON THE NEW PORT']);
  await page.locator('nav').getByText('Live', { exact: true }).click();
  const card = page.getByTestId('receipt').first();
  await expect(card).toContainText('ON THE NEW PORT');
  await expect(card).toContainText('Terrace');

  await page.locator('nav').getByText('Settings', { exact: true }).click();
  await page.getByRole('region', { name: 'Appearance' }).getByText('Dark', { exact: true }).click();
  await page.screenshot({ path: path.join('e2e', 'artifacts', 'settings-dark.png') });
});
