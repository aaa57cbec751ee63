/**
 * Teaching a station its till's words in the browser: a Turkish lokanta's checks (TOPLAM,
 * NAKİT, KREDİ KARTI…) are printed through the real listener and none of them reconciles. In
 * one receipt's Figures tab the manager clicks five lines and says what each is; the preview
 * says how many of the station's checks would reconcile; saving reads the day again, the
 * Reports screen sums them, and Settings › Sales profiles lists the words.
 */
import AxeBuilder from '@axe-core/playwright';
import path from 'node:path';
import { expect, test } from '../fixtures/desk-test';
import { type LokantaTruth, printLokantaCheck } from '../../test/helpers/lokanta';

test.use({ deskSettings: { business: { restaurantName: 'Lokanta Anadolu', currency: 'TRY' } } });

const CHECKS = 6;

test('a layout the default cannot read is taught from one receipt', async ({ desk, page }) => {
  await page.goto(desk.url);
  const truths: LokantaTruth[] = [];
  for (let seed = 0; seed < CHECKS; seed++) {
    truths.push(await printLokantaCheck(desk.printerPort, seed));
  }
  await expect(page.getByTestId('receipt')).toHaveCount(CHECKS);

  const first = page.getByTestId('receipt').filter({ hasText: 'Fiş No: 2000' });
  await first.getByRole('button', { name: 'As printed' }).click();
  await expect(page.getByTestId('sales-figures')).toContainText('Total');
  await expect(page.getByTestId('sales-figures')).toContainText('not found');
  await page.getByRole('tab', { name: 'Figures' }).click();
  const lines = page.getByRole('list', { name: 'Receipt lines' });
  const teach = async (start: string, role: string) => {
    await lines.getByRole('listitem', { name: new RegExp(`^Line \\d+: ${start}`, 'u') }).click();
    // Chosen from the keyboard (the item focused, then Enter), as a manager may: a click can
    // miss on a loaded machine while the menu is still being placed beside its line.
    await page.getByRole('menuitem', { name: role, exact: true }).press('Enter');
    // The menu closes (with a short transition) before the next line opens its own.
    await expect(page.getByRole('menu')).toHaveCount(0);
  };
  await teach('TOPLAM', 'Total');
  const preview = page.getByTestId('teach-preview');
  await expect(preview).toContainText(`Of Front’s last ${CHECKS} receipts`);
  await teach('ARA TOPLAM', 'Subtotal');
  await teach('NAKİT', 'Cash payment');
  await teach('KREDİ KARTI', 'Card payment');
  await teach('PARA ÜSTÜ', 'Change given');
  await expect(preview).toContainText(`${CHECKS} would reconcile (0 now)`);
  await expect(page.getByText('“kredi karti” → Card payment')).toBeVisible();
  // The receipt's lines now say what they gave: the total, the card, the change.
  await expect(
    lines.getByRole('listitem', { name: /KREDİ KARTI.*\(read as Card\)/u }),
  ).toBeVisible();
  await expect(lines.getByRole('listitem', { name: /: TOPLAM.*\(read as Total\)/u })).toBeVisible();
  await expect(
    lines.getByRole('listitem', { name: /PARA ÜSTÜ.*\(read as Change\)/u }),
  ).toBeVisible();
  await page.screenshot({ path: path.join('e2e', 'artifacts', 'teach-profile.png') });
  // Readable in both themes (WCAG AA contrast), the lines it read marked.
  for (const colorScheme of ['dark', 'light'] as const) {
    await page.emulateMedia({ colorScheme });
    const contrast = await new AxeBuilder({ page })
      .include('[data-testid="teach-figures"]')
      .withRules(['color-contrast'])
      .analyze();
    expect(contrast.violations.flatMap((v) => v.nodes.map((n) => n.html))).toEqual([]);
  }

  await page.getByRole('button', { name: 'Save for Front' }).click();
  await expect(page.getByTestId('teach-saved')).toContainText(
    'Front’s receipts are read with its own words',
    { timeout: 15_000 },
  );
  const total = truths.reduce((n, t) => n + t.total, 0);
  const lira = (kurus: number) =>
    new Intl.NumberFormat('en-US', { style: 'currency', currency: 'TRY' }).format(kurus / 100);
  await expect(
    page.getByTestId('sales-figures').getByRole('row', { name: /^Total/ }),
  ).toContainText(lira(truths[0].total).replace(/^\D+/u, ''));
  await page.keyboard.press('Escape');

  await page.getByRole('button', { name: /^Reports/ }).click();
  await expect(page.getByTestId('report-key-figures')).toContainText(
    lira(total).replace(/^\D+/u, ''),
    { timeout: 15_000 },
  );

  await page.getByRole('button', { name: /^Settings/ }).click();
  const profile = page.getByRole('region', { name: 'Sales profile of Front' });
  await profile.scrollIntoViewIfNeeded();
  await expect(profile).toContainText('toplam');
  await expect(profile).toContainText('para ustu');
  await page.screenshot({ path: path.join('e2e', 'artifacts', 'settings-profiles.png') });
});
