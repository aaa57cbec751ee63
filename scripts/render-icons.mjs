// Draws the PNG icons from their SVG sources with Chromium (playwright-core, Debian's
// /usr/bin/chromium or CHROMIUM_PATH), so the pictures stay editable as SVG and the PNGs are
// reproducible. The PNGs are committed; run this after changing an SVG:
//
//   node scripts/render-icons.mjs
//
//   resources/icon.png             512 x 512, the app icon (electron-builder makes .ico/.icns)
//   resources/tray.png, @2x         16 / 32, white glyph on the app's green (Windows, Linux),
//                                   from tray-tile.svg, drawn on a 16-pixel grid to stay sharp
//   resources/trayTemplate.png, @2x 16 / 32, black glyph on transparent: a macOS template image,
//                                   which the menu bar recolours for light and dark
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const resources = path.join(root, 'resources');

const dataUrl = (file) =>
  `data:image/svg+xml;base64,${fs.readFileSync(path.join(resources, file)).toString('base64')}`;

/** A page of exactly `size` pixels holding one picture; the rest stays transparent. */
function picture(svg, size) {
  return `<img src="${dataUrl(svg)}" width="${size}" height="${size}" style="display:block">`;
}

const outputs = [
  { file: 'icon.png', size: 512, html: picture('icon.svg', 512) },
  { file: 'trayTemplate.png', size: 16, html: picture('tray.svg', 16) },
  { file: 'trayTemplate@2x.png', size: 32, html: picture('tray.svg', 32) },
  { file: 'tray.png', size: 16, html: picture('tray-tile.svg', 16) },
  { file: 'tray@2x.png', size: 32, html: picture('tray-tile.svg', 32) },
];

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
});
try {
  const page = await browser.newPage({ deviceScaleFactor: 1 });
  for (const { file, size, html } of outputs) {
    await page.setViewportSize({ width: size, height: size });
    await page.setContent(
      `<!doctype html><html><body style="margin:0;background:transparent">${html}</body></html>`,
    );
    await page.locator('img').evaluateAll((imgs) => Promise.all(imgs.map((img) => img.decode())));
    await page.screenshot({
      path: path.join(resources, file),
      omitBackground: true,
      clip: { x: 0, y: 0, width: size, height: size },
    });
    process.stdout.write(`resources/${file} (${size} x ${size})\n`);
  }
} finally {
  await browser.close();
}
