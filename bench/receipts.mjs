// Realistic ESC/POS receipts for the load generator: mixed sizes, one unique marker line each.
//   text receipts 0.5-4 KiB: ESC @, ESC a (align), ESC ! (styles), item lines, totals, GS V cut
//   a share (default 5%) carry a 30-60 KiB raster logo: GS v 0 with random bitmap bytes, which
//   may contain any byte value (including ones that look like a cut).
// Deterministic per seed, so runs are comparable.

const ESC = 0x1b;
const GS = 0x1d;
const LF = 0x0a;

const INIT = Buffer.from([ESC, 0x40]);
const align = (n) => Buffer.from([ESC, 0x61, n]);
const style = (n) => Buffer.from([ESC, 0x21, n]);
const CUT = Buffer.from([GS, 0x56, 0x42, 0x00]); // GS V 66 0: feed and partial cut

const ITEMS = [
  'Cheeseburger',
  'Veggie Burger',
  'Fries large',
  'Fries small',
  'Cola 0.5l',
  'Lemonade',
  'Caesar Salad',
  'Tomato Soup',
  'Espresso',
  'Cappuccino',
  'Cheesecake',
  'Ice Tea',
  'Chicken Wings 6pc',
  'Onion Rings',
  'Water still',
  'Pizza Margherita',
  'Pasta Arrabbiata',
];
const COLUMNS = 48;

/** Small fast PRNG (mulberry32). */
export function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const line = (s) => Buffer.from(`${s}\n`, 'latin1');
const money = (cents) => (cents / 100).toFixed(2);
const padLine = (left, right) => {
  const gap = Math.max(1, COLUMNS - left.length - right.length);
  return `${left}${' '.repeat(gap)}${right}`.slice(0, COLUMNS);
};

/** A raster logo: GS v 0 m xL xH yL yH + x*y random bytes, 30-60 KiB. */
function rasterLogo(rand) {
  const xBytes = 72; // 576 dots
  const target = 30 * 1024 + Math.floor(rand() * 30 * 1024);
  const y = Math.floor(target / xBytes);
  const data = Buffer.allocUnsafe(xBytes * y);
  for (let i = 0; i < data.length; i += 4) data.writeUInt32LE(Math.floor(rand() * 0x100000000), i);
  const head = Buffer.from([GS, 0x76, 0x30, 0x00, xBytes & 0xff, xBytes >> 8, y & 0xff, y >> 8]);
  return Buffer.concat([align(1), head, data, Buffer.from([LF])]);
}

/**
 * Makes receipts for one client. `next(marker)` returns { bytes, logo } for one receipt whose
 * plain text contains the line `BENCH <marker>`.
 */
export function receiptMaker({ seed, logoShare = 0.05 }) {
  const rand = rng(seed);
  // A few pre-made logos per client: making 30-60 KiB of random bytes per receipt costs the
  // client CPU the servers need; bytes differ across logos and clients.
  const logos = Array.from({ length: 4 }, () => rasterLogo(rand));
  let orderNo = Math.floor(rand() * 9000) + 1000;

  return {
    next(marker) {
      const target = 512 + Math.floor(rand() * (4096 - 512));
      const logo = rand() < logoShare;
      const parts = [INIT];
      if (logo) parts.push(logos[Math.floor(rand() * logos.length)]);
      parts.push(align(1), style(0x30), line('THE CORNER DINER'), style(0x00));
      parts.push(line('12 Market Street, Springfield'), line('VAT 123 456 789'));
      parts.push(align(0), line(`Order A-${orderNo++}   Table ${1 + Math.floor(rand() * 30)}`));
      parts.push(line(`BENCH ${marker}`));
      parts.push(line('-'.repeat(COLUMNS)));
      let size = parts.reduce((n, b) => n + b.length, 0);
      let total = 0;
      const tail = 420; // totals, footer and cut below
      while (size < target - tail) {
        const qty = 1 + Math.floor(rand() * 3);
        const price = 150 + Math.floor(rand() * 1800);
        total += qty * price;
        const b = line(
          padLine(`${qty} x ${ITEMS[Math.floor(rand() * ITEMS.length)]}`, money(qty * price)),
        );
        parts.push(b);
        size += b.length;
        if (rand() < 0.15) {
          const note = line('    + extra cheese, no onions');
          parts.push(note);
          size += note.length;
        }
      }
      const vat = Math.round(total * 0.19);
      parts.push(line('-'.repeat(COLUMNS)));
      parts.push(line(padLine('Subtotal', money(total - vat))));
      parts.push(line(padLine('VAT 19%', money(vat))));
      parts.push(style(0x38), line(padLine('TOTAL', money(total))), style(0x00));
      parts.push(line(padLine('Card', money(total))));
      parts.push(align(1), line('Thank you for your visit!'), line('www.corner-diner.example'));
      parts.push(Buffer.from([LF, LF, LF]), CUT);
      return { bytes: Buffer.concat(parts), logo };
    },
  };
}
