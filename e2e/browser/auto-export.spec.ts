/**
 * Settings › Automatic export: a folder that is no full path is refused with an example; turned
 * on, the last finished business day is written at once and the section says when, which day
 * and which files (e2e/artifacts/auto-export.png); a folder that cannot be made is a problem in
 * words (e2e/artifacts/auto-export-problem.png).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from '../fixtures/desk-test';

// The business day starts twelve hours from now (UTC): the last one ended long enough ago to
// be written at once, whatever time the test runs.
const dayStart = `${String((new Date().getUTCHours() + 12) % 24).padStart(2, '0')}:00`;
test.use({
  deskSettings: { business: { restaurantName: 'Blue Plate Diner', timeZone: 'UTC', dayStart } },
});

async function openSection(page: Page, url: string) {
  await page.goto(url);
  await page.locator('nav').getByText('Settings', { exact: true }).click();
  const section = page.getByRole('region', { name: 'Automatic export' });
  await expect(section.getByTestId('auto-export-state')).toContainText(
    'Off: no report is written unless you turn this on and save.',
  );
  await section
    .getByRole('switch', { name: "Write each business day's report into a folder" })
    .check();
  return section;
}

test('turned on, the last business day is written and the section says so', async ({
  desk,
  page,
}) => {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'receipt-desk-auto-export-'));
  try {
    const section = await openSection(page, desk.url);
    const input = section.getByRole('textbox', { name: 'Folder' });
    await input.fill('reports');
    await expect(section).toContainText('"reports" is not a full path.');
    await input.fill(path.join(folder, 'Daily reports'));
    await section.getByLabel('Also as a spreadsheet (XLSX)').check();
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect(page.getByText('In force now:')).toBeVisible();

    const state = section.getByTestId('auto-export-state');
    await expect(state).toContainText(
      /Last written: \w{3} \d{1,2} \w{3}, \d{2}:\d{2} — \d{4}-\d{2}-\d{2} \(PDF, CSV, XLSX, no receipts that day\)/u,
    );
    await expect(state).toContainText(`in ${path.join(folder, 'Daily reports')}`);
    await expect(state).toContainText(/Next: \d{4}-\d{2}-\d{2}, written from/u);
    const day = /— (\d{4}-\d{2}-\d{2})/u.exec((await state.textContent()) ?? '')![1];
    expect(fs.readdirSync(path.join(folder, 'Daily reports')).sort()).toEqual([
      `receipt-desk-report-${day}.csv`,
      `receipt-desk-report-${day}.pdf`,
      `receipt-desk-report-${day}.xlsx`,
    ]);
    await section.scrollIntoViewIfNeeded();
    await section.screenshot({ path: path.join('e2e', 'artifacts', 'auto-export.png') });
  } finally {
    fs.rmSync(folder, { recursive: true, force: true });
  }
});

test('a folder that cannot be made is a problem the section explains', async ({ desk, page }) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'receipt-desk-auto-export-'));
  const blocker = path.join(dir, 'reports');
  fs.writeFileSync(blocker, 'a file where the folder should be');
  try {
    const section = await openSection(page, desk.url);
    await section.getByRole('textbox', { name: 'Folder' }).fill(path.join(blocker, 'daily'));
    await page.getByRole('button', { name: 'Save changes' }).click();
    const state = section.getByTestId('auto-export-state');
    await expect(state).toContainText('Not written');
    await expect(state).toContainText(
      `No report can be written: ${path.join(blocker, 'daily')} cannot be a folder, a file is in its way.`,
    );
    await expect(state).toContainText('Nothing written yet.');
    await section.scrollIntoViewIfNeeded();
    await section.screenshot({ path: path.join('e2e', 'artifacts', 'auto-export-problem.png') });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
