import { describe, expect, it } from 'vitest';
import { emptySalesProfile } from '../../shared';
import { extractFigures } from './extract';
import { extractorProfile, learnedPhrase, reconciles, teach } from './teach';

describe('learning a label from a line', () => {
  it.each([
    ['TOPLAM                              420,00', 'toplam'],
    ['KREDİ KARTI ****4821                210,00', 'kredi karti'],
    ['Amt. Payable:  EUR 12.50', 'amt payable'],
    ['  PARA ÜSTÜ .......... ₺40,00', 'para ustu'],
    ['お支払い合計　￥３，２４０', 'お支払い合計'],
    ['Trinkgeld (Karte) 2,00 €', 'trinkgeld karte'],
  ])('%s → %s', (line, phrase) => {
    expect(learnedPhrase(`HEADER\n${line}\nFOOTER`, 1)).toEqual({ phrase });
  });

  it('says why a line of numbers or a missing line teaches nothing', () => {
    expect(learnedPhrase('------------\n  12,00', 1)).toMatchObject({
      problem: expect.stringContaining('no words to learn'),
    });
    expect(learnedPhrase('one line', 3)).toEqual({ problem: 'The receipt has no line 4.' });
  });

  it('moves a phrase from one figure to another rather than keeping both', () => {
    let p = teach(emptySalesProfile('Bar'), 'tip', 'tip top');
    p = teach(p, 'item', 'tip top');
    expect(p.labels).toEqual({ item: ['tip top'] });
  });
});

describe('a taught item', () => {
  const check = [
    'DINER',
    '1 Burger             12.00',
    '1 Tip Top Sundae      6.50',
    'Subtotal             18.50',
    'TOTAL                18.50',
    'CASH                 20.00',
    'CHANGE                1.50',
  ].join('\n');

  it('is read as an item though a label word is in its name', () => {
    // Built in, "Tip" names the tip: the sundae is read as one and the sums fail.
    expect(reconciles(extractFigures({ text: check }))).toBe(false);
    const taught = teach(emptySalesProfile('Front'), 'item', 'tip top sundae');
    const f = extractFigures({ text: check }, extractorProfile(taught, 'USD'));
    expect(reconciles(f)).toBe(true);
    expect(f.items.map((i) => [i.name, i.amount])).toEqual([
      ['Burger', 1200],
      ['Tip Top Sundae', 650],
    ]);
    expect(f.tip).toBeNull();
  });
});
