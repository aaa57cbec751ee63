/**
 * A check printed by a real POS client opens with its sales figures beside the paper: the kind,
 * the order and table, the subtotal, the tax on top, the total, the tip written on the card slip
 * and the card that paid, with no set-up. The same check printed again says it is a copy.
 */
import path from 'node:path';
import { PrinterTypes, ThermalPrinter } from 'node-thermal-printer';
import { expect, test } from '../fixtures/desk-test';

test('a receipt opens with its sales figures beside the paper', async ({ desk, page }) => {
  await page.goto(desk.url);
  await printCheck(desk.printerPort);
  const card = page.getByTestId('receipt').filter({ hasText: 'BLUE PLATE DINER' });
  await card.getByRole('button', { name: 'As printed' }).click();
  const figures = page.getByTestId('sales-figures');
  await expect(figures).toContainText('Sale');
  await expect(figures).toContainText('Order 2087 · Table 9 · 2 guests · Server Rosa');
  await expect(figures.getByRole('row', { name: /^Total/ })).toContainText('37.54');
  await expect(figures.getByRole('row', { name: /Tip/ })).toContainText('7.00');
  await expect(figures.getByRole('row', { name: /Visa ···4242/ })).toContainText('44.54');
  await expect(figures.getByRole('row', { name: /Tax 8.875%/ })).toContainText('3.06');
  await expect(page.getByTestId('receipt-paper')).toBeVisible();
  await page.screenshot({ path: path.join('e2e', 'artifacts', 'sales-figures.png') });
  await expect(page.getByTestId('reprint-note')).toHaveCount(0);
  await page.keyboard.press('Escape');

  // The server prints the check again for the table: a copy, shown as one, counted once.
  await printCheck(desk.printerPort);
  await expect(card).toHaveCount(2);
  await card.first().getByRole('button', { name: 'As printed' }).click();
  await expect(page.getByTestId('reprint-note')).toContainText('Printed again: a copy of receipt', {
    timeout: 15_000,
  });
});

async function printCheck(port: number): Promise<void> {
  const pos = new ThermalPrinter({
    type: PrinterTypes.EPSON,
    interface: `tcp://127.0.0.1:${port}`,
    width: 42,
    options: { timeout: 5_000 },
  });
  pos.alignCenter();
  pos.println('BLUE PLATE DINER');
  pos.alignLeft();
  pos.leftRight('Check #2087', 'Table 9');
  pos.leftRight('Server: Rosa', 'Guests: 2');
  pos.drawLine();
  pos.leftRight('2 Cheeseburger', '27.98');
  pos.println('   no pickles');
  pos.leftRight('1 Chocolate Shake', '6.50');
  pos.drawLine();
  pos.leftRight('Subtotal', '34.48');
  pos.leftRight('Sales Tax 8.875%', '3.06');
  pos.bold(true);
  pos.leftRight('TOTAL', '37.54');
  pos.bold(false);
  pos.leftRight('VISA XXXX4242', '44.54');
  pos.leftRight('Tip', '7.00');
  pos.cut();
  await pos.execute();
}
