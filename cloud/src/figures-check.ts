/**
 * The sales figures a relayed receipt carries (ReceiptFigures, src/shared/sales.ts), checked
 * before they are stored: the day's figures are summed from them later, and a receipt whose
 * figures lack a field the sums read would break every report of its day.
 *
 * Written out by hand, not with zod: workerd forbids `new Function`, so zod turns its compiled
 * fast path off there and runs its slow one, which took ~20 µs a receipt's figures in the
 * Worker against ~1 µs for this. This accepts what the zod schema in
 * test/figures-reference-schema.ts accepts (test/figures-check.test.ts holds the two to each
 * other), keeps only the type's fields as zod did, and names the first wrong field by its path.
 * Each object is built as its type with every field named (`satisfies EveryField<T>`), so a
 * field added to or changed in the shared type, optional or not, fails the typecheck here until
 * it is checked.
 */
import {
  type FigureLines,
  PAYMENT_METHODS,
  type Payment,
  type PaymentMethod,
  type PosDayFigures,
  RECEIPT_KINDS,
  type ReceiptFigures,
  type ReceiptHeader,
  type SaleItem,
  type TaxLine,
} from '../../src/shared/sales';

export type FieldPath = (string | number)[];

export type FiguresCheck =
  { ok: true; figures: ReceiptFigures } | { ok: false; path: FieldPath; message: string };

/** The figures as their type (a copy holding only its fields), or the first field that is wrong. */
export function checkFigures(value: unknown): FiguresCheck {
  try {
    return { ok: true, figures: receiptFigures(value) };
  } catch (e) {
    if (e instanceof WrongField) return { ok: false, path: e.path, message: e.message };
    throw e;
  }
}

/** Every field of T named, the optional ones too. */
type EveryField<T> = Record<keyof T, unknown>;

type Key = string | number;
/** The object a field is in, as a chain up to the figures (null); made into a path on failure. */
type Place = { readonly up: Place; readonly key: Key } | null;
type Check<T> = (value: unknown, at: Place, key: Key) => T;

class WrongField extends Error {
  constructor(
    readonly path: FieldPath,
    message: string,
  ) {
    super(message);
  }
}

function pathOf(at: Place, key?: Key): FieldPath {
  const path: FieldPath = key === undefined ? [] : [key];
  for (let p = at; p !== null; p = p.up) path.push(p.key);
  return path.reverse();
}

function described(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return 'text';
  if (typeof value === 'object') return 'an object';
  return String(value);
}

function wrong(at: Place, key: Key, expected: string, value: unknown): never {
  throw new WrongField(pathOf(at, key), `expected ${expected}, got ${described(value)}`);
}

// What zod's z.object() takes: any object but a list (JSON.parse makes no other kind).
function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function object(value: unknown, at: Place, key: Key): Record<string, unknown> {
  if (!isObject(value)) wrong(at, key, 'an object', value);
  return value;
}

function orNull<T>(check: Check<T>): Check<T | null> {
  return (value, at, key) => (value === null ? null : check(value, at, key));
}

function listOf<T>(value: unknown, at: Place, key: Key, each: Check<T>): T[] {
  if (!Array.isArray(value)) wrong(at, key, 'a list', value);
  const here: Place = { up: at, key };
  const out: T[] = new Array<T>(value.length);
  for (let i = 0; i < value.length; i++) out[i] = each(value[i], here, i);
  return out;
}

const text: Check<string> = (value, at, key) => {
  if (typeof value !== 'string') wrong(at, key, 'text', value);
  return value;
};

function matching(pattern: RegExp, expected: string): Check<string> {
  return (value, at, key) => {
    if (typeof value !== 'string' || !pattern.test(value)) wrong(at, key, expected, value);
    return value;
  };
}

/** z.number(): finite (JSON's 1e999 parses to Infinity). */
const number: Check<number> = (value, at, key) => {
  if (typeof value !== 'number' || !Number.isFinite(value)) wrong(at, key, 'a number', value);
  return value;
};

/** z.int(): a safe integer. */
function integer(expected: string, min = Number.MIN_SAFE_INTEGER): Check<number> {
  return (value, at, key) => {
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min) {
      wrong(at, key, expected, value);
    }
    return value;
  };
}

/** Money is in integer minor units (cents). */
const money = integer('a whole number of minor units (cents)');
const moneyOrNull = orNull(money);
const countOrNull = orNull(integer('a whole number, 0 or more', 0));
const wholeNumberOrNull = orNull(integer('a whole number'));
const lineIndex = integer('a line index (a whole number, 0 or more)', 0);
const lineIndexOrNull = orNull(lineIndex);
const numberOrNull = orNull(number);
const textOrNull = orNull(text);
const currency = orNull(matching(/^[A-Z]{3}$/u, 'a currency code of 3 capital letters (EUR)'));
const last4 = orNull(matching(/^\d{4}$/u, 'the last 4 digits of a card'));

const confidence: Check<number> = (value, at, key) => {
  if (typeof value !== 'number' || !(value >= 0 && value <= 1)) {
    wrong(at, key, 'a number from 0 to 1', value);
  }
  return value;
};

const boolean: Check<boolean> = (value, at, key) => {
  if (typeof value !== 'boolean') wrong(at, key, 'true or false', value);
  return value;
};

function oneOf<T extends string>(values: readonly T[]): Check<T> {
  const known = new Set<unknown>(values);
  const expected = `one of ${values.join(', ')}`;
  return (value, at, key) => {
    if (!known.has(value)) wrong(at, key, expected, value);
    return value as T;
  };
}

const receiptKind = oneOf(RECEIPT_KINDS);
const paymentMethod = oneOf(PAYMENT_METHODS);
const knownMethods = new Set<string>(PAYMENT_METHODS);

const header: Check<ReceiptHeader> = (value, at, key) => {
  const o = object(value, at, key);
  const here: Place = { up: at, key };
  return {
    order: textOrNull(o.order, here, 'order'),
    table: textOrNull(o.table, here, 'table'),
    covers: countOrNull(o.covers, here, 'covers'),
    server: textOrNull(o.server, here, 'server'),
    terminal: textOrNull(o.terminal, here, 'terminal'),
    printedAt: textOrNull(o.printedAt, here, 'printedAt'),
  } satisfies EveryField<ReceiptHeader>;
};

const saleItem: Check<SaleItem> = (value, at, key) => {
  const o = object(value, at, key);
  const here: Place = { up: at, key };
  return {
    name: text(o.name, here, 'name'),
    quantity: number(o.quantity, here, 'quantity'),
    amount: moneyOrNull(o.amount, here, 'amount'),
    modifiers: listOf(o.modifiers, here, 'modifiers', text),
    line: lineIndex(o.line, here, 'line'),
  } satisfies EveryField<SaleItem>;
};

const taxLine: Check<TaxLine> = (value, at, key) => {
  const o = object(value, at, key);
  const here: Place = { up: at, key };
  return {
    label: text(o.label, here, 'label'),
    rate: numberOrNull(o.rate, here, 'rate'),
    base: moneyOrNull(o.base, here, 'base'),
    amount: money(o.amount, here, 'amount'),
    included: boolean(o.included, here, 'included'),
    line: lineIndex(o.line, here, 'line'),
  } satisfies EveryField<TaxLine>;
};

const payment: Check<Payment> = (value, at, key) => {
  const o = object(value, at, key);
  const here: Place = { up: at, key };
  return {
    method: paymentMethod(o.method, here, 'method'),
    label: text(o.label, here, 'label'),
    brand: textOrNull(o.brand, here, 'brand'),
    amount: money(o.amount, here, 'amount'),
    last4: last4(o.last4, here, 'last4'),
    line: lineIndex(o.line, here, 'line'),
  } satisfies EveryField<Payment>;
};

/**
 * Money per payment method, any method left out. As zod's partialRecord: a "__proto__" key is
 * skipped, a wrong amount is named before a key that is not a method, and such a key is named
 * at the record itself.
 */
const methodAmounts: Check<Partial<Record<PaymentMethod, number>>> = (value, at, key) => {
  const o = object(value, at, key);
  const here: Place = { up: at, key };
  const out: Partial<Record<PaymentMethod, number>> = {};
  let unknownKey: string | null = null;
  for (const k of Object.keys(o)) {
    if (k === '__proto__') continue;
    if (!knownMethods.has(k)) {
      unknownKey ??= k;
      continue;
    }
    out[k as PaymentMethod] = money(o[k], here, k);
  }
  if (unknownKey !== null) {
    throw new WrongField(
      pathOf(at, key),
      `"${unknownKey.slice(0, 40)}" is not a payment method (${PAYMENT_METHODS.join(', ')})`,
    );
  }
  return out;
};

const posDay: Check<PosDayFigures> = (value, at, key) => {
  const o = object(value, at, key);
  const here: Place = { up: at, key };
  return {
    total: moneyOrNull(o.total, here, 'total'),
    netSales: moneyOrNull(o.netSales, here, 'netSales'),
    tax: moneyOrNull(o.tax, here, 'tax'),
    tips: moneyOrNull(o.tips, here, 'tips'),
    refunds: moneyOrNull(o.refunds, here, 'refunds'),
    discounts: moneyOrNull(o.discounts, here, 'discounts'),
    payments: methodAmounts(o.payments, here, 'payments'),
    receipts: wholeNumberOrNull(o.receipts, here, 'receipts'),
  } satisfies EveryField<PosDayFigures>;
};

const figureLines: Check<FigureLines> = (value, at, key) => {
  const o = object(value, at, key);
  const here: Place = { up: at, key };
  return {
    subtotal: lineIndexOrNull(o.subtotal, here, 'subtotal'),
    total: lineIndexOrNull(o.total, here, 'total'),
    tip: listOf(o.tip, here, 'tip', lineIndex),
    service: listOf(o.service, here, 'service', lineIndex),
    discounts: listOf(o.discounts, here, 'discounts', lineIndex),
    change: lineIndexOrNull(o.change, here, 'change'),
  } satisfies EveryField<FigureLines>;
};

const posDayOrNull = orNull(posDay);

// Fields in the order of the type, which is the order zod named the first wrong one in.
function receiptFigures(value: unknown): ReceiptFigures {
  if (!isObject(value)) throw new WrongField([], `expected an object, got ${described(value)}`);
  const o = value;
  const at: Place = null;
  return {
    kind: receiptKind(o.kind, at, 'kind'),
    currency: currency(o.currency, at, 'currency'),
    header: header(o.header, at, 'header'),
    items: listOf(o.items, at, 'items', saleItem),
    discounts: money(o.discounts, at, 'discounts'),
    subtotal: moneyOrNull(o.subtotal, at, 'subtotal'),
    serviceCharge: moneyOrNull(o.serviceCharge, at, 'serviceCharge'),
    taxes: listOf(o.taxes, at, 'taxes', taxLine),
    tip: moneyOrNull(o.tip, at, 'tip'),
    total: moneyOrNull(o.total, at, 'total'),
    payments: listOf(o.payments, at, 'payments', payment),
    change: moneyOrNull(o.change, at, 'change'),
    posDay: posDayOrNull(o.posDay, at, 'posDay'),
    // Absent from figures of extractor version 1; undefined then, which JSON leaves out.
    lines: o.lines === undefined ? undefined : figureLines(o.lines, at, 'lines'),
    confidence: confidence(o.confidence, at, 'confidence'),
    problems: listOf(o.problems, at, 'problems', text),
  } satisfies EveryField<ReceiptFigures>;
}
