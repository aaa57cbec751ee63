/**
 * A till that checks the printer before printing (node-thermal-printer's getStatus: GS r 1, and
 * it waits for the answer) then opens the drawer, beeps and cuts: the receipt's Events tab lists
 * the status reply it got and the drawer kick, beep and cut, and a byte offset opens the bytes
 * there.
 */
import AxeBuilder from '@axe-core/playwright';
import path from 'node:path';
import { PrinterTypes, ThermalPrinter } from 'node-thermal-printer';
import { expect, test } from '../fixtures/desk-test';

test('lists the status reply, the cut and the drawer kick of a receipt', async ({ desk, page }) => {
  await page.goto(desk.url);
  const printer = new ThermalPrinter({
    type: PrinterTypes.EPSON,
    interface: `tcp://127.0.0.1:${desk.printerPort}`,
    options: { timeout: 5_000 },
  });
  expect(await printer.isPrinterConnected()).toBe(true);
  // getStatus (GS r 1) exists in node-thermal-printer 4 but is missing from its typings.
  await (printer as unknown as { getStatus(): Promise<void> }).getStatus();
  printer.alignCenter();
  printer.bold(true);
  printer.println('OSTERIA DEL PORTO');
  printer.bold(false);
  printer.alignLeft();
  printer.leftRight('1x Branzino', '24.00');
  printer.leftRight('TOTAL EUR', '24.00');
  printer.openCashDrawer();
  printer.beep();
  printer.cut();
  // The till waits for the printer's answer to its status request, as a POS does.
  // Typed as a String, it resolves with the Buffer the printer sent back.
  const answer = (await printer.execute({ waitForResponse: true })) as unknown as Buffer;
  expect([...answer]).toEqual([0x00]); // GS r 1: paper present

  const card = page.getByTestId('receipt').filter({ hasText: 'OSTERIA DEL PORTO' });
  await card.getByRole('button', { name: 'As printed' }).click();
  // Its sales figures beside the paper: a sale of 24.00 EUR, no payment printed (said in words).
  const figures = page.getByTestId('sales-figures');
  await expect(figures).toContainText('Sale');
  await expect(figures.getByRole('row', { name: /Total/ })).toContainText('24.00');
  await expect(figures).toContainText('No payment was found.');
  await page.getByRole('tab', { name: /Events/ }).click();

  const replies = page.getByTestId('status-replies');
  const reply = replies.getByRole('row').filter({ hasText: 'GS r 1 — paper sensor' });
  await expect(reply).toContainText('1d 72 01');
  await expect(reply).toContainText('paper present');
  await expect(reply.getByRole('button', { name: 'Show byte 0 in the bytes' })).toBeVisible();

  const events = page.getByTestId('printer-events');
  await expect(events.getByRole('row').filter({ hasText: 'Cash drawer opened' })).toContainText(
    'pin 2',
  );
  await expect(events.getByRole('row').filter({ hasText: 'Beep' })).toBeVisible();
  const cut = events.getByRole('row').filter({ hasText: 'Paper cut' });
  await expect(cut).toBeVisible();
  await page.screenshot({ path: path.join('e2e', 'artifacts', 'receipt-events.png') });
  // Readable in both themes (WCAG AA contrast).
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    const contrast = await new AxeBuilder({ page })
      .include('.receipt-events')
      .withRules(['color-contrast'])
      .analyze();
    expect(contrast.violations.flatMap((v) => v.nodes.map((n) => n.html))).toEqual([]);
  }
  await page.screenshot({ path: path.join('e2e', 'artifacts', 'receipt-events-dark.png') });
  await page.emulateMedia({ colorScheme: 'light' });

  // The cut's byte opens the bytes with the cut command marked.
  await cut.getByRole('button', { name: /Show byte \d+ in the bytes/ }).click();
  await expect(page.getByRole('tab', { name: /Bytes/ })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('hex-mark')).toHaveText('1d');
  await page.getByRole('tab', { name: /Events/ }).click();
  await reply.getByRole('button', { name: 'Show byte 0 in the bytes' }).click();
  await expect(page.getByTestId('hex-mark')).toHaveText('1d 72 01');
  await page.screenshot({ path: path.join('e2e', 'artifacts', 'receipt-events-bytes.png') });
});
