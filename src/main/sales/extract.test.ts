/**
 * Figures from receipts as restaurants print them, with no set-up: the kind, the items with
 * their modifiers, taxes on top or in the prices, tips written on a card slip, payments and
 * change, and a problem named in words when the receipt's own sums disagree.
 */
import { describe, expect, it } from 'vitest';
import { extractFigures } from './extract';

const DINER = `        JOE'S DINER
Check #1042      Table 12
Server: Anna     Guests: 3
03/14/2026  07:42 PM
------------------------------------------
2 Burger                             25.98
  no onion
1 Fries                               4.50
1 Milkshake                           6.25
  + extra cream                       0.75
------------------------------------------
Subtotal                             37.48
Sales Tax 8.875%                      3.33
TOTAL                                40.81
VISA XXXX1234                        40.81
Tip                                   8.00
Total                                48.81`;

const CAFE = `   Café am Markt
Bon-Nr. 4711   Tisch 5
07.03.2026 14:32
2 x Cappuccino        3,20    6,40 B
1 x Apfelstrudel              4,50 A
1 x Mineralwasser             2,80 B
-----------------------------------
SUMME EUR                    13,70
Bar                          20,00
Rückgeld                      6,30
MwSt%    Netto   MwSt   Brutto
A 7%      4,21   0,29     4,50
B 19%     7,73   1,47     9,20`;

const IZAKAYA = `居酒屋 さくら
テーブル ７  ２名様
2026年03月14日 20:15
生ビール         2   ¥1,200
焼き鳥盛り合わせ  1   ¥980
枝豆             1   ¥420
合計                 ¥2,600
(内消費税等 10%     ¥236)
お預り               ¥3,000
お釣り                 ¥400`;

describe('a sale with no set-up', () => {
  it('US diner: tax on top, the tip written on the card slip', () => {
    const f = extractFigures({ text: DINER });
    expect(f.kind).toBe('sale');
    expect(f.header).toMatchObject({ order: '1042', table: '12', covers: 3, server: 'Anna' });
    expect(f.header.printedAt).toBe('2026-03-14T19:42');
    expect(f.items.map((i) => [i.quantity, i.name, i.amount, i.modifiers])).toEqual([
      [2, 'Burger', 2598, ['no onion']],
      [1, 'Fries', 450, []],
      [1, 'Milkshake', 700, ['+ extra cream']],
    ]);
    expect(f).toMatchObject({ subtotal: 3748, total: 4081, tip: 800, confidence: 1 });
    expect(f.taxes).toMatchObject([{ amount: 333, rate: 887.5, included: false }]);
    // The card pays the total and the tip: payments add up to what was collected.
    expect(f.payments).toMatchObject([
      { method: 'card', brand: 'Visa', last4: '1234', amount: 4881 },
    ]);
    expect(f.problems).toEqual([]);
  });

  it('European café: comma decimals, two VAT rates in the prices, cash with change', () => {
    const f = extractFigures({ text: CAFE });
    expect(f.currency).toBe('EUR');
    expect(f.header).toMatchObject({ order: '4711', table: '5', printedAt: '2026-03-07T14:32' });
    expect(f.items.map((i) => [i.quantity, i.name, i.amount])).toEqual([
      [2, 'Cappuccino', 640],
      [1, 'Apfelstrudel', 450],
      [1, 'Mineralwasser', 280],
    ]);
    expect(f.total).toBe(1370);
    expect(f.taxes).toMatchObject([
      { rate: 700, base: 421, amount: 29, included: true },
      { rate: 1900, base: 773, amount: 147, included: true },
    ]);
    expect(f.payments).toMatchObject([{ method: 'cash', amount: 2000 }]);
    expect(f.change).toBe(630);
    expect(f.confidence).toBe(1);
  });

  it('Japanese izakaya: yen, full-width digits, tax in the prices', () => {
    const f = extractFigures({ text: IZAKAYA });
    expect(f.currency).toBe('JPY');
    expect(f.header).toMatchObject({ table: '7', covers: 2 });
    expect(f.items.map((i) => [i.quantity, i.name, i.amount])).toEqual([
      [2, '生ビール', 1200],
      [1, '焼き鳥盛り合わせ', 980],
      [1, '枝豆', 420],
    ]);
    expect(f).toMatchObject({ total: 2600, change: 400, confidence: 1 });
    expect(f.taxes).toMatchObject([{ rate: 1000, amount: 236, included: true }]);
  });
});

describe('what does not add up is said, never guessed', () => {
  it('names the sum that fails and lowers the confidence', () => {
    const text = DINER.replace(
      'Subtotal                             37.48',
      'Subtotal                             39.48',
    );
    const f = extractFigures({ text });
    expect(f.problems).toContain('Items sum to 37.48, subtotal says 39.48.');
    expect(f.confidence).toBeLessThan(1);
  });

  it('a receipt without a total has none, and says so', () => {
    const f = extractFigures({ text: '1 Burger     12.99\nThank you!' });
    expect(f.total).toBeNull();
    expect(f.problems).toContain('No total was found.');
  });
});

describe('kinds', () => {
  it.each([
    [
      'refund',
      '*** REFUND ***\n1 Burger      -12.99\nTOTAL         -12.99\nVISA XXXX4242 -12.99',
      'refund',
    ],
    ['void', 'Check #12\n*** VOID ***\n1 Burger   12.99', 'void'],
    ['kitchen ticket', 'KITCHEN   Order #88\n2 Margherita\n  + extra cheese\n1 Calzone', 'kitchen'],
    [
      'Z report',
      'Z REPORT  #0042\nNet sales     1,234.00\nTax             109.50\nCash            500.00\nCard            843.50\nTotal         1,343.50',
      'z-report',
    ],
    ['no-sale', '** NO SALE **\n03/14/2026 18:02', 'no-sale'],
    ['test print', 'Printer test page\nABCDEFGHIJ', 'other'],
  ])('%s', (_, text, kind) => {
    expect(extractFigures({ text }).kind).toBe(kind);
  });

  it('a refund keeps positive amounts; its kind says the money went back', () => {
    const f = extractFigures({
      text: '*** REFUND ***\n1 Burger      -12.99\nTOTAL         -12.99\nVISA XXXX4242 -12.99',
    });
    expect(f).toMatchObject({ total: 1299, payments: [{ method: 'card', amount: 1299 }] });
  });

  it("a Z report gives the POS's own day figures", () => {
    const f = extractFigures({
      text: 'Z REPORT  #0042\nReceipts: 57\nNet sales     1,234.00\nTax             109.50\nCash            500.00\nCard            843.50\nTotal         1,343.50',
    });
    expect(f.posDay).toMatchObject({
      netSales: 123400,
      tax: 10950,
      total: 134350,
      receipts: 57,
      payments: { cash: 50000, card: 84350 },
    });
  });
});

describe('a print far too long to be a sale', () => {
  it('is not read line by line, and says why', () => {
    const text = 'IMAGE ROW 0123456789 12.50\n'.repeat(12_000); // about 320 KiB
    const f = extractFigures({ text });
    expect(f).toMatchObject({ kind: 'other', total: null, items: [] });
    expect(f.problems).toEqual(['Not read for sales figures: 316 KiB of text is no sale receipt.']);
  });
});
