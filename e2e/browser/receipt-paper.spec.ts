/**
 * A receipt opened from the list is drawn as it printed: bold double-size heading, aligned
 * prices, the barcode and QR code redrawn from their data, the drawer kick and the cut.
 */
import path from 'node:path';
import { PrinterTypes, ThermalPrinter } from 'node-thermal-printer';
import { expect, test } from '../fixtures/desk-test';

test('opens a receipt as printed, with its styles, codes and events', async ({ desk, page }) => {
  await page.goto(desk.url);
  const printer = new ThermalPrinter({
    type: PrinterTypes.EPSON,
    interface: `tcp://127.0.0.1:${desk.printerPort}`,
    options: { timeout: 5_000 },
  });
  printer.alignCenter();
  printer.setTextDoubleHeight();
  printer.setTextDoubleWidth();
  printer.bold(true);
  printer.println('TRATTORIA LUCA');
  printer.bold(false);
  printer.setTextNormal();
  printer.println('Via Roma 12, Milano');
  printer.alignLeft();
  printer.drawLine();
  printer.leftRight('2x Tagliatelle', '28.00');
  printer.leftRight('1x Tiramisu', '6.50');
  printer.drawLine();
  printer.bold(true);
  printer.leftRight('TOTAL EUR', '34.50');
  printer.bold(false);
  printer.alignCenter();
  printer.printBarcode('4006381333931', 67, { hriPos: 2, width: 2, height: 60 });
  printer.printQR('https://trattoria.example/r/A-1043', { cellSize: 4, correction: 'M' });
  printer.openCashDrawer();
  printer.cut();
  await printer.execute();

  const card = page.getByTestId('receipt').filter({ hasText: 'TRATTORIA LUCA' });
  await card.getByRole('button', { name: 'As printed' }).click();
  const paper = page.getByTestId('receipt-paper');
  await expect(paper).toBeVisible();
  await expect(paper.getByText('TRATTORIA LUCA')).toHaveClass(/bold/);
  await expect(paper.getByText('34.50')).toBeVisible();
  await expect(
    paper.getByRole('img', { name: /QR code: https:\/\/trattoria.example\/r\/A-1043/ }),
  ).toBeVisible();
  await expect(paper.getByRole('img', { name: /barcode/i })).toBeVisible();
  await expect(paper.getByRole('note').filter({ hasText: 'Cash drawer opened' })).toBeVisible();
  await expect(paper.getByRole('note').filter({ hasText: 'cut' })).toBeVisible();

  await page.screenshot({
    path: path.join('e2e', 'artifacts', 'receipt-paper.png'),
    fullPage: true,
  });

  // The same receipt as plain text and as the bytes the till sent.
  await page.getByRole('tab', { name: 'Text' }).click();
  await expect(page.getByTestId('detail-text')).toContainText('TOTAL EUR');
  await page.getByRole('tab', { name: /Bytes/ }).click();
  const dump = page.getByTestId('hex-dump');
  await expect(dump).toContainText('000000');
  await expect(dump).toContainText('1d 56 00'); // GS V 0: the cut that ended the receipt
  await page.screenshot({ path: path.join('e2e', 'artifacts', 'receipt-bytes.png') });
  await page.keyboard.press('Escape');
  await expect(paper).toHaveCount(0);
});
