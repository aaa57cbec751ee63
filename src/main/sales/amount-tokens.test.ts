/**
 * The amount scan reads what its documented expression reads (amount-tokens.ts), on lines made
 * at random of the characters that matter to it: digits, separators, signs, minus signs,
 * brackets, letters and spaces of several kinds. The expression below is the scan's
 * specification, kept here so a change to the scan is checked against it.
 */
import { describe, expect, it } from 'vitest';
import type { AmountToken } from './amounts';
import { amountTokens } from './amount-tokens';

const SIGN = String.raw`(?:US\$|C\$|A\$|R\$|[$€£¥￥₩₹₺円원]|(?:zł|Kč|kr|CHF|Fr\.?|EUR|USD|GBP|JPY|KRW|PLN|SEK|NOK|DKK|CZK|HUF|BRL|CAD|AUD|MXN)(?![A-Za-z]))`;
const NUMBER = String.raw`\d{1,3}(?:[,.'\u202f\u00a0]\d{3})+(?:[.,]\d{1,3})?|\d{1,3}(?: \d{3})+,\d{2}|\d+(?:[.,]\d{1,3})?`;
const TOKEN = new RegExp(
  String.raw`(\()?(?:([-−])\s?)?(?:(${SIGN})\s?)?([-−])?(${NUMBER})(?!\d)(?:\s?(${SIGN}))?([-−](?!\d))?(\))?(\s?%)?`,
  'gu',
);

/** The expression's matches, less those glued to a word, a time, a date or a code. */
function specified(line: string): AmountToken[] {
  const out: AmountToken[] = [];
  for (const m of line.matchAll(TOKEN)) {
    const [whole, open, minus1, signBefore, minus2, digits, signAfter, minusAfter, close, pct] = m;
    const start = m.index;
    const end = start + whole.length;
    const fraction = /[.,]\d{2}$/u.test(digits);
    const at = (k: number) => line[k] ?? '';
    const glued =
      (!(signBefore || open) &&
        (/[\p{L}\d]/u.test(at(start - 1)) ||
          /[:/#№]/u.test(at(start - 1)) ||
          (/[.,-]/u.test(at(start - 1)) && /\d/u.test(at(start - 2))))) ||
      (!(signAfter || pct) &&
        ((/[:/.,-]/u.test(at(end)) && /\d/u.test(at(end + 1))) ||
          (/\p{L}/u.test(at(end)) &&
            !(/[A-Z]/u.test(at(end)) && !/\p{L}/u.test(at(end + 1)) && fraction))));
    if (glued) continue;
    const currency = signBefore ?? signAfter ?? null;
    out.push({
      digits,
      negative: !!(minus1 || minus2 || minusAfter || (open && close)),
      currency,
      start,
      end,
      percent: !!pct,
      money: !!currency || fraction,
    });
  }
  return out;
}

const PIECES = [
  ...'0123456789012345678901234567890123456789',
  ..." .,'-−()%$€£¥￥₩₹₺円원:/#№xX×*@+~>aAbBéß",
  ...['US$', 'C$', 'A$', 'R$', 'zł', 'Kč', 'kr', 'CHF', 'Fr.', 'Fr', 'EUR', 'USD', 'JPY'],
  ...['U', 'S', 'C', 'F', 'r', 'E', '\u00a0', '\u202f', '\u3000', '\t', '\u2000', '\ufeff'],
  ...['𝐀', '\ud83c', '合', '─'],
  // Numbers whole, so that every way of grouping and every fraction length comes up often.
  ...['1234', '.567', ',5678', '8.875', "1'234", '1 234,56', '12,5', '0.07', '2 100', '1.234.567'],
];

describe('the amount scan', () => {
  it('reads every line as its expression does', () => {
    let seed = 20261207;
    const random = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x80000000;
    const differ: string[] = [];
    for (let n = 0; n < 20_000 && differ.length < 5; n++) {
      let line = '';
      const length = 1 + Math.floor(random() * 14);
      for (let k = 0; k < length; k++) line += PIECES[Math.floor(random() * PIECES.length)];
      if (JSON.stringify(amountTokens(line)) !== JSON.stringify(specified(line))) {
        differ.push(line);
      }
    }
    expect(differ).toEqual([]);
  });

  it('reads the lines of real receipts as its expression does', () => {
    for (const line of [
      'TOTAL                 1,234.56',
      'Total TTC            1 234,56 €',
      "Total CHF            1'234.50",
      'Rabatt                  5,00-',
      'Comp                   (5.00)',
      '2 x Cappuccino  3,20  6,40 B',
      '合計　　　　¥1,280',
      'VISA 4111-1111-1111-1111',
      'Sales Tax 8.875%     3.33',
      '14.03.2026   03/14/2026   20:15',
    ]) {
      expect(amountTokens(line)).toEqual(specified(line));
    }
  });
});
