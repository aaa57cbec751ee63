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

  it('handles a long line of single digits in linear time', () => {
    const line = '1 '.repeat(50_000);
    const out = mask(line);
    expect(out.length).toBe(line.length);
  });
});
