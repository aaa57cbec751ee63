import { describe, expect, it } from 'vitest';
import { luhnValid, maskCardNumbers } from './card-numbers';

const mask = (s: string) => maskCardNumbers(s).text;

describe('luhnValid', () => {
  it.each([
    ['4111111111111111', true],
    ['4111111111111112', false],
    ['378282246310005', true],
    ['30569309025904', true],
    ['4222222222222', true],
    ['6304000000000000000', true],
    ['4312740028300018422', true],
    ['4312740028300018421', false],
    ['', false],
  ])('%s → %s', (digits, valid) => {
    expect(luhnValid(digits)).toBe(valid);
  });
});

describe('maskCardNumbers', () => {
  it.each([
    ['4111111111111111', '************1111'],
    ['4111 1111 1111 1111', '**** **** **** 1111'],
    ['4111-1111-1111-1111', '****-****-****-1111'],
    ['3782 822463 10005', '**** ****** *0005'],
    ['4222222222222', '*********2222'],
    ['4312 7400 2830 0018 422', '**** **** **** ***8 422'],
    ['4111 1111-1111 1111', '**** ****-**** 1111'],
  ])('masks %s in the layouts cards are printed in', (card, masked) => {
    expect(mask(card)).toBe(masked);
  });

  it('keeps the rest of the line and its length, so columns stay aligned', () => {
    const line = 'VISA 4111 1111 1111 1111      12.50';
    const out = mask(line);
    expect(out).toBe('VISA **** **** **** 1111      12.50');
    expect(out.length).toBe(line.length);
  });

  it('finds the card among digits chained to it (a number before, a time after)', () => {
    expect(mask('Order 12 4111 1111 1111 1111 12:30')).toBe('Order 12 **** **** **** 1111 12:30');
    expect(mask('#4111111111111111#')).toBe('#************1111#');
    expect(mask('CARD:4111111111111111.')).toBe('CARD:************1111.');
  });

  it('masks every card on a line and names their digits', () => {
    const r = maskCardNumbers('4111111111111111 / 5555-5555-5555-4444');
    expect(r.text).toBe('************1111 / ****-****-****-4444');
    expect(r.cards).toEqual(['4111111111111111', '5555555555554444']);
  });

  it('masks fullwidth digits with a fullwidth star', () => {
    const card = '４１１１１１１１１１１１１１１１';
    expect(mask(`カード ${card}`)).toBe(`カード ${'＊'.repeat(12)}１１１１`);
  });

  it.each([
    ['a Luhn-failing 16-digit number', 'Order 4111111111111112'],
    ['a Luhn-failing grouped number', 'Ref 4111 1111 1111 1112'],
    ['a date and a time', '2024-05-01 12:30  Table 12'],
    ['a phone number', 'Tel +33 1 23 45 67 89'],
    ['a US phone number', 'Call (555) 123-4567'],
    ['a run longer than 19 digits', 'Txn 41111111111111111234'],
    ['12 digits', '411111111111'],
    ['a masked card', 'VISA ************1111'],
    ['digits two spaces apart', '4111  1111  1111  1111'],
    ['prices', '2 x Burger 12.50 25.00'],
  ])('leaves %s alone', (_what, line) => {
    expect(maskCardNumbers(line)).toEqual({ text: line, cards: [] });
  });

  it('does not take a 16-digit stretch out of a longer run', () => {
    // 20 digits whose last 16 are a valid card number: one number, and not a card's.
    expect(mask('12344111111111111111')).toBe('12344111111111111111');
  });

  it('on random text, masks digits only, keeps every position and hides every card', () => {
    // A small fixed generator, so a failure names a line that can be tried again.
    let seed = 12345;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const pick = (xs: string[]) => xs[Math.floor(next() * xs.length)];
    const digits = [...'01234567894111', '３', '１'];
    const cardsToHide = ['4111 1111 1111 1111', '5555-5555-5555-4444', '378282246310005'];
    let found = 0;
    for (let n = 0; n < 3000; n++) {
      let line = '';
      const hidden: { at: number; card: string }[] = [];
      for (let k = 10 + Math.floor(next() * 40); k > 0; k--) {
        const r = next();
        line += r < 0.8 ? pick(digits) : r < 0.95 ? pick([' ', '-']) : pick(['.', 'x', ':']);
        if (next() < 0.02) {
          // Set apart by letters, so it is a card whatever digits stand around it.
          const card = pick(cardsToHide);
          hidden.push({ at: line.length + 1, card });
          line += `x${card}x`;
        }
      }
      const { text, cards } = maskCardNumbers(line);
      found += cards.length;
      for (const { at, card } of hidden) {
        const shown = text.slice(at, at + card.length);
        expect(shown.replace(/[^0-9]/g, ''), line).toBe(card.replace(/[^0-9]/g, '').slice(-4));
      }
      expect(text.length, line).toBe(line.length);
      for (let k = 0; k < line.length; k++) {
        if (text[k] !== line[k]) expect(line[k], line).toMatch(/[0-9０-９]/);
      }
    }
    // The generator makes card numbers too, or the test would prove nothing.
    expect(found).toBeGreaterThan(20);
  });

  it('handles a long line of single digits in linear time', () => {
    const line = '1 '.repeat(50_000);
    const out = mask(line);
    expect(out.length).toBe(line.length);
  });
});
