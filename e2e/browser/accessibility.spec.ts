/**
 * WCAG 2 A and AA (axe-core) on every screen, in the light and the dark theme: contrast of text
 * and state colours, names of controls, structure. One test per theme walks the screens in
 * SCREENS and fails with every violation listed, screen by screen. A new screen is one more entry
 * in SCREENS.
 */
import net from 'node:net';
import path from 'node:path';
import { PrinterTypes, ThermalPrinter } from 'node-thermal-printer';
import type { Page } from '@playwright/test';
import { audit, type Finding, report } from '../fixtures/axe-audit';
import { expect, test } from '../fixtures/desk-test';
import { navigate } from '../fixtures/navigate';

interface ScreenCase {
  name: string;
  /** Shows the screen (from wherever the previous one left the page) and waits until it is full. */
  show(page: Page): Promise<void>;
}

/** Screens that need receipts; the empty state is checked before any is printed. */
const SCREENS: ScreenCase[] = [
  {
    name: 'Live with receipts',
    show: async (page) => {
      await navigate(page, 'Live');
      await expect(page.getByTestId('receipt')).toHaveCount(3);
    },
  },
  {
    name: 'Receipt drawer, as printed',
    show: async (page) => {
      await navigate(page, 'Live');
      const card = page.getByTestId('receipt').filter({ hasText: 'TRATTORIA LUCA' });
      await card.getByRole('button', { name: 'As printed' }).click();
      await expect(page.getByTestId('receipt-paper')).toBeVisible();
      await expect(page.getByRole('img', { name: /QR code/ })).toBeVisible();
    },
  },
  {
    name: 'Receipt drawer, bytes with notes',
    show: async (page) => {
      await navigate(page, 'Live');
      const card = page.getByTestId('receipt').filter({ hasText: 'GARBLED' });
      await card.getByRole('button', { name: 'As printed' }).click();
      await page.getByRole('tab', { name: 'Bytes · 1 note' }).click();
      await expect(page.getByTestId('hex-dump')).toBeVisible();
      await expect(page.getByText(/Unknown command 0x1d99/)).toBeVisible();
    },
  },
  {
    name: 'Search with results',
    show: async (page) => {
      await navigate(page, 'Search');
      await page.getByTestId('search-input').fill('tiramisu');
      await expect(
        page.getByRole('list', { name: 'Search results' }).getByTestId('receipt'),
      ).toHaveCount(1);
    },
  },
  {
    name: 'Today',
    show: async (page) => {
      await navigate(page, 'Today');
      await expect(page.getByTestId('today-total')).toHaveText('3');
      await expect(page.getByTestId('today-money')).toBeVisible();
    },
  },
  {
    name: 'Reports',
    show: async (page) => {
      await navigate(page, 'Reports');
      await expect(page.getByTestId('report-key-figures')).toBeVisible();
      await expect(page.getByRole('link', { name: 'PDF to print' })).toBeVisible();
    },
  },
  {
    name: 'Export',
    show: async (page) => {
      await navigate(page, 'Export');
      await expect(page.getByTestId('export-count')).toHaveText(/holds 3 receipts/);
    },
  },
  {
    name: 'Settings',
    show: async (page) => {
      await navigate(page, 'Settings');
      await expect(page.getByRole('group', { name: 'Printer port 1' })).toBeVisible();
    },
  },
  {
    name: 'System',
    show: async (page) => {
      await navigate(page, 'System');
      await expect(page.getByTestId('gauge')).not.toHaveCount(0);
      await expect(page.getByRole('table', { name: 'Printer ports' })).toContainText('Listening');
    },
  },
];

const EMPTY_STATE: ScreenCase = {
  name: 'Empty state (no receipts yet)',
  show: async (page) => {
    await expect(page.getByRole('heading', { name: 'No receipts yet' })).toBeVisible();
    await expect(page.getByTestId('printer-address').first()).toBeVisible();
  },
};

for (const theme of ['light', 'dark'] as const) {
  test(`every screen passes WCAG 2 A and AA in the ${theme} theme`, async ({ desk, page }) => {
    test.setTimeout(90_000);
    // Mantine then skips its transitions, so nothing is checked half faded in.
    // The theme comes from the operating system, as it does by default for a manager.
    await page.emulateMedia({ reducedMotion: 'reduce', colorScheme: theme });
    await page.goto(desk.url);
    await expect(page.locator('html')).toHaveAttribute('data-mantine-color-scheme', theme);

    const found = new Map<string, Finding>();
    const check = async (screen: ScreenCase) => {
      await test.step(screen.name, async () => {
        await screen.show(page);
        await audit(page, screen.name, found);
        // What was checked, to look at: e2e/artifacts/a11y/dark-system.png and so on.
        const slug = screen.name
          .toLowerCase()
          .replace(/[^a-z0-9]+/g, '-')
          .replace(/-$/, '');
        await page.screenshot({
          path: path.join('e2e', 'artifacts', 'a11y', `${theme}-${slug}.png`),
        });
      });
    };
    await check(EMPTY_STATE);
    await printReceipts(desk.printerPort);
    for (const screen of SCREENS) await check(screen);

    expect(found.size, `WCAG violations in the ${theme} theme:\n\n${report(found)}\n`).toBe(0);
  });
}

/** A styled receipt with codes, a receipt with commands the interpreter cannot read, a plain one. */
async function printReceipts(port: number): Promise<void> {
  const printer = new ThermalPrinter({
    type: PrinterTypes.EPSON,
    interface: `tcp://127.0.0.1:${port}`,
    options: { timeout: 5_000 },
  });
  printer.alignCenter();
  printer.setTextDoubleHeight();
  printer.bold(true);
  printer.println('TRATTORIA LUCA');
  printer.bold(false);
  printer.setTextNormal();
  printer.alignLeft();
  printer.leftRight('1x Tiramisu', '6.50');
  printer.invert(true);
  printer.println(' PAID ');
  printer.invert(false);
  printer.printBarcode('4006381333931', 67, { hriPos: 2, width: 2, height: 50 });
  printer.printQR('https://trattoria.example/r/A-1043', { cellSize: 3, correction: 'M' });
  printer.openCashDrawer();
  printer.cut();
  await printer.execute();
  // GS 0x99 is no ESC/POS command: the interpreter notes it, and the bytes view flags it.
  await sendRaw(port, '\x1b@GARBLED\n\x1d\x99Espresso 2.10\n\x1dV\x00');
  printer.clear();
  printer.println('ORDER A-2046');
  printer.leftRight('2x Espresso', '5.00');
  printer.cut();
  await printer.execute();
}

function sendRaw(port: number, text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.end(Buffer.from(text, 'latin1')));
    socket.on('close', () => resolve());
    socket.on('error', reject);
  });
}
