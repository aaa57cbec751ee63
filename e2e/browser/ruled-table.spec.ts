/**
 * A ruled table (rules printed first, the cells filled after by moving the print position back)
 * is drawn with each cell between its rules, and its plain text is one line with the cells at
 * their columns, as the paper has them.
 */
import net from 'node:net';
import path from 'node:path';
import { expect, test } from '../fixtures/desk-test';

const ESC = 0x1b;
const u16 = (n: number) => [n & 0xff, n >> 8];
const at = (x: number) => [ESC, 0x24, ...u16(x)];
const text = (s: string) => [...Buffer.from(s, 'latin1')];

/** One table row: rules at 0, 60, 372 and 492 dots, then the cells (PC437 0xB3 is │). */
function row(cells: [number, string][]): number[] {
  return [
    ...[0, 60, 372, 492].flatMap((x) => [...at(x), 0xb3]),
    ...cells.flatMap(([x, s]) => [...at(x), ...text(s)]),
    0x0a,
  ];
}

function send(port: number, bytes: number[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.end(Buffer.from(bytes)));
    socket.on('close', () => resolve());
    socket.on('error', reject);
  });
}

test('a ruled table keeps every cell between its rules, on paper and in the text', async ({
  desk,
  page,
}) => {
  await page.goto(desk.url);
  const rule = Array(42).fill(0xc4);
  // prettier-ignore
  await send(desk.printerPort, [
    ESC, 0x40, ESC, 0x74, 0,
    ...text('CORNER BISTRO'), 0x0a,
    ...rule, 0x0a,
    ...row([[24, 'Qty'], [198, 'Item'], [384, 'Amount']]),
    ...rule, 0x0a,
    ...row([[24, '2'], [84, 'Flat white'], [420, '7.00']]),
    ...row([[24, '1'], [84, 'Croissant'], [420, '3.20']]),
    ...rule, 0x0a,
    0x1d, 0x56, 0x00,
  ]);

  const card = page.getByTestId('receipt').filter({ hasText: 'CORNER BISTRO' });
  await card.getByRole('button', { name: 'As printed' }).click();
  const paper = page.getByTestId('receipt-paper');
  await expect(paper).toBeVisible();

  // On paper: "Flat white" sits right of the second rule and left of the third.
  const line = paper.locator('.paper-line').filter({ hasText: 'Flat white' });
  const rules = line.getByText('│', { exact: true });
  await expect(rules).toHaveCount(4);
  const second = (await rules.nth(1).boundingBox())!;
  const third = (await rules.nth(2).boundingBox())!;
  const cell = (await line.getByText('Flat white').boundingBox())!;
  expect(cell.x).toBeGreaterThan(second.x + second.width - 1);
  expect(cell.x + cell.width).toBeLessThan(third.x);
  await page.screenshot({ path: path.join('e2e', 'artifacts', 'ruled-table.png') });

  // In the text: each row is one line, the cells at their columns.
  await page.getByRole('tab', { name: 'Text' }).click();
  const detail = page.getByTestId('detail-text');
  await expect(detail).toContainText('│ Qty│           Item          │Amount   │');
  await expect(detail).toContainText('│ 2  │ Flat white              │   7.00  │');
  await expect(detail).toContainText('│ 1  │ Croissant               │   3.20  │');
});
