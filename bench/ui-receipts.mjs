// Restaurant receipts for the UI benchmark: what one busy restaurant's three printers get over a
// month. Front prints guest checks (items, prices, VAT, card or cash), Kitchen gets tickets (table,
// course, double-height dishes, modifiers, allergies, no prices) and Bar gets drink orders for
// tables and its own customers' receipts. One order makes a kitchen ticket, often a bar order,
// and later a guest check, all carrying the same order code (A-12345), as a real POS does.
// ESC/POS bytes are written here directly (ESC @, ESC a, ESC !, ESC E, GS B, GS k, GS ( k,
// GS V): the encoder library used elsewhere costs ~8 ms a receipt, too slow for 100,000.
// Deterministic per seed.
import { rng } from './receipts.mjs';

/** Bump when the receipts change: it is part of the seeded data's cache key. */
export const GENERATOR_VERSION = 1;
export const STATIONS = ['Front', 'Bar', 'Kitchen'];
/** The till or server each station's jobs come from. */
export const PEERS = {
  Front: ['192.168.1.21', '192.168.1.22'],
  Bar: ['192.168.1.30'],
  Kitchen: ['192.168.1.10'],
};

const COLUMNS = 48;
const DAY_MS = 24 * 3600 * 1000;
const MIN_MS = 60 * 1000;

// [name, price in cents]
const FOOD = {
  starter: [
    ['Bruschetta', 750],
    ['Burrata', 1200],
    ['Calamari fritti', 1150],
    ['Minestrone', 690],
    ['Caprese', 950],
    ['Beef carpaccio', 1300],
    ['Arancini (3)', 800],
    ['Garlic bread', 450],
  ],
  main: [
    ['Pizza Margherita', 1050],
    ['Pizza Diavola', 1300],
    ['Pizza Quattro Formaggi', 1350],
    ['Pizza Prosciutto e Funghi', 1400],
    ['Pizza Capricciosa', 1450],
    ['Spaghetti Carbonara', 1450],
    ['Tagliatelle al Ragu', 1500],
    ['Penne Arrabbiata', 1200],
    ['Lasagne', 1400],
    ['Risotto ai Funghi', 1650],
    ['Gnocchi Sorrentina', 1350],
    ['Linguine alle Vongole', 1800],
    ['Saltimbocca', 2100],
    ['Sea bass fillet', 2450],
    ['Ribeye 300g', 2900],
    ['Grilled chicken', 1850],
    ['Ossobuco', 2600],
  ],
  side: [
    ['Mixed salad', 550],
    ['Roast potatoes', 500],
    ['Sauteed spinach', 550],
    ['Fries', 450],
  ],
  dessert: [
    ['Tiramisu', 750],
    ['Panna cotta', 650],
    ['Cannoli', 600],
    ['Affogato', 550],
    ['Gelato, 3 scoops', 600],
    ['Chocolate fondant', 800],
  ],
};
const DRINKS = [
  ['Negroni', 1100],
  ['Aperol Spritz', 950],
  ['Espresso Martini', 1200],
  ['Gin Tonic', 1050],
  ['Old Fashioned', 1250],
  ['Peroni 0.33', 500],
  ['IPA draught 0.4', 650],
  ['House red 0.2', 650],
  ['House white 0.2', 650],
  ['Chianti Classico btl', 3400],
  ['Prosecco glass', 750],
  ['Sparkling water 0.75', 550],
  ['Coca-Cola', 380],
  ['Lemonade', 420],
  ['Espresso', 260],
  ['Cappuccino', 380],
  ['Limoncello', 500],
];
const MODIFIERS = [
  'no onions',
  'no pecorino',
  'extra chilli',
  'sauce on the side',
  'medium rare',
  'well done',
  'gluten free pasta',
  'no garlic',
  'add prosciutto',
  'dressing separate',
];
const ALLERGIES = ['NUTS', 'SHELLFISH', 'GLUTEN', 'DAIRY', 'SESAME'];
const SERVERS = ['Marco', 'Giulia', 'Tom', 'Priya', 'Lukas', 'Sofia', 'Ben', 'Chiara'];
const BARTENDERS = ['Dario', 'Emma', 'Jonas'];
const CARDS = ['Visa', 'Mastercard', 'Amex', 'Maestro'];
const TABS = ['Sarah K.', 'Booth 2', 'Bar seat 4', 'Bar seat 7', 'James', 'Terrace 3', 'Walk-in'];

// --- ESC/POS, built as latin1 strings (one Buffer per receipt) ------------------------------
const ch = (...b) => String.fromCharCode(...b);
const ESC = 0x1b;
const GS = 0x1d;
const INIT = ch(ESC, 0x40);
const align = (n) => ch(ESC, 0x61, n);
const mode = (n) => ch(ESC, 0x21, n); // 0x08 bold, 0x10 double height, 0x20 double width
const bold = (on) => ch(ESC, 0x45, on ? 1 : 0);
const inverse = (on) => ch(GS, 0x42, on ? 1 : 0);
const FEED_CUT = ch(ESC, 0x64, 4, GS, 0x56, 0x42, 0);
const line = (s) => `${s}\n`;
const rule = line('-'.repeat(COLUMNS));
const money = (cents) => (cents / 100).toFixed(2);
const pad = (left, right, width = COLUMNS) =>
  `${left}${' '.repeat(Math.max(1, width - left.length - right.length))}${right}`;
const bytes = (parts) => Buffer.from(parts.join(''), 'latin1');

/** GS k m=73 (Code 128, length-prefixed) with code set B, HRI below. */
function code128(text) {
  const data = `{B${text}`;
  return ch(GS, 0x68, 60, GS, 0x48, 2, GS, 0x6b, 73, data.length) + data;
}

/** GS ( k: QR model 2, module size 5, level M, store then print. */
function qr(text) {
  const n = text.length + 3;
  return (
    ch(GS, 0x28, 0x6b, 4, 0, 0x31, 0x41, 0x32, 0) +
    ch(GS, 0x28, 0x6b, 3, 0, 0x31, 0x43, 5) +
    ch(GS, 0x28, 0x6b, 3, 0, 0x31, 0x45, 0x31) +
    ch(GS, 0x28, 0x6b, n & 0xff, n >> 8, 0x31, 0x50, 0x30) +
    text +
    ch(GS, 0x28, 0x6b, 3, 0, 0x31, 0x51, 0x30)
  );
}

const two = (n) => String(n).padStart(2, '0');
const dateText = (at) => {
  const d = new Date(at);
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}`;
};
const timeText = (at) => {
  const d = new Date(at);
  return `${two(d.getHours())}:${two(d.getMinutes())}`;
};

function header(parts, subtitle) {
  parts.push(INIT, align(1), mode(0x38), line('OSTERIA LUCCA'), mode(0));
  if (subtitle) parts.push(bold(true), line(subtitle), bold(false));
  parts.push(line('214 Harbour Street, Brighton BN1 2LQ'));
  parts.push(line('Tel 01273 555018   VAT GB 284 5512 90'), align(0), line(''));
}

/** Items with prices, then the totals block and how it was paid. */
function priced(parts, rand, items, { service }) {
  parts.push(rule);
  let total = 0;
  for (const it of items) {
    const cents = it.qty * it.price;
    total += cents;
    parts.push(line(pad(`${it.qty}  ${it.name}`, money(cents))));
    for (const m of it.mods) parts.push(line(`     + ${m}`));
  }
  parts.push(rule);
  const serviceCents = service ? Math.round(total * 0.125) : 0;
  const due = total + serviceCents;
  parts.push(line(pad('Subtotal', money(total))));
  if (service) parts.push(line(pad('Service 12.5% (optional)', money(serviceCents))));
  parts.push(line(pad('incl. VAT 20%', money(Math.round(due / 6)))));
  parts.push(bold(true), mode(0x18), line(pad('TOTAL GBP', money(due), COLUMNS)), mode(0));
  parts.push(bold(false));
  if (rand() < 0.22) {
    const given = Math.ceil(due / 1000) * 1000 + (rand() < 0.3 ? 1000 : 0);
    parts.push(line(pad('Cash', money(given))), line(pad('Change', money(given - due))));
  } else {
    const card = CARDS[Math.floor(rand() * CARDS.length)];
    const last4 = String(Math.floor(rand() * 10000)).padStart(4, '0');
    parts.push(line(pad(`${card} **** ${last4}`, money(due))));
    const auth = Math.floor(rand() * 36 ** 6)
      .toString(36)
      .toUpperCase()
      .padStart(6, '0');
    parts.push(line(`Auth ${auth}   Terminal ${1 + Math.floor(rand() * 3)}   Contactless`));
    if (rand() < 0.3)
      parts.push(line(''), line(pad('Tip', '________')), line(pad('Total', '________')));
  }
  return due;
}

function pick(rand, list) {
  return list[Math.floor(rand() * list.length)];
}

/** One table's order: courses of food and a round of drinks. */
function makeOrder(rand, at, code) {
  const guests = 1 + Math.floor(rand() * 6);
  const food = [];
  const add = (course, name, price) => {
    const mods = [];
    if (course !== 'dessert' && rand() < 0.18) mods.push(pick(rand, MODIFIERS));
    if (course !== 'dessert' && rand() < 0.04) mods.push(pick(rand, MODIFIERS));
    const same = food.find((f) => f.name === name && f.mods.length === 0 && mods.length === 0);
    if (same) same.qty++;
    else food.push({ course, name, price, qty: 1, mods });
  };
  if (rand() < 0.88) {
    for (let g = 0; g < guests; g++) {
      if (rand() < 0.35) add('starter', ...pick(rand, FOOD.starter));
      add('main', ...pick(rand, FOOD.main));
      if (rand() < 0.2) add('main', ...pick(rand, FOOD.side));
      if (rand() < 0.28) add('dessert', ...pick(rand, FOOD.dessert));
    }
  }
  const drinks = [];
  const rounds = rand() < 0.75 ? guests + Math.floor(rand() * guests * 1.5) : 0;
  for (let i = 0; i < rounds; i++) {
    const [name, price] = pick(rand, DRINKS);
    const same = drinks.find((d) => d.name === name);
    if (same) same.qty++;
    else drinks.push({ name, price, qty: 1, mods: [] });
  }
  return {
    at,
    code,
    guests,
    table: 1 + Math.floor(rand() * 32),
    server: pick(rand, SERVERS),
    food,
    drinks,
    allergy: rand() < 0.05 ? pick(rand, ALLERGIES) : null,
  };
}

function kitchenTicket(rand, o, at) {
  const parts = [INIT, align(1), inverse(true), mode(0x30), line(' KITCHEN '), mode(0)];
  parts.push(inverse(false), mode(0x30), line(`TABLE ${o.table}`), mode(0), align(0));
  if (rand() < 0.03) parts.push(align(1), mode(0x30), line('** RUSH **'), mode(0), align(0));
  parts.push(line(pad(`Order ${o.code}`, `Server ${o.server}`)));
  parts.push(line(pad(`${dateText(at)} ${timeText(at)}`, `Guests ${o.guests}`)), rule);
  for (const course of ['starter', 'main', 'dessert']) {
    const items = o.food.filter((f) => f.course === course);
    if (items.length === 0) continue;
    const title = { starter: 'STARTERS', main: 'MAINS', dessert: 'DESSERTS - hold' }[course];
    parts.push(bold(true), line(`--- ${title} ---`), bold(false));
    for (const it of items) {
      parts.push(mode(0x10), line(`${it.qty} x ${it.name.toUpperCase()}`), mode(0));
      for (const m of it.mods) parts.push(line(`    >> ${m}`));
    }
  }
  if (o.allergy) parts.push(rule, inverse(true), line(` ALLERGY: ${o.allergy} `), inverse(false));
  parts.push(FEED_CUT);
  return bytes(parts);
}

function barOrder(o, at) {
  const parts = [INIT, align(1), mode(0x30), line('BAR ORDER'), mode(0), align(0)];
  parts.push(line(pad(`Table ${o.table}`, `Order ${o.code}`)));
  parts.push(line(pad(`Server ${o.server}`, `${dateText(at)} ${timeText(at)}`)), rule);
  for (const d of o.drinks) parts.push(mode(0x10), line(`${d.qty} x ${d.name}`), mode(0));
  parts.push(FEED_CUT);
  return bytes(parts);
}

function guestCheck(rand, o, at, check) {
  const parts = [];
  header(parts, null);
  parts.push(line(pad(`Check ${check}`, `Table ${o.table}   Guests ${o.guests}`)));
  parts.push(line(pad(`Server: ${o.server}`, `${dateText(at)} ${timeText(at)}`)));
  parts.push(line(`Order ${o.code}`));
  priced(parts, rand, [...o.food, ...o.drinks], { service: o.guests >= 5 || rand() < 0.15 });
  parts.push(line(''), align(1), line('Grazie e arrivederci!'), line('osteria-lucca.example'));
  if (rand() < 0.3) parts.push(code128(String(check)));
  if (rand() < 0.1) parts.push(qr(`https://osteria-lucca.example/feedback/${check}`));
  parts.push(FEED_CUT);
  return bytes(parts);
}

function barReceipt(rand, at, check) {
  const parts = [];
  header(parts, 'BAR');
  const tab = pick(rand, TABS);
  parts.push(line(pad(`Check ${check}`, `Tab: ${tab}`)));
  parts.push(line(pad(`Bartender: ${pick(rand, BARTENDERS)}`, `${dateText(at)} ${timeText(at)}`)));
  const drinks = [];
  const n = 1 + Math.floor(rand() * 6);
  for (let i = 0; i < n; i++) {
    const [name, price] = pick(rand, DRINKS);
    const same = drinks.find((d) => d.name === name);
    if (same) same.qty++;
    else drinks.push({ name, price, qty: 1, mods: [] });
  }
  if (rand() < 0.15) drinks.push({ name: 'Olives & focaccia', price: 550, qty: 1, mods: [] });
  priced(parts, rand, drinks, { service: false });
  parts.push(line(''), align(1), line('Salute!'), FEED_CUT);
  return bytes(parts);
}

/** Orders per minute through the day: lunch and dinner peaks, closed 23:30-11:00. */
function busyness(minuteOfDay) {
  const h = minuteOfDay / 60;
  if (h < 11 || h >= 23.5) return 0;
  const bell = (mid, width) => Math.exp(-(((h - mid) / width) ** 2));
  return 0.15 + bell(12.9, 0.9) * 1.0 + bell(19.6, 1.4) * 1.5;
}
const WEEKDAY_WEIGHT = [1.1, 0.75, 0.8, 0.85, 0.95, 1.3, 1.4]; // Sunday first

/**
 * Exactly `count` receipts over the `days` whole days before `today` (local midnight), oldest
 * first, timestamps strictly increasing. Yields one day's receipts at a time:
 * [{ at, station, peer, bytes, code }].
 */
export function* restaurantDays({ count, days = 30, today, seed = 7 }) {
  const rand = rng(seed);
  const firstDay = today - days * DAY_MS;
  const dayStarts = Array.from({ length: days }, (_, d) => {
    const t = new Date(firstDay + d * DAY_MS + 12 * 3600 * 1000); // noon: daylight saving safe
    t.setHours(0, 0, 0, 0);
    return t.getTime();
  });
  const weights = dayStarts.map((d) => WEEKDAY_WEIGHT[new Date(d).getDay()] * (0.9 + rand() * 0.2));
  const sum = weights.reduce((a, b) => a + b, 0);
  let left = count;
  let orderNo = 10_000 + Math.floor(rand() * 5_000);
  let checkNo = 40_000 + Math.floor(rand() * 5_000);
  let last = 0;
  for (let d = 0; d < days; d++) {
    const budget = d === days - 1 ? left : Math.round((count * weights[d]) / sum);
    left -= budget;
    const out = [];
    const push = (at, station, bytes, code) =>
      out.push({ at, station, peer: pick(rand, PEERS[station]), bytes, code });
    // Orders arrive at random minutes, weighted by how busy that minute is; numbered in time
    // order, as a POS numbers them. About two receipts an order: sample a few more than needed.
    const sample = (n) => {
      const out2 = [];
      for (let i = 0; i < n; i++) {
        let minute;
        do minute = 660 + Math.floor(rand() * 750);
        while (rand() * 2.6 > busyness(minute));
        out2.push(dayStarts[d] + minute * MIN_MS + Math.floor(rand() * MIN_MS));
      }
      return out2.sort((a, b) => a - b);
    };
    let starts = sample(Math.ceil(budget * 0.6) + 10);
    // Rarely a day needs more orders than sampled: a few more, later in the list.
    for (let i = 0; out.length < budget; i++) {
      if (i === starts.length) starts = starts.concat(sample(20));
      const at = starts[i];
      if (rand() < 0.16) {
        push(at, 'Bar', barReceipt(rand, at, checkNo++), null);
        continue;
      }
      const o = makeOrder(rand, at, `A-${orderNo++}`);
      const check = checkNo++;
      if (o.food.length) push(at, 'Kitchen', kitchenTicket(rand, o, at), o.code);
      const drinksAt = at + 20_000 + Math.floor(rand() * 60_000);
      if (o.drinks.length) push(drinksAt, 'Bar', barOrder(o, drinksAt), o.code);
      // The check is printed when the table asks for the bill (not after closing time).
      const billAt = Math.min(
        at + (35 + Math.floor(rand() * 70)) * MIN_MS,
        dayStarts[d] + 1439 * MIN_MS,
      );
      if (rand() < 0.93) push(billAt, 'Front', guestCheck(rand, o, billAt, check), o.code);
    }
    out.length = budget;
    out.sort((a, b) => a.at - b.at);
    for (const r of out) {
      if (r.at <= last) r.at = last + 1;
      last = r.at;
    }
    yield out;
  }
}

/** A receipt for the live feed test: a guest check with a `BENCH <marker>` line to match it. */
export function feedReceiptMaker(seed) {
  const rand = rng(seed);
  let orderNo = 90_000;
  let checkNo = 90_000;
  return (marker) => {
    const at = Date.now();
    const o = makeOrder(rand, at, `A-${orderNo++}`);
    const check = guestCheck(rand, o, at, checkNo++);
    // The marker goes after the header lines, where a POS prints its own references.
    const cut = check.indexOf(Buffer.from('Order ', 'latin1'));
    return Buffer.concat([
      check.subarray(0, cut),
      Buffer.from(line(`BENCH ${marker}`)),
      check.subarray(cut),
    ]);
  };
}
