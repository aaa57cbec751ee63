// Receipts for the interpreter benchmark, printed by a real third-party encoder
// (@point-of-sale/receipt-printer-encoder, the one the fidelity tests use), so the bytes are what
// a POS sends rather than what we think it sends, in any of its languages (ESC/POS, Star Line mode,
// StarPRNT). Deterministic per seed, so runs are comparable.
//   text    about 2 KiB: header in double size, 20-30 item lines with prices, a code page
//           switch (CP858) with accented item names, totals in bold, a cut
//   logo    a 576-dot-wide picture of 240-400 rows (raster GS v 0 or column ESC *), a few lines
//   mixed   a text receipt with a small header logo, a Code 128 barcode and a QR code
import ReceiptPrinterEncoder from '@point-of-sale/receipt-printer-encoder';
import { rng } from './receipts.mjs';

const COLUMNS = 48;
const WIDTH_DOTS = 576;

const ITEMS = [
  'Cheeseburger',
  'Veggie Burger',
  'Fries large',
  'Cola 0.5l',
  'Caesar Salad',
  'Tomato Soup',
  'Cappuccino',
  'Chicken Wings 6pc',
  'Pizza Margherita',
  'Pasta Arrabbiata',
  // Accented names: printed after the switch to CP858 (ESC t 19).
  'Crème brûlée',
  'Café au lait',
  'Käsespätzle',
  'Würstchen mit Pommes',
  'Salade niçoise',
  'Crêpe Suzette',
  'Jalapeño poppers',
  'Smørrebrød',
];
const NOTES = ['+ extra cheese, no onions', '+ sauce à part', '- ohne Zwiebeln', '+ oat milk'];

const money = (cents) => (cents / 100).toFixed(2);

/** A new encoder per receipt; `language` is the dialect ('esc-pos' now, Star later). */
const encoderFor = (language, imageMode = 'raster') =>
  new ReceiptPrinterEncoder({
    language,
    columns: COLUMNS,
    imageMode,
    codepageMapping: language === 'esc-pos' ? 'epson' : 'star',
  });

/**
 * A canvas-free picture (ImageData-like RGBA) the encoder dithers: a ringed emblem and
 * lettering-like bars over a soft gradient, so the bitmap has both solid runs and dithered
 * texture, as a real logo or photo print does.
 */
export function picture(width, height, seed) {
  const key = `${width}x${height}/${seed}`;
  if (!pictures.has(key)) pictures.set(key, draw(width, height, seed));
  return pictures.get(key);
}
const pictures = new Map(); // each case prints the same pictures in its own way

function draw(width, height, seed) {
  const rand = rng(seed);
  const data = new Uint8ClampedArray(width * height * 4);
  const cx = width * (0.2 + rand() * 0.1);
  const cy = height / 2;
  const r = Math.min(height, width) * 0.4;
  const bars = Array.from({ length: 6 }, (_, i) => ({
    x0: Math.floor(width * 0.42 + i * width * 0.08),
    w: Math.floor(width * (0.03 + rand() * 0.04)),
    y0: Math.floor(height * (0.2 + rand() * 0.2)),
    y1: Math.floor(height * (0.6 + rand() * 0.2)),
  }));
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const d = Math.hypot(x - cx, y - cy);
      let v = 255 - Math.round((x / width) * 90 + (y / height) * 60); // background gradient
      if (d < r && d > r * 0.8)
        v = 0; // ring
      else if (d <= r * 0.8) v = 80 + Math.round((d / r) * 150); // shaded disc
      for (const b of bars) if (x >= b.x0 && x < b.x0 + b.w && y >= b.y0 && y < b.y1) v = 0;
      const i = (y * width + x) * 4;
      data[i] = data[i + 1] = data[i + 2] = v;
      data[i + 3] = 255;
    }
  }
  return { data, width, height };
}

function header(e, rand) {
  e.align('center')
    .size(2, 2)
    .bold(true)
    .line('LE PETIT BISTRO')
    .bold(false)
    .size(1, 1)
    .line('12 Market Street, Springfield')
    .line('Tel. 555-0142 - VAT DE123456789')
    .align('left')
    .newline()
    .line(`Order A-${1000 + Math.floor(rand() * 9000)}   Table ${1 + Math.floor(rand() * 30)}`)
    .line(`2026-11-22 12:${String(Math.floor(rand() * 60)).padStart(2, '0')}   Server: Amélie`)
    .rule();
}

/** Item lines as a three-column table (qty, name, price), accented names in CP858. */
function items(e, rand, count) {
  let total = 0;
  const rows = [];
  for (let i = 0; i < count; i++) {
    const qty = 1 + Math.floor(rand() * 3);
    const price = 150 + Math.floor(rand() * 1800);
    total += qty * price;
    rows.push([`${qty}x`, ITEMS[Math.floor(rand() * ITEMS.length)], money(qty * price)]);
    if (rand() < 0.2) rows.push(['', NOTES[Math.floor(rand() * NOTES.length)], '']);
  }
  e.codepage('cp858').table(
    [
      { width: 4, align: 'left' },
      { width: 34, align: 'left' },
      { width: 10, align: 'right' },
    ],
    rows,
  );
  return total;
}

function totals(e, total) {
  const vat = Math.round(total * 0.19);
  const row = (l, r) => [l, r];
  const cols = [
    { width: 34, align: 'left' },
    { width: 14, align: 'right' },
  ];
  e.rule()
    .table(cols, [row('Subtotal', money(total - vat)), row('VAT 19%', money(vat))])
    .bold(true)
    .size(1, 2)
    .table(cols, [row('TOTAL EUR', money(total))])
    .size(1, 1)
    .bold(false)
    .table(cols, [row('Card **** 4242', money(total))]);
}

function footer(e) {
  e.newline().align('center').line('Merci et à bientôt !').line('www.petit-bistro.example');
}

/** Text-heavy: about 2 KiB, no pictures. */
export function textReceipt(language, seed) {
  const rand = rng(seed);
  const e = encoderFor(language).initialize();
  header(e, rand);
  totals(e, items(e, rand, 20 + Math.floor(rand() * 11)));
  footer(e);
  return e.cut().encode();
}

/**
 * Raster-heavy: one 576-dot-wide picture of 240-400 rows and a few lines of text. `imageMode`
 * (raster GS v 0 or column ESC *) is ESC/POS's; Star languages print their own image commands.
 */
export function logoReceipt(language, seed, imageMode) {
  const rand = rng(seed);
  const height = 8 * (30 + Math.floor(rand() * 21));
  const e = encoderFor(language, imageMode);
  e.initialize()
    .align('center')
    .image(picture(WIDTH_DOTS, height, seed), WIDTH_DOTS, height, 'atkinson')
    .bold(true)
    .line('LE PETIT BISTRO')
    .bold(false)
    .line('Thank you! Scan for 10% off your next visit.');
  return e.cut().encode();
}

/** Both: a small header logo, a text receipt, a barcode and a QR code. */
export function mixedReceipt(language, seed) {
  const rand = rng(seed);
  const e = encoderFor(language);
  e.initialize()
    .align('center')
    .image(picture(WIDTH_DOTS, 96, seed + 1), WIDTH_DOTS, 96, 'threshold');
  header(e, rand);
  totals(e, items(e, rand, 12 + Math.floor(rand() * 8)));
  footer(e);
  const order = String(100000 + Math.floor(rand() * 900000));
  e.align('center')
    .barcode(`A-${order}`, 'code128', 60)
    .qrcode(`https://petit-bistro.example/r/${order}`, { model: 2, size: 6, errorlevel: 'm' });
  return e.cut().encode();
}

/**
 * The same picture as a Star raster-mode job, as raster-only Star printers (TSP100 futurePRNT)
 * receive everything from their driver: ESC * r A, one `b n1 n2 d...` line per row, ESC * r B,
 * then a text line and a cut. No third-party encoder here emits raster mode without a canvas, so
 * the rows are taken from the encoder's own GS v 0 bitmap of the same picture and wrapped in
 * Star's raster commands (Star Line mode specification, "raster graphics").
 */
export function starRasterModeReceipt(seed) {
  const escpos = Buffer.from(logoReceipt('esc-pos', seed, 'raster'));
  const at = escpos.indexOf(Buffer.from([0x1d, 0x76, 0x30]));
  const rowBytes = escpos[at + 4] + escpos[at + 5] * 256;
  const rows = escpos[at + 6] + escpos[at + 7] * 256;
  const parts = [Buffer.from('\x1b@\x1b*rA\x1b*rP0\x00\x1b*rE1\x00', 'latin1')];
  for (let y = 0; y < rows; y++) {
    const from = at + 8 + y * rowBytes;
    parts.push(
      Buffer.from([0x62, rowBytes & 0xff, rowBytes >> 8]),
      escpos.subarray(from, from + rowBytes),
    );
  }
  parts.push(Buffer.from('\x1b*rB\x1b\x1da\x01LE PETIT BISTRO\n\x1bd\x03', 'latin1'));
  return new Uint8Array(Buffer.concat(parts));
}
