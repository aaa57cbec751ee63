/**
 * A receipt's sales figures from its plain text: the lines are read one by one (lines.ts), the
 * figures gathered (figures.ts) and checked against each other (reconcile.ts). Pure: the same
 * text and profile give the same figures, in the pool or when re-extracting stored receipts.
 */
import { emptyPosDay, type PosDayFigures, type ReceiptFigures } from '../../shared';
import { headerOf } from './header';
import { dropIgnored } from './ignored-lines';
import { gather } from './figures';
import { kindOf } from './kinds';
import { type ReadLine, readLines } from './lines';
import { readyProfile, type SalesProfile } from './profile';
import { reconcile } from './reconcile';
import { wordLooks } from './word-looks';

/** Bump when extraction changes, so stored receipts are read again in the background. */
export const EXTRACTOR_VERSION = 2;

/**
 * Texts longer than this are not read for figures: a sale prints a few KiB, and reading a
 * 16 MiB print line by line took gigabytes (the memory bench's 20 MiB receipts).
 */
export const MAX_FIGURES_TEXT = 256 * 1024;

export interface ExtractInput {
  text: string;
  /** Drawer kicks the receipt made: a slip with no money that opened the drawer is a no-sale. */
  drawerKicks?: number;
}

export function extractFigures(input: ExtractInput, profile?: SalesProfile): ReceiptFigures {
  if (input.text.length > MAX_FIGURES_TEXT) return tooLong(input.text.length);
  const ready = readyProfile(profile);
  const kept = ready.ignore.length > 0 ? dropIgnored(input.text, ready.ignore) : input.text;
  const { lines, text, style, currency } = readLines(kept, ready);
  const looks = wordLooks(lines);
  const kind = kindOf(lines, ready, input.drawerKicks ?? 0, looks);
  const monthFirst = currency === 'USD' || currency === 'CAD';
  const { header, headerLines } = headerOf(lines, text, monthFirst, looks);
  const empty = noFigures(kind, currency, header);
  if (kind === 'kitchen') {
    // A kitchen ticket prints no prices: any number on an item line is part of its name.
    const items = gather(lines, headerLines, true).items;
    return { ...empty, items };
  }
  if (kind === 'z-report' || kind === 'x-report') {
    // A report's guest count is the day's, not a table's.
    return { ...empty, header: { ...header, covers: null }, posDay: posDayOf(lines) };
  }
  // A void lists what was cancelled; none of it is money taken.
  if (kind === 'void') return { ...empty, items: gather(lines, headerLines).items };
  if (kind !== 'sale' && kind !== 'refund') return empty;
  const g = gather(lines, headerLines);
  const r = reconcile(g, style);
  // A refund is money going back: its figures are kept as positive amounts. A sale's are kept
  // as gathered: the lists are not copied item by item only to come out the same.
  const refund = kind === 'refund';
  const abs = refund ? Math.abs : (v: number) => v;
  const absOrNull = (v: number | null) => (v === null ? null : abs(v));
  // Written out rather than spread over `empty` (a copy of every field, most then replaced), in
  // the same order: stored figures keep their JSON byte for byte.
  return {
    kind,
    currency,
    header,
    items: refund ? g.items.map((i) => ({ ...i, amount: absOrNull(i.amount) })) : g.items,
    discounts: r.discounts,
    subtotal: absOrNull(r.subtotal),
    serviceCharge: absOrNull(r.serviceCharge),
    taxes: refund
      ? r.taxes.map((t) => ({ ...t, amount: abs(t.amount), base: absOrNull(t.base) }))
      : r.taxes,
    tip: r.tip,
    total: absOrNull(r.total),
    payments: refund ? r.payments.map((p) => ({ ...p, amount: abs(p.amount) })) : r.payments,
    change: r.change,
    posDay: null,
    confidence: r.confidence,
    problems: r.problems,
    lines: {
      subtotal: lineOf(g.subtotals, r.subtotal),
      total: lineOf(g.totals, r.total),
      tip: r.tip === null ? [] : g.tips.map((t) => t.line),
      service: r.serviceCharge === null ? [] : g.service.map((t) => t.line),
      discounts: g.discounts.map((d) => d.line),
      change: lineOf(g.change, r.change),
    },
  };
}

/** The line a chosen figure was printed on: the first candidate with its amount. */
function lineOf(found: { amount: number; line: number }[], chosen: number | null): number | null {
  if (chosen === null) return null;
  return found.find((f) => f.amount === chosen || -f.amount === chosen)?.line ?? null;
}

/** The figures of a print too long to be a sale: none, and why. */
export function tooLong(chars: number): ReceiptFigures {
  const header = {
    order: null,
    table: null,
    covers: null,
    server: null,
    terminal: null,
    printedAt: null,
  };
  return {
    ...noFigures('other', null, header),
    problems: [
      `Not read for sales figures: ${Math.round(chars / 1024)} KiB of text is no sale receipt.`,
    ],
  };
}

/** A receipt of this kind with no money on it yet: each kind fills in what it prints. */
function noFigures(
  kind: ReceiptFigures['kind'],
  currency: string | null,
  header: ReceiptFigures['header'],
): ReceiptFigures {
  return {
    kind,
    currency,
    header,
    items: [],
    discounts: 0,
    subtotal: null,
    serviceCharge: null,
    taxes: [],
    tip: null,
    total: null,
    payments: [],
    change: null,
    posDay: null,
    confidence: 1,
    problems: [],
  };
}

const DAY_WORDS: [RegExp, keyof Omit<PosDayFigures, 'payments'>][] = [
  [
    /\b(?:net sales|netto ?umsatz|nettoumsatz|netto omzet|ca net|ventes nettes|vendite nette|ventas netas)\b|純売上|순매출/u,
    'netSales',
  ],
  [
    /\b(?:refunds?|returns?|erstattungen|stornos|retouren|avoirs|remboursements|rimborsi|devoluciones)\b|返品|返金|환불/u,
    'refunds',
  ],
  [
    /\b(?:receipts|transactions|tickets|checks|bons|bonnen|belege|anzahl belege|scontrini)\b|客数|件数|건수/u,
    'receipts',
  ],
];

/** The POS's own figures on its X or Z report. */
function posDayOf(lines: ReadLine[]): PosDayFigures {
  const day = emptyPosDay();
  for (const line of lines) {
    if (line.amount === null && !/\d/u.test(line.text)) continue;
    const named = DAY_WORDS.find(([re]) => re.test(line.words));
    if (named) {
      const [, key] = named;
      if (key === 'receipts') {
        const count = /(\d+)\s*$/u.exec(line.text.trim());
        if (count && day.receipts === null) day.receipts = Number(count[1]);
      } else if (line.amount !== null && day[key] === null) {
        day[key] = Math.abs(line.amount);
      }
      continue;
    }
    if (line.amount === null) continue;
    switch (line.role) {
      case 'total':
        day.total ??= line.amount;
        break;
      case 'tax':
        day.tax = (day.tax ?? 0) + line.amount;
        break;
      case 'tip':
        day.tips ??= line.amount;
        break;
      case 'discount':
        day.discounts ??= Math.abs(line.amount);
        break;
      case 'cash':
      case 'card':
      case 'voucher':
      case 'gift-card':
      case 'mobile':
      case 'account':
        day.payments[line.role] = (day.payments[line.role] ?? 0) + line.amount;
        break;
      default:
        break;
    }
  }
  return day;
}
