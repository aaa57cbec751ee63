/**
 * Amounts as receipts around the world print them, read to minor units: separators, currencies
 * before and after, negatives three ways, whole-unit currencies and full-width digits; and the
 * numbers that are not money (times, dates, codes, rates) left alone.
 */
import { describe, expect, it } from 'vitest';
import { amountTokens, decimalStyle, halfWidth, minorUnits } from './amounts';

/** The money on a line, read in the style its own amounts agree on. */
function money(line: string, currency: string | null = null): number[] {
  const tokens = amountTokens(halfWidth(line)).filter((t) => !t.percent);
  const style = decimalStyle(tokens, currency);
  return tokens.filter((t) => t.money || style.places === 0).map((t) => minorUnits(t, style)!);
}

describe('amounts on a line', () => {
  it.each([
    ['TOTAL                 1,234.56', [123456]],
    ['SUMME EUR             1.234,56', [123456]],
    ['Total TTC            1 234,56 €', [123456]],
    ["Total CHF            1'234.50", [123450]],
    ['Total               $1,234.56', [123456]],
    ['Total                 €12,50', [1250]],
    ['Razem                12,50 zł', [1250]],
    ['Total                R$ 45,90', [4590]],
    ['Totalt               129,00 kr', [12900]],
    ['Discount                -5.00', [-500]],
    ['Rabatt                  5,00-', [-500]],
    ['Comp                   (5.00)', [-500]],
    ['Refund               −12.00', [-1200]],
    ['2 x Cappuccino  3,20  6,40 B', [320, 640]],
  ])('%s', (line, want) => {
    expect(money(line)).toEqual(want);
  });

  it('reads yen and won as whole units, with or without grouping', () => {
    expect(money('合計         ¥12,800', 'JPY')).toEqual([12800]);
    expect(money('합계       12,800원', 'KRW')).toEqual([12800]);
    expect(money('お釣り          400円', 'JPY')).toEqual([400]);
  });

  it('reads full-width digits and signs as their ASCII forms', () => {
    expect(money('合計　　　　￥１，２８０', 'JPY')).toEqual([1280]);
  });

  it.each([
    ['times', '20:15   07:42 PM'],
    ['dates', '14.03.2026   03/14/2026   2026-03-14'],
    ['codes and words', 'Table A4   B52   12oz Latte'],
    ['a card number', 'VISA 4111-1111-1111-1111'],
    ['a till number', 'Bar                #0411'],
  ])('leaves %s alone', (_, line) => {
    expect(money(line)).toEqual([]);
  });

  it('reads rates as rates, not money', () => {
    const [rate, amount] = amountTokens('Sales Tax 8.875%     3.33');
    expect(rate).toMatchObject({ digits: '8.875', percent: true });
    expect(amount).toMatchObject({ digits: '3.33', percent: false, money: true });
  });

  it('decides the decimal separator by the receipt, not the token', () => {
    // "1,500" alone could be either; a receipt whose other amounts are "3,20" uses commas.
    const receipt = ['Wein          1,500', 'Kaffee         3,20', 'Summe          4,70'];
    const tokens = receipt.flatMap((l) => amountTokens(l));
    const style = decimalStyle(tokens, null);
    expect(style).toEqual({ decimal: ',', places: 2 });
    expect(minorUnits(tokens[0], style)).toBeNull(); // three decimals: not this receipt's money
    expect(minorUnits(tokens[1], style)).toBe(320);
  });
});
