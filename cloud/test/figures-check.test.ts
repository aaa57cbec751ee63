/**
 * The Worker's hand-written check of a receipt's figures (src/figures-check.ts) held to the zod
 * schema it replaced (figures-reference-schema.ts) on the figures the desk's own interpreter and
 * extractor read from the fixture days, on the same figures each broken at one random place,
 * and on a table of edge values. For every one both must agree whether it is taken; when taken,
 * the JSON stored must be the same bytes (unknown fields dropped, fields in order); when not,
 * the field named must be the same.
 */
import { describe, expect, it } from 'vitest';
import type { ReceiptFigures } from '../../src/shared/sales';
import { readDays } from '../../test/helpers/seed-figures';
import { seeded } from '../../test/sales/fixtures/random';
import { checkFigures } from '../src/figures-check';
import { figuresSchema as reference } from './figures-reference-schema';
import { saleFigures } from './relay-client';

interface Disagreement {
  label: string;
  value: string;
  reference: string;
  check: string;
}

/** How the two answer `value`, or null when they agree. */
function disagreement(label: string, value: unknown): Disagreement | null {
  const expected = reference.safeParse(value);
  const got = checkFigures(value);
  const referenceSays = expected.success
    ? `taken ${JSON.stringify(expected.data)}`
    : `refused at ${JSON.stringify(expected.error.issues[0].path)}`;
  const checkSays = got.ok
    ? `taken ${JSON.stringify(got.figures)}`
    : `refused at ${JSON.stringify(got.path)}: ${got.message}`;
  const same = expected.success
    ? got.ok && JSON.stringify(got.figures) === JSON.stringify(expected.data)
    : !got.ok && JSON.stringify(got.path) === JSON.stringify(expected.error.issues[0].path);
  if (same) return null;
  return {
    label,
    value: JSON.stringify(value)?.slice(0, 400),
    reference: referenceSays,
    check: checkSays,
  };
}

/** Values that are right in some places and wrong in others. */
const ODD_VALUES: unknown[] = [
  null,
  true,
  0,
  -0,
  -1,
  1,
  0.5,
  1.5,
  1900.5,
  2 ** 53,
  -(2 ** 53),
  JSON.parse('1e999'),
  '',
  'x',
  'EUR',
  'eur',
  '4242',
  '42424',
  'sale',
  'lunch',
  'cash',
  [],
  ['x'],
  [3],
  [-1],
  {},
  { cash: 100 },
  { cheque: 100 },
];

type Container = Record<string, unknown> | unknown[];

/** Every place in `value` a field or element sits: its container and its key. */
function places(value: unknown, out: [Container, string | number][] = []) {
  if (Array.isArray(value)) {
    value.forEach((v, i) => {
      out.push([value, i]);
      places(v, out);
    });
  } else if (typeof value === 'object' && value !== null) {
    for (const [k, v] of Object.entries(value)) {
      out.push([value as Record<string, unknown>, k]);
      places(v, out);
    }
  }
  return out;
}

/** `figures` with one place changed: a value replaced, a field removed, or one added. */
function broken(figures: ReceiptFigures, next: () => number): { how: string; value: unknown } {
  const copy = structuredClone(figures) as unknown as Record<string, unknown>;
  const all = places(copy);
  const [container, key] = all[Math.floor(next() * all.length)];
  const roll = next();
  if (roll < 0.15 && !Array.isArray(container)) {
    delete container[key as string];
    return { how: `${key} removed`, value: copy };
  }
  if (roll < 0.25 && !Array.isArray(container)) {
    container.note = 'not a field of the type';
    return { how: `a field added next to ${key}`, value: copy };
  }
  const odd = ODD_VALUES[Math.floor(next() * ODD_VALUES.length)];
  (container as Record<string | number, unknown>)[key] = odd;
  return { how: `${key} set to ${JSON.stringify(odd) ?? String(odd)}`, value: copy };
}

/** The figures of two fixture days as the desk reads them: sales, refunds, voids, kitchen, X/Z. */
async function deskFigures(): Promise<ReceiptFigures[]> {
  const receipts = await readDays(
    [
      { day: '2026-06-12', seed: 7, receipts: 120 },
      { day: '2026-06-13', seed: 8, receipts: 120 },
    ],
    { timeZone: 'Europe/Paris', dayStart: '04:00' },
  );
  return receipts.flatMap((r) => (r.figures === null ? [] : [r.figures]));
}

describe('the hand-written figures check agrees with the zod schema it replaced', () => {
  it("on every figures the desk's extractor reads from two fixture days", async () => {
    const figures = await deskFigures();
    expect(new Set(figures.map((f) => f.kind)).size).toBeGreaterThanOrEqual(6);
    expect(figures.some((f) => f.posDay !== null)).toBe(true);
    expect(figures.some((f) => f.lines === undefined)).toBe(true);
    const differ = figures.map((f, i) => disagreement(`desk figures ${i}`, f)).filter(Boolean);
    expect(differ).toEqual([]);
    expect(figures.every((f) => checkFigures(f).ok)).toBe(true);
  });

  it('on the same figures each broken at one random place, taken or refused', async () => {
    const figures = await deskFigures();
    // Seeded: the same "random" breakages on every run, so a failure can be run again.
    const rng = seeded(20260612);
    const next = () => rng.next();
    let refused = 0;
    const differ: Disagreement[] = [];
    for (const [i, f] of [...figures, ...figures].entries()) {
      const { how, value } = broken(f, next);
      const d = disagreement(`figures ${i % figures.length}, ${how}`, value);
      if (d !== null) differ.push(d);
      if (!reference.safeParse(value).success) refused++;
    }
    expect(differ).toEqual([]);
    // Enough of both kinds for the agreement to mean something.
    expect(refused).toBeGreaterThan(200);
    expect(figures.length * 2 - refused).toBeGreaterThan(50);
  });

  it('on edge values: limits of numbers, codes, optional and unknown fields, odd keys', () => {
    const f = saleFigures(1250);
    const posDay = {
      total: 1,
      netSales: null,
      tax: null,
      tips: null,
      refunds: null,
      discounts: null,
      payments: {},
      receipts: -3,
    };
    const lines = { subtotal: 0, total: 1, tip: [], service: [2], discounts: [], change: null };
    const payment = f.payments[0];
    const cases: [string, unknown][] = [
      ['figures as a list', [f]],
      ['figures as text', 'figures'],
      ['confidence 0', { ...f, confidence: 0 }],
      ['confidence 1', { ...f, confidence: 1 }],
      ['confidence -0', { ...f, confidence: -0 }],
      ['confidence just over 1', { ...f, confidence: 1.0000001 }],
      ['confidence below 0', { ...f, confidence: -0.01 }],
      ['total at the largest safe integer', { ...f, total: Number.MAX_SAFE_INTEGER }],
      ['total past it', { ...f, total: Number.MAX_SAFE_INTEGER + 1 }],
      ['total at the smallest safe integer', { ...f, total: Number.MIN_SAFE_INTEGER }],
      ['total -0', { ...f, total: -0 }],
      ['total 1e999 (Infinity)', { ...f, total: JSON.parse('1e999') }],
      ['quantity 1e999', { ...f, items: [{ ...f.items[0], quantity: JSON.parse('1e999') }] }],
      ['quantity 0.5', { ...f, items: [{ ...f.items[0], quantity: 0.5 }] }],
      ['a line index of -0', { ...f, items: [{ ...f.items[0], line: -0 }] }],
      ['a line index of -1', { ...f, items: [{ ...f.items[0], line: -1 }] }],
      ['rate 887.5', { ...f, taxes: [{ ...f.taxes[0], rate: 887.5 }] }],
      ['included as 1', { ...f, taxes: [{ ...f.taxes[0], included: 1 }] }],
      ['currency null', { ...f, currency: null }],
      ['currency eur', { ...f, currency: 'eur' }],
      ['currency with a newline', { ...f, currency: 'EUR\n' }],
      ['currency EURO', { ...f, currency: 'EURO' }],
      ['last4 null', { ...f, payments: [{ ...payment, last4: null }] }],
      ['last4 of 3 digits', { ...f, payments: [{ ...payment, last4: '424' }] }],
      ['last4 in other digits', { ...f, payments: [{ ...payment, last4: '٤٢٤٢' }] }],
      ['last4 as a number', { ...f, payments: [{ ...payment, last4: 4242 }] }],
      ['a method not known', { ...f, payments: [{ ...payment, method: 'cheque' }] }],
      ['kind not known', { ...f, kind: 'lunch' }],
      ['lines absent', { ...f, lines: undefined }],
      ['lines present', { ...f, lines }],
      ['lines null', { ...f, lines: null }],
      ['lines with a bad index', { ...f, lines: { ...lines, service: [1, -2] } }],
      ['covers 0', { ...f, header: { ...f.header, covers: 0 } }],
      ['covers -1', { ...f, header: { ...f.header, covers: -1 } }],
      ['header missing', { ...f, header: undefined }],
      ['header a list', { ...f, header: [] }],
      ['unknown fields at every level', { ...f, x: 1, header: { ...f.header, y: 2 } }],
      ['posDay', { ...f, posDay }],
      ['posDay payments a list', { ...f, posDay: { ...posDay, payments: [] } }],
      ['posDay payments by method', { ...f, posDay: { ...posDay, payments: { cash: 5 } } }],
      ['posDay payment of 1.5', { ...f, posDay: { ...posDay, payments: { cash: 1.5 } } }],
      ['posDay payment by a method not known', { ...f, posDay: { ...posDay, payments: { x: 1 } } }],
      [
        'posDay: a method not known before a bad amount',
        { ...f, posDay: { ...posDay, payments: { x: 1, cash: 'a' } } },
      ],
      [
        'posDay payments with a "__proto__" key (as JSON.parse makes it)',
        { ...f, posDay: { ...posDay, payments: JSON.parse('{"__proto__":{"a":1},"cash":2}') } },
      ],
      [
        'posDay payments with a "constructor" key',
        { ...f, posDay: { ...posDay, payments: { constructor: 1 } } },
      ],
      ['posDay receipts 1.5', { ...f, posDay: { ...posDay, receipts: 1.5 } }],
      ['two fields wrong: the first is named', { ...f, kind: 'lunch', problems: null }],
      ['items wrong at two indexes', { ...f, items: [f.items[0], { name: 1 }, { name: 2 }] }],
    ];
    const differ = cases.map(([label, value]) => disagreement(label, value)).filter(Boolean);
    expect(differ).toEqual([]);
  });

  it('names the wrong field in words a person can act on', () => {
    const f = saleFigures(1250);
    const refusal = checkFigures({ ...f, items: [{ ...f.items[0], amount: 12.5 }] });
    expect(refusal).toEqual({
      ok: false,
      path: ['items', 0, 'amount'],
      message: 'expected a whole number of minor units (cents), got 12.5',
    });
    const posDay = {
      total: null,
      netSales: null,
      tax: null,
      tips: null,
      refunds: null,
      discounts: null,
      payments: { cheque: 1 },
      receipts: null,
    };
    expect(checkFigures({ ...f, posDay })).toEqual({
      ok: false,
      path: ['posDay', 'payments'],
      message:
        '"cheque" is not a payment method (cash, card, voucher, gift-card, mobile, account, other)',
    });
  });
});
