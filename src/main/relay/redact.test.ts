/**
 * What leaves the PC: no card number in clear anywhere in a relayed receipt, whatever the line
 * around it and however it is grouped, while order numbers, dates and phone numbers stay readable.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ReceiptFigures, RelayReceipt } from '../../shared';
import { compileRedaction, figuresNeedNoMasking, redactReceipt, redactText } from './redact';
import { redactionRulesSchema } from '../../shared';

/** The check digit that makes `body` + digit pass Luhn, worked out here on its own. */
function luhnCheckDigit(body: string): string {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    // From the right of the full number, the check digit is position 1; the body's last digit
    // is position 2 and is doubled.
    let d = Number(body[body.length - 1 - i]);
    if (i % 2 === 0) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return String((10 - (sum % 10)) % 10);
}

const digitString = (min: number, max: number) =>
  fc
    .array(fc.constantFrom(...'0123456789'), { minLength: min, maxLength: max })
    .map((a) => a.join(''));

/** A Luhn-valid number of 13 to 19 digits, not starting with 0 (no issuer does). */
const pan = fc
  .tuple(fc.constantFrom(...'123456789'), fc.integer({ min: 13, max: 19 }), digitString(18, 18))
  .map(([first, length, rest]) => {
    const body = (first + rest).slice(0, length - 1);
    return body + luhnCheckDigit(body);
  });

/** How the POS prints it: in one run, in fours, Amex-style 4-6-rest, or in random groups. */
const layout = fc.record({
  separator: fc.constantFrom(' ', '-'),
  style: fc.constantFrom('run', 'fours', 'amex', 'random'),
  cuts: fc.array(fc.integer({ min: 1, max: 18 }), { maxLength: 6 }),
});

function printed(digits: string, l: { separator: string; style: string; cuts: number[] }): string {
  let groups: string[];
  if (l.style === 'run') groups = [digits];
  else if (l.style === 'fours') groups = digits.match(/.{1,4}/g)!;
  else if (l.style === 'amex') groups = [digits.slice(0, 4), digits.slice(4, 10), digits.slice(10)];
  else {
    const cuts = [...new Set(l.cuts.filter((c) => c < digits.length))].sort((a, b) => a - b);
    groups = [0, ...cuts].map((c, i, all) => digits.slice(c, all[i + 1] ?? digits.length));
  }
  return groups.filter((g) => g !== '').join(l.separator);
}

/** Receipt-ish text around it: words, prices, times, other numbers, any punctuation. */
const filler = fc
  .array(
    fc.oneof(
      fc.constantFrom(
        'VISA',
        'Card',
        'Total',
        'Café',
        'ラーメン',
        'x',
        '#',
        ':',
        '(',
        ')',
        '/',
        '*',
      ),
      fc.constantFrom(' ', '  ', '-', ' - '),
      digitString(1, 6),
      fc.constantFrom('12.50', '2024-05-01', '12:30', '+33 6 12 34 56 78'),
    ),
    { maxLength: 8 },
  )
  .map((parts) => parts.join(''));

/** Something other than a digit just before and after the card (else it is a different number). */
const edge = fc.constantFrom(' ', '-', ':', '#', 'x', '', '\t');

const embedded = fc
  .tuple(filler, edge, pan, layout, edge, filler)
  .map(([before, e1, digits, l, e2, after]) => {
    const left = before + e1;
    const safeLeft = /\d$/.test(left) ? left + 'x' : left;
    const right = e2 + after;
    const safeRight = /^\d/.test(right) ? 'x' + right : right;
    const card = printed(digits, l);
    return { line: safeLeft + card + safeRight, at: safeLeft.length, card, digits };
  });

/** The card's positions that must be masked: every digit but its last four. */
function mustBeMasked(card: string, at: number): number[] {
  const positions: number[] = [];
  for (let i = 0; i < card.length; i++) if (/\d/.test(card[i])) positions.push(at + i);
  return positions.slice(0, -4);
}

describe('no card number leaves the PC', () => {
  it('masks every digit but the last four of any Luhn-valid number in any line', () => {
    fc.assert(
      fc.property(embedded, ({ line, at, card }) => {
        const out = redactText(line);
        expect(out.length).toBe(line.length);
        for (const p of mustBeMasked(card, at)) expect(out[p]).toBe('*');
        // Nothing else changed but digits turned to stars.
        for (let i = 0; i < line.length; i++) {
          if (out[i] !== line[i]) expect([out[i], /\d/.test(line[i])]).toEqual(['*', true]);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('leaves no card readable in any string of a relayed receipt', () => {
    const rulesList = redactionRulesSchema.parse([{ kind: 'phrase', text: 'Jane' }]);
    fc.assert(
      fc.property(
        fc.array(embedded, { minLength: 6, maxLength: 6 }),
        fc.array(filler, { minLength: 3, maxLength: 6 }),
        (cards, lines) => {
          const [a, b, c, d, e, f] = cards;
          const receipt = sampleReceipt({
            text: [...lines.slice(0, 2), a.line, ...lines.slice(2)].join('\n'),
            itemName: b.line,
            modifier: c.line,
            paymentLabel: d.line,
            order: e.line,
            problem: f.line,
          });
          const out = redactReceipt(receipt, rulesList);
          for (const s of allStrings(out)) {
            const digits = s.replace(/\D+/g, '');
            for (const card of cards) expect(digits).not.toContain(card.digits.slice(0, -4));
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it('leaves order numbers, dates, phone numbers and Luhn-failing numbers alone', () => {
    const notCard = fc
      .tuple(fc.constantFrom(...'123456789'), digitString(12, 18))
      .map(([first, rest]) => {
        const body = first + rest.slice(0, -1);
        const good = luhnCheckDigit(body);
        return body + String((Number(good) + 1) % 10);
      });
    const token = fc.oneof(
      notCard.map((n) => `Order ${n}`),
      fc.constantFrom('2024-05-01 12:30', '01/05/2024', '+33 6 12 34 56 78', '(555) 123-4567'),
      fc.constantFrom('555-123-4567', '#1042', 'Table 12', '3 x 4.50 13.50', 'Covers 4'),
    );
    fc.assert(
      fc.property(fc.array(token, { minLength: 1, maxLength: 6 }), (tokens) => {
        // Separated by a word, as on a receipt, so two tokens never chain into one number.
        const line = tokens.join(' | ');
        expect(redactText(line)).toBe(line);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('figures sent as they were stored', () => {
  const noRules = compileRedaction([]);

  it('are never sent as stored when a card number is in any of their strings', () => {
    fc.assert(
      fc.property(
        embedded,
        fc.constantFrom('itemName', 'modifier', 'paymentLabel', 'order', 'problem'),
        (card, field) => {
          const { figures } = sampleReceipt({ [field]: card.line });
          expect(figuresNeedNoMasking(JSON.stringify(figures), noRules)).toBe(false);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('are sent as stored when nothing in them is masked, and never while the manager has rules', () => {
    const json = JSON.stringify(
      sampleReceipt({ order: 'A-1042', paymentLabel: 'Luncheon voucher' }).figures,
    );
    expect(figuresNeedNoMasking(json, noRules)).toBe(true);
    const rules = compileRedaction(redactionRulesSchema.parse([{ kind: 'phrase', text: 'Jane' }]));
    expect(figuresNeedNoMasking(json, rules)).toBe(false);
  });
});

describe('redactReceipt', () => {
  const rulesList = redactionRulesSchema.parse([
    { kind: 'phrase', text: 'Jane Doe' },
    { kind: 'pattern', pattern: 'LOY####' },
  ]);

  it('masks the text and every free-text string of the figures, and nothing else', () => {
    const r = sampleReceipt({
      text: 'Jane Doe\nVISA 4111 1111 1111 1111\nLOY1234',
      itemName: 'Burger for Jane Doe',
      modifier: 'note LOY1234',
      paymentLabel: 'VISA 4111111111111111',
      order: 'LOY1234',
      problem: 'line 2 says Jane Doe',
    });
    const out = redactReceipt(r, rulesList);
    expect(out.text).toBe('**** ***\nVISA **** **** **** 1111\n*******');
    const f = out.figures!;
    expect(f.items[0].name).toBe('Burger for **** ***');
    expect(f.items[0].modifiers).toEqual(['note *******']);
    expect(f.payments[0]).toMatchObject({
      label: 'VISA ************1111',
      last4: '1111',
      method: 'card',
    });
    expect(f.header.order).toBe('*******');
    expect(f.problems).toEqual(['line 2 says **** ***']);
    // Codes and numbers are the figures' own, untouched.
    expect({ ...out, text: r.text, figures: r.figures }).toEqual(r);
    expect({ ...f, items: [], payments: [], header: r.figures!.header, problems: [] }).toEqual({
      ...r.figures!,
      items: [],
      payments: [],
      problems: [],
    });
    // The receipt passed in is not changed.
    expect(r.text).toContain('4111 1111 1111 1111');
  });

  it('keeps a code that happens to match a rule', () => {
    const rules = redactionRulesSchema.parse([
      { kind: 'phrase', text: 'sale' },
      { kind: 'phrase', text: 'card' },
      { kind: 'phrase', text: 'EUR' },
      { kind: 'pattern', pattern: '####' },
    ]);
    const out = redactReceipt(sampleReceipt({}), rules);
    expect(out.figures).toMatchObject({ kind: 'sale', currency: 'EUR' });
    expect(out.figures!.payments[0]).toMatchObject({ method: 'card', last4: '1111' });
  });

  it('masks the raw bytes where they hold text, leaving printer commands whole', () => {
    const bytes = Buffer.concat([
      Buffer.from([0x1b, 0x40, 0x1b, 0x45, 0x01]),
      Buffer.from('Jane Doe\nVISA 4111 1111 1111 1111\n', 'latin1'),
      Buffer.from([0x1d, 0x56, 0x00]),
    ]);
    const out = redactReceipt(
      sampleReceipt({ text: 'Jane Doe\nVISA 4111 1111 1111 1111', raw: bytes.toString('base64') }),
      rulesList,
    );
    const raw = Buffer.from(out.raw!, 'base64');
    expect(raw.length).toBe(bytes.length);
    expect(raw.subarray(0, 5)).toEqual(bytes.subarray(0, 5));
    expect(raw.subarray(-3)).toEqual(bytes.subarray(-3));
    expect(raw.subarray(5, -3).toString('latin1')).toBe('**** ***\nVISA **** **** **** 1111\n');
  });

  it('leaves the raw bytes out when a card number hides in them behind printer commands', () => {
    // Bold switched on in the middle of the number: the bytes no longer read as one number.
    const bytes = Buffer.concat([
      Buffer.from('VISA 4111 1111 ', 'latin1'),
      Buffer.from([0x1b, 0x45, 0x01]),
      Buffer.from('1111 1111\n', 'latin1'),
    ]);
    const out = redactReceipt(
      sampleReceipt({ text: 'VISA 4111 1111 1111 1111', raw: bytes.toString('base64') }),
    );
    expect(out.text).toBe('VISA **** **** **** 1111');
    expect(out).not.toHaveProperty('raw');
  });

  it('sends a receipt without figures with its text masked', () => {
    const r = { ...sampleReceipt({ text: '4111111111111111' }), figures: null };
    expect(redactReceipt(r)).toMatchObject({ text: '************1111', figures: null });
  });
});

function* allStrings(value: unknown): Generator<string> {
  if (typeof value === 'string') yield value;
  else if (Array.isArray(value)) for (const v of value) yield* allStrings(v);
  else if (value !== null && typeof value === 'object') {
    for (const v of Object.values(value)) yield* allStrings(v);
  }
}

function sampleReceipt(o: {
  text?: string;
  itemName?: string;
  modifier?: string;
  paymentLabel?: string;
  order?: string;
  problem?: string;
  raw?: string;
}): RelayReceipt {
  const figures: ReceiptFigures = {
    kind: 'sale',
    currency: 'EUR',
    header: {
      order: o.order ?? '1042',
      table: '12',
      covers: 2,
      server: 'Marie',
      terminal: 'T1',
      printedAt: '2025-03-14T12:30',
    },
    items: [
      {
        name: o.itemName ?? 'Burger',
        quantity: 1,
        amount: 1250,
        modifiers: [o.modifier ?? 'no onion'],
        line: 3,
      },
    ],
    discounts: 0,
    subtotal: 1250,
    serviceCharge: null,
    taxes: [{ label: 'TVA 10%', rate: 1000, base: 1136, amount: 114, included: true, line: 6 }],
    tip: null,
    total: 1250,
    payments: [
      {
        method: 'card',
        label: o.paymentLabel ?? 'VISA',
        brand: 'Visa',
        amount: 1250,
        last4: '1111',
        line: 8,
      },
    ],
    change: null,
    posDay: null,
    confidence: 1,
    problems: [o.problem ?? 'none'],
  };
  return {
    id: 'paris-11.abc.42',
    seq: 42,
    station: 'Front',
    receivedAt: Date.UTC(2025, 2, 14, 11, 30),
    businessDay: '2025-03-14',
    text: o.text ?? 'Burger 12.50',
    figures,
    drawerKicks: 0,
    ...(o.raw !== undefined ? { raw: o.raw } : {}),
  };
}
