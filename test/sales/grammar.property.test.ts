/**
 * Receipts written from a small grammar (issue 12, tests): random items with quantities, an
 * optional discount in any of the negative notations, tax added on top or included in the
 * prices, payment by cash with change, by card, or split, in ten languages with their own
 * number formats and currency signs. Every one must be read to its truth, to the minor unit,
 * with no problem reported. The grammar's words are written here, not taken from the extractor.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { extractFigures } from '../../src/main/sales';

interface Lang {
  name: string;
  total: string;
  subtotal: string;
  tax: (rate: number) => string;
  cash: string;
  card: string;
  change: string;
  discount: string;
  tip: string;
  /** Tax in the prices (a VAT line after the total) or added on top (a sales-tax line). */
  included: boolean;
  rates: number[];
  decimal: '.' | ',';
  group: string;
  /** Digits after the decimal point (0 for yen). */
  digits: 0 | 2;
  sign: string;
  signBefore: boolean;
  /** Digits printed full-width sometimes (Japanese tills). */
  fullWidth?: boolean;
}

const LANGS: Lang[] = [
  {
    name: 'en-US',
    ...{ total: 'TOTAL', subtotal: 'Subtotal', cash: 'CASH', card: 'VISA', change: 'CHANGE' },
    tax: (r) => `Sales Tax ${r}%`,
    tip: 'Tip',
    discount: 'Discount',
    included: false,
    rates: [6, 7, 8.875],
    ...{ decimal: '.', group: ',', digits: 2, sign: '$', signBefore: true },
  },
  {
    name: 'en-GB',
    ...{ total: 'Total', subtotal: 'Subtotal', cash: 'Cash', card: 'Card', change: 'Change' },
    tax: (r) => `VAT ${r}% incl.`,
    tip: 'Gratuity',
    discount: 'Discount',
    included: true,
    rates: [20],
    ...{ decimal: '.', group: ',', digits: 2, sign: '£', signBefore: true },
  },
  {
    name: 'de',
    ...{ total: 'SUMME', subtotal: 'Zwischensumme', cash: 'BAR', card: 'EC-Karte' },
    change: 'Rückgeld',
    tax: (r) => `MwSt ${r}%`,
    tip: 'Trinkgeld',
    discount: 'Rabatt',
    included: true,
    rates: [7, 19],
    ...{ decimal: ',', group: '.', digits: 2, sign: 'EUR', signBefore: false },
  },
  {
    name: 'fr',
    ...{ total: 'TOTAL TTC', subtotal: 'Sous-total', cash: 'Espèces', card: 'CB' },
    change: 'Rendu',
    tax: (r) => `TVA ${r}%`,
    tip: 'Pourboire',
    discount: 'Remise',
    included: true,
    rates: [10, 20],
    ...{ decimal: ',', group: ' ', digits: 2, sign: '€', signBefore: false },
  },
  {
    name: 'nl',
    ...{ total: 'TOTAAL', subtotal: 'Subtotaal', cash: 'Contant', card: 'PIN' },
    change: 'Wisselgeld',
    tax: (r) => `BTW ${r}%`,
    tip: 'Fooi',
    discount: 'Korting',
    included: true,
    rates: [9, 21],
    ...{ decimal: ',', group: '.', digits: 2, sign: '€', signBefore: true },
  },
  {
    name: 'it',
    ...{ total: 'TOTALE', subtotal: 'Subtotale', cash: 'Contanti', card: 'Carta' },
    change: 'Resto',
    tax: (r) => `IVA ${r}%`,
    tip: 'Mancia',
    discount: 'Sconto',
    included: true,
    rates: [10, 22],
    ...{ decimal: ',', group: '.', digits: 2, sign: '€', signBefore: false },
  },
  {
    name: 'es',
    ...{ total: 'TOTAL', subtotal: 'Subtotal', cash: 'Efectivo', card: 'Tarjeta' },
    change: 'Cambio',
    tax: (r) => `IVA ${r}%`,
    tip: 'Propina',
    discount: 'Descuento',
    included: true,
    rates: [10, 21],
    ...{ decimal: ',', group: '.', digits: 2, sign: '€', signBefore: false },
  },
  {
    name: 'pl',
    ...{ total: 'RAZEM', subtotal: 'Suma częściowa', cash: 'Gotówka', card: 'Karta' },
    change: 'Reszta',
    tax: (r) => `PTU ${r}%`,
    tip: 'Napiwek',
    discount: 'Rabat',
    included: true,
    rates: [8, 23],
    ...{ decimal: ',', group: ' ', digits: 2, sign: 'zł', signBefore: false },
  },
  {
    name: 'de-CH',
    ...{ total: 'TOTAL', subtotal: 'Zwischensumme', cash: 'Bar', card: 'Karte' },
    change: 'Rückgeld',
    tax: (r) => `MwSt ${r}%`,
    tip: 'Trinkgeld',
    discount: 'Rabatt',
    included: true,
    rates: [2.6, 8.1],
    ...{ decimal: '.', group: "'", digits: 2, sign: 'CHF', signBefore: true },
  },
  {
    name: 'ja',
    ...{ total: '合計', subtotal: '小計', cash: '現金', card: 'クレジット', change: 'お釣り' },
    tax: (r) => `内消費税 ${r}%`,
    tip: 'チップ',
    discount: '値引',
    included: true,
    rates: [10],
    ...{ decimal: '.', group: ',', digits: 0, sign: '¥', signBefore: true, fullWidth: true },
  },
];

const NAMES = ['Soup', 'Burger', 'Salad', 'Pasta', 'Pizza', 'Wine', 'Coffee', 'Cake', 'Fish'];
const WIDTH = 42;

type Negative = 'minus' | 'trailing' | 'brackets';

interface Drawn {
  lang: Lang;
  rate: number;
  items: { qty: number; name: string; unit: number }[];
  discount: number;
  negative: Negative;
  withSubtotal: boolean;
  withSign: boolean;
  payment: 'cash' | 'card' | 'split';
  /** A tip written on a card slip (paid with the card, on top of the total). */
  tip: number;
  fullWidth: boolean;
}

/** Minor units as the language prints them ("1.234,50 EUR", "$1,234.50", "¥3,240"). */
function money(minor: number, d: Drawn, negative?: Negative): string {
  const l = d.lang;
  const scale = 10 ** l.digits;
  const whole = Math.floor(Math.abs(minor) / scale)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/gu, l.group);
  const frac = l.digits ? l.decimal + String(Math.abs(minor) % scale).padStart(2, '0') : '';
  let text = whole + frac;
  if (d.withSign) text = l.signBefore ? `${l.sign}${text}` : `${text} ${l.sign}`;
  if (negative === 'minus') text = `-${text}`;
  if (negative === 'trailing') text = `${text}-`;
  if (negative === 'brackets') text = `(${text})`;
  if (d.fullWidth) {
    text = text.replace(/[0-9,]/gu, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
  }
  return text;
}

/** A label on the left, its amount at the right edge (wide characters take two columns). */
function row(left: string, right: string): string {
  const cols = (s: string) => [...s].reduce((n, c) => n + (c.charCodeAt(0) > 0x2e7f ? 2 : 1), 0);
  return `${left}${' '.repeat(Math.max(1, WIDTH - cols(left) - cols(right)))}${right}`;
}

interface Written {
  tip: number;
  text: string;
  total: number;
  tax: number;
  discount: number;
  tendered: { cash: number; card: number };
  change: number;
  itemsSum: number;
}

function write(d: Drawn): Written {
  const l = d.lang;
  const lines = ['THE CORNER', 'Order 1234', '-'.repeat(WIDTH)];
  let itemsSum = 0;
  for (const i of d.items) {
    itemsSum += i.qty * i.unit;
    lines.push(row(`${i.qty} ${i.name}`, money(i.qty * i.unit, d)));
  }
  lines.push('-'.repeat(WIDTH));
  const afterDiscount = itemsSum - d.discount;
  if (d.withSubtotal) lines.push(row(l.subtotal, money(itemsSum, d)));
  if (d.discount > 0) lines.push(row(l.discount, money(d.discount, d, d.negative)));
  let total: number;
  let tax: number;
  if (l.included) {
    total = afterDiscount;
    tax = Math.round((total * d.rate) / (100 + d.rate));
  } else {
    tax = Math.round((afterDiscount * d.rate) / 100);
    total = afterDiscount + tax;
    lines.push(row(l.tax(d.rate), money(tax, d)));
  }
  lines.push(row(l.total, money(total, d)));
  const unit = l.digits === 0 ? 1000 : 500; // cash is handed over in notes
  let cash = 0;
  let card = 0;
  if (d.payment === 'card') card = total + d.tip;
  else if (d.payment === 'cash') cash = Math.ceil(total / unit) * unit;
  else {
    card = Math.floor(total / 2);
    cash = Math.ceil((total - card) / unit) * unit;
  }
  if (card > 0) lines.push(row(`${l.card} ****1234`, money(card, d)));
  if (d.payment === 'card' && d.tip > 0) lines.push(row(l.tip, money(d.tip, d)));
  if (cash > 0) lines.push(row(l.cash, money(cash, d)));
  const tip = d.payment === 'card' ? d.tip : 0;
  const change = cash + card - total - tip;
  if (change > 0) lines.push(row(l.change, money(change, d)));
  if (l.included) lines.push(row(l.tax(d.rate), money(tax, d)));
  lines.push('', 'Thank you!');
  return {
    tip,
    text: lines.join('\n'),
    total,
    tax,
    discount: d.discount,
    tendered: { cash, card },
    change,
    itemsSum,
  };
}

const drawn: fc.Arbitrary<Drawn> = fc
  .constantFrom(...LANGS)
  .chain((lang) =>
    fc.record({
      lang: fc.constant(lang),
      rate: fc.constantFrom(...lang.rates),
      items: fc.array(
        fc.record({
          qty: fc.integer({ min: 1, max: 3 }),
          name: fc.constantFrom(...NAMES),
          // Now and then a banquet's price, so thousands separators are printed too.
          unit:
            lang.digits === 0
              ? fc.integer({ min: 3, max: 3_000 }).map((n) => n * 10)
              : fc.oneof(
                  fc.integer({ min: 150, max: 4_500 }),
                  fc.integer({ min: 100_000, max: 900_000 }),
                ),
        }),
        { minLength: 1, maxLength: 6 },
      ),
      discount: fc.oneof(
        fc.constant(0),
        lang.digits === 0
          ? fc.integer({ min: 1, max: 10 }).map((n) => n * 50)
          : fc.integer({ min: 50, max: 300 }),
      ),
      negative: fc.constantFrom<Negative>('minus', 'trailing', 'brackets'),
      withSubtotal: fc.boolean(),
      withSign: fc.boolean(),
      payment: fc.constantFrom('cash' as const, 'card' as const, 'split' as const),
      tip: fc.oneof(
        fc.constant(0),
        fc.integer({ min: 1, max: 40 }).map((n) => n * (lang.digits === 0 ? 100 : 25)),
      ),
      fullWidth: lang.fullWidth ? fc.boolean() : fc.constant(false),
    }),
  )
  .filter((d) => d.discount < d.items.reduce((n, i) => n + i.qty * i.unit, 0));

describe('receipts from a grammar', () => {
  it('read to their truth in every language, format and payment', () => {
    fc.assert(
      fc.property(drawn, (d) => {
        const w = write(d);
        const f = extractFigures({ text: w.text });
        const paid = (method: string) =>
          f.payments.filter((p) => p.method === method).reduce((n, p) => n + p.amount, 0);
        const got = {
          kind: f.kind,
          total: f.total,
          discounts: f.discounts,
          tax: f.taxes.reduce((n, t) => n + t.amount, 0),
          included: f.taxes.every((t) => t.included === d.lang.included),
          cash: paid('cash'),
          card: paid('card'),
          change: f.change ?? 0,
          tip: f.tip ?? 0,
          items: f.items.length,
          itemsSum: f.items.reduce((n, i) => n + (i.amount ?? 0), 0),
          problems: f.problems,
        };
        expect(got, `${d.lang.name}\n${w.text}`).toEqual({
          kind: 'sale',
          total: w.total,
          discounts: w.discount,
          tax: w.tax,
          included: true,
          cash: w.tendered.cash,
          card: w.tendered.card,
          change: w.change,
          tip: w.tip,
          items: d.items.length,
          itemsSum: w.itemsSum,
          problems: [],
        });
      }),
      {
        numRuns: Number(process.env.RUNS ?? 400),
        seed: process.env.SEED ? Number(process.env.SEED) : 20261207,
      },
    );
  });
});
