/**
 * The relay as the manager meets it (issue 13), set up from Settings in a real browser against
 * `npm run serve`:
 * - a pass-through printer (a TCP server here) that drops the connection in the middle of a job:
 *   the drawer says "Not confirmed" with the printer's reason, System lists the receipt, and once
 *   the printer is back, "Print again on Front" prints it: the printer receives the job's bytes;
 * - the cloud relay to the real Worker in Miniflare with a wrong token: the endpoint refuses
 *   (401), the receipt is dead with the reason and "Send again"; with the right token entered,
 *   "Send again" stores it in D1, once, with the manager's redaction rule applied.
 * Each state is checked with axe in both themes and photographed in each into
 * e2e/artifacts/relay-<state>-<theme>.png.
 */
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { type Cloud, startCloud } from '../../cloud/test/harness';
import {
  type DownstreamPrinter,
  startDownstreamPrinter,
} from '../../test/helpers/downstream-printer';
import { audit, type Finding, report } from '../fixtures/axe-audit';
import { expect, test } from '../fixtures/desk-test';
import { printReceipt } from '../fixtures/print';
import { navigate } from '../fixtures/navigate';

const RELAY_TOKEN = 'relay-token-of-the-e2e-worker';
const WRONG_TOKEN = 'a-token-from-another-store';
const HMAC_SECRET = 'signing-secret-of-the-e2e-worker-0123456789';
const STORE = 'paris-11';

const shot = (name: string, theme = 'light') =>
  path.join('e2e', 'artifacts', `relay-${name}-${theme}.png`);

/** The app's header and the settings' save bar stay in view: hidden from pictures of a part. */
const ALONE = '.app-header, .settings-footer { visibility: hidden !important; }';

/** Opens the receipt whose text holds `text` from the Live screen. */
async function openReceipt(page: Page, text: string): Promise<void> {
  await navigate(page, 'Live');
  const card = page.getByTestId('receipt').filter({ hasText: text });
  await card.getByRole('button', { name: 'As printed' }).click();
  // Drawn: its paper loads a moment after the drawer opens.
  await expect(page.getByTestId('receipt-paper')).toBeVisible();
}

/**
 * Checks the page as it is now with axe, in the light and then the dark theme, and photographs
 * `part` (the whole window when absent) in each as relay-<name>-<theme>.png.
 */
async function checkBothThemes(
  page: Page,
  found: Map<string, Finding>,
  name: string,
  part?: Locator,
): Promise<void> {
  for (const theme of ['light', 'dark'] as const) {
    await page.emulateMedia({ reducedMotion: 'reduce', colorScheme: theme });
    await expect(page.locator('html')).toHaveAttribute('data-mantine-color-scheme', theme);
    await audit(page, `${name} (${theme})`, found);
    if (part) await part.screenshot({ path: shot(name, theme), style: ALONE });
    else await page.screenshot({ path: shot(name, theme) });
  }
  await page.emulateMedia({ reducedMotion: 'reduce', colorScheme: 'light' });
}

const relayRegion = (page: Page) =>
  page.getByRole('region', { name: 'Cloud relay and pass-through printers' });

let printers: DownstreamPrinter[] = [];
let cloud: Cloud | null = null;

test.afterEach(async () => {
  await Promise.all(printers.map((p) => p.stop()));
  printers = [];
  await cloud?.dispose();
  cloud = null;
});

test('a job the printer dropped is not confirmed, and Print again prints it', async ({
  desk,
  page,
}) => {
  test.setTimeout(90_000);
  const found = new Map<string, Finding>();
  // The printer takes the first 24 bytes of a connection, then resets it: a jam, a power cut.
  const jammed = await startDownstreamPrinter({ dropAfter: { bytes: 24, how: 'reset' } });
  printers.push(jammed);
  await page.emulateMedia({ reducedMotion: 'reduce', colorScheme: 'light' });
  await page.goto(desk.url);

  await navigate(page, 'Settings');
  const section = page.getByRole('region', { name: 'Pass-through', exact: true });
  const front = section.getByRole('group', { name: 'Pass-through of Front' });
  await expect(front).toContainText('Its receipts are kept here only');
  await front.getByRole('button', { name: 'Also print on a real printer' }).click();
  await front.getByLabel('Printer address').fill('127.0.0.1');
  await front.getByLabel('Printer port').fill(String(jammed.port));
  await front.getByLabel('Tell the tills the printer’s status').check();
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();
  const live = front.getByTestId('pass-through-live');
  await expect(live).toContainText(`Front's printer at 127.0.0.1:${jammed.port}`);
  await expect(live.getByTestId('relay-backlog')).toHaveText('No jobs waiting');
  await checkBothThemes(page, found, 'settings-pass-through', section);

  const job = await printReceipt(desk.printerPort, [
    'TABLE 12',
    '1x Espresso      2.10',
    'TOTAL 2.10',
  ]);
  expect(job.length).toBeGreaterThan(24);

  // The printer took part of the job and broke the connection: it may or may not have printed.
  await openReceipt(page, 'TABLE 12');
  const line = page.getByTestId('relay-line').filter({ hasText: "Front's printer" });
  await expect(line).toContainText(
    `Not confirmed: The printer at 127.0.0.1:${jammed.port} broke the connection`,
  );
  await expect(line).toHaveAttribute('data-state', 'unconfirmed');
  expect(jammed.received[0]).toEqual(job.subarray(0, 24));
  await checkBothThemes(page, found, 'drawer-unconfirmed');

  // System: the printer's card says so, and the receipt is listed with its button.
  await navigate(page, 'System');
  const card = page.getByTestId('relay-card-printer');
  await expect(card).toHaveAttribute('data-state', 'warning');
  await expect(card).toContainText('1 not confirmed');
  await expect(card.getByTestId('relay-unconfirmed')).toHaveText('1');
  const attention = page.getByRole('table', { name: 'Receipts needing attention' });
  await expect(attention.getByTestId('relay-problem')).toHaveCount(1);
  await expect(attention).toContainText('Not confirmed');
  await expect(
    attention.getByRole('button', { name: /^Print again on Front, receipt \d+$/ }),
  ).toBeVisible();
  await expect(page.getByTestId('relay-card-cloud')).toContainText('Off');
  await checkBothThemes(page, found, 'system-unconfirmed', relayRegion(page));

  // The manager clears the jam (a printer that takes whole jobs, on the same address) and
  // prints the ticket again from the drawer.
  await jammed.stop();
  const fixed = await startDownstreamPrinter({ port: jammed.port });
  printers.push(fixed);
  const open = attention.getByRole('button', { name: /^Receipt \d+$/ });
  const receiptId = Number(/\d+/.exec((await open.textContent()) ?? '')?.[0]);
  await open.click();
  const again = page.getByTestId('relay-line').filter({ hasText: "Front's printer" });
  await again.getByRole('button', { name: 'Print again on Front' }).click();
  await expect(again).toContainText(/Printed on Front's printer at \d/);
  await expect(again).toHaveAttribute('data-state', 'delivered');
  // The printer received the receipt byte for byte: the till's job up to its cut (the till's
  // ESC @ after the cut starts its next job), then the 12 bytes of status requests that proved
  // the printer read it all.
  const stored = await page.request.get(new URL(`/api/receipts/${receiptId}`, desk.url).href);
  const raw = Buffer.from(((await stored.json()) as { rawBase64: string }).rawBase64, 'base64');
  expect(job.subarray(0, raw.length)).toEqual(raw);
  await expect
    .poll(() => fixed.received.some((b) => b.subarray(0, raw.length).equals(raw)))
    .toBe(true);
  await page.screenshot({ path: shot('drawer-printed') });

  await navigate(page, 'System');
  await expect(page.getByTestId('relay-attention-empty')).toBeVisible();
  await expect(page.getByTestId('relay-card-printer')).toHaveAttribute('data-state', 'ok');
  await expect(page.getByTestId('relay-card-printer').getByTestId('relay-card-state')).toHaveText(
    'Sending',
  );

  expect(found.size, `WCAG violations:\n\n${report(found)}\n`).toBe(0);
});

test('a receipt the cloud refused can be sent again once the token is right', async ({
  desk,
  page,
}) => {
  test.setTimeout(120_000);
  const found = new Map<string, Finding>();
  cloud = await startCloud({
    relayToken: RELAY_TOKEN,
    hmacSecret: HMAC_SECRET,
    readToken: 'read-token-of-the-e2e-worker',
  });
  await page.emulateMedia({ reducedMotion: 'reduce', colorScheme: 'light' });
  await page.goto(desk.url);

  await navigate(page, 'Settings');
  const section = page.getByRole('region', { name: 'Cloud relay', exact: true });
  await expect(section.getByTestId('relay-state')).toHaveText('Off');
  await section.getByLabel('Send every receipt to the restaurant’s cloud endpoint').check();
  // The URL's sentence is the schema's, shown as the manager types.
  await section.getByLabel('Endpoint address').fill('http://receipts.example.com/v1/receipts');
  await expect(section).toContainText('The relay URL must start with https://');
  await section.getByLabel('Endpoint address').fill(cloud.relayUrl);
  await section.getByLabel('Store id').fill(STORE);

  // The token and secret are kept at once, apart from the settings, and never shown again.
  const token = section.getByRole('group', { name: 'Relay token' });
  await expect(token.getByTestId('relay-token-state')).toHaveText('Not set.');
  await token.getByRole('button', { name: 'Set the token' }).click();
  await token.getByLabel('New relay token').fill(WRONG_TOKEN);
  await token.getByRole('button', { name: 'Keep it' }).click();
  await expect(token.getByTestId('relay-token-state')).toContainText('Kept in a file');
  const secret = section.getByRole('group', { name: 'Signing secret' });
  await secret.getByRole('button', { name: 'Set the secret' }).click();
  await secret.getByLabel('New signing secret').fill('short');
  await secret.getByRole('button', { name: 'Keep it' }).click();
  await expect(secret).toContainText('The signing secret needs at least 32 characters.');
  await secret.getByLabel('New signing secret').fill(HMAC_SECRET);
  await secret.getByRole('button', { name: 'Keep it' }).click();
  await expect(secret.getByTestId('relay-secret-state')).toContainText('Kept in a file');
  await expect(page.locator('body')).not.toContainText(WRONG_TOKEN);

  // The customer's name is masked by the manager's rule; a refusal gives a receipt up at once.
  await section.getByRole('button', { name: 'Add words to hide' }).click();
  const rule = section.getByRole('group', { name: 'Rule 1' });
  await rule.getByLabel('Words to hide').fill('Customer:');
  await rule.getByRole('combobox', { name: 'What to hide' }).click();
  await page.getByRole('option', { name: 'Hide the rest of the line' }).click();
  // A pattern that would hide everything is refused with the schema's sentence, then removed.
  await section.getByRole('button', { name: 'Add a pattern' }).click();
  const pattern = section.getByRole('group', { name: 'Rule 2' });
  await pattern.getByLabel('Pattern to hide').fill('? ?');
  await expect(pattern).toContainText(
    'A pattern of only ? and spaces would hide the whole receipt: add letters, digits, # or @.',
  );
  await expect(page.getByRole('region', { name: 'Cloud relay', exact: true })).toContainText(
    '1 to fix',
  );
  await pattern.getByRole('button', { name: 'Remove rule 2' }).click();
  await section.getByLabel('Attempts before giving up').fill('1');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();
  await expect(section.getByTestId('relay-state')).toHaveText('Sending');
  await checkBothThemes(page, found, 'settings-cloud', section);

  await printReceipt(desk.printerPort, [
    'BRASSERIE DU CANAL',
    'Customer: Jane Doe',
    '1x Plat du jour      14.50',
    'TOTAL 14.50',
  ]);

  await openReceipt(page, 'BRASSERIE DU CANAL');
  const line = page.getByTestId('relay-line').filter({ hasText: 'Cloud relay' });
  await expect(line).toContainText('Refused: The relay endpoint refused the token (401)');
  await expect(line).toHaveAttribute('data-state', 'dead');
  await expect(line.getByRole('button', { name: 'Send again' })).toBeVisible();
  await checkBothThemes(page, found, 'drawer-refused');

  await navigate(page, 'System');
  const card = page.getByTestId('relay-card-cloud');
  await expect(card).toContainText('1 refused');
  await expect(card.getByTestId('relay-last-error')).toContainText('refused the token (401)');
  const attention = page.getByRole('table', { name: 'Receipts needing attention' });
  await expect(attention).toContainText('Refused');
  await expect(attention.getByRole('button', { name: /^Send again, receipt \d+$/ })).toBeVisible();
  await checkBothThemes(page, found, 'system-refused', relayRegion(page));

  // The manager enters the right token; sending again stores the receipt, once, masked.
  await navigate(page, 'Settings');
  await token.getByRole('button', { name: 'Replace the token' }).click();
  await token.getByLabel('New relay token').fill(RELAY_TOKEN);
  await token.getByLabel('New relay token').press('Enter');
  await expect(token.getByRole('status')).toHaveText('The token is kept.');
  await openReceipt(page, 'BRASSERIE DU CANAL');
  await line.getByRole('button', { name: 'Send again' }).click();
  await expect(line).toContainText(/Sent to the cloud at \d/);
  await page.screenshot({ path: shot('drawer-sent') });

  const stored = await cloud.query<{ store_id: string; text: string }>(
    'SELECT store_id, text FROM receipts',
  );
  expect(stored).toHaveLength(1);
  expect(stored[0].store_id).toBe(STORE);
  expect(stored[0].text).toContain('Customer: **** ***');
  expect(stored[0].text).not.toContain('Jane');

  await navigate(page, 'System');
  await expect(page.getByTestId('relay-attention-empty')).toBeVisible();
  await expect(page.getByTestId('relay-card-cloud')).toHaveAttribute('data-state', 'ok');
  expect(found.size, `WCAG violations:\n\n${report(found)}\n`).toBe(0);
});
