/**
 * Gathers a receipt's figures from its read lines: items with their modifiers, discounts,
 * subtotals, taxes (a labelled line or a VAT summary table), service, tips, the totals printed,
 * payments and change. Several candidates may be found for one figure (a receipt prints TOTAL
 * twice, once before the tip and once after); the reconciler picks among them.
 */
import {
  type Payment,
  PAYMENT_METHODS,
  type PaymentMethod,
  type SaleItem,
  type TaxLine,
} from '../../shared';
import { isAsciiLetter, isDigit, isLetterCodePoint } from './chars';
import { itemName, label } from './item-names';
import type { ReadLine } from './lines';

export interface Gathered {
  items: SaleItem[];
  discounts: { amount: number; line: number }[];
  subtotals: { amount: number; line: number }[];
  totals: { amount: number; line: number }[];
  taxes: TaxLine[];
  service: { amount: number; line: number }[];
  tips: { amount: number; line: number }[];
  payments: Payment[];
  change: { amount: number; line: number }[];
  /** Words saying the taxes are in the prices (VAT tables, "incl.", 内税). */
  taxIncludedWords: boolean;
}

const BRANDS: [RegExp, string][] = [
  [/\bvisa\b/u, 'Visa'],
  [/\b(?:mastercard|master card|mc)\b/u, 'Mastercard'],
  [/\b(?:amex|american express)\b/u, 'American Express'],
  [/\bdiscover\b/u, 'Discover'],
  [/\bdiners\b/u, 'Diners Club'],
  [/\bjcb\b/u, 'JCB'],
  [/\bmaestro\b/u, 'Maestro'],
  [/\b(?:v ?pay)\b/u, 'V Pay'],
  [/\bgirocard\b|\bec(?:-| )?karte\b/u, 'girocard'],
  [/\binterac\b/u, 'Interac'],
  [/\beftpos\b/u, 'EFTPOS'],
  [/\bunion ?pay\b/u, 'UnionPay'],
];
const INCLUDED_WORDS =
  /\b(?:incl|inkl|including|included|enth|enthalten|darin|dont|inclus|compris|incluido|incluso|w tym|netto|net|brutto|gross)\b|内消費税|内税|税込|포함/u;
/** A VAT table's header: the columns it prints (net, tax, gross; rate). */
const TAX_TABLE =
  /\b(?:net|netto|nett|brutto|gross|ht|ttc|excl|incl|basis|grondslag|base|taux|rate|satz|tarief|aliquota|tasa|stawka|sazba)\b|%/u;
/** A detail line under an item: its quantity and unit price ("@480 × 4", "4 @ 13.49"). */
const DETAIL_QTY = /@\s*[\d.,' ]+\s*[x×*]\s*(\d{1,3})(?!\d)|(\d{1,3})\s*[@x×*]/u;
const PAYMENT_ROLES = new Set<string>([...PAYMENT_METHODS, 'tendered']);

/**
 * `headerLines`: lines that state a header fact (an order number, a date): never items.
 * `unpriced`: a kitchen or bar ticket, whose items are lines with a quantity and no price.
 */
export function gather(lines: ReadLine[], headerLines: Set<number>, unpriced = false): Gathered {
  const g: Gathered = {
    items: [],
    discounts: [],
    subtotals: [],
    totals: [],
    taxes: [],
    service: [],
    tips: [],
    payments: [],
    change: [],
    taxIncludedWords: false,
  };
  /** Items end where the first figure line (subtotal, total, tax, payment) starts. */
  let itemsOpen = true;
  let pendingCard: { brand: string | null; last4: string | null; label: string } | null = null;
  let taxTable = false;
  for (const line of lines) {
    const { role, amount } = line;
    // The cheap tests first: most lines are neither taxes nor in a VAT table.
    if (
      (role === 'tax' || taxTable || line.text.includes('%')) &&
      INCLUDED_WORDS.test(line.words)
    ) {
      g.taxIncludedWords = true;
    }
    if (role === 'ignore') continue;
    if (role === 'tax' && line.amounts.length === 0 && TAX_TABLE.test(line.words)) {
      taxTable = true; // a VAT table's header: rows follow
      continue;
    }
    if (role && PAYMENT_ROLES.has(role) && amount === null) {
      // "VISA XXXX1234" on its own line, the amount on a later one.
      pendingCard = { brand: brandOf(line.words), last4: line.last4, label: label(line) };
      continue;
    }
    if (unpriced && role === null && !headerLines.has(line.index)) {
      // Every amount-like number on a kitchen ticket is part of a name ("Wings (10)").
      const last = g.items[g.items.length - 1];
      if (last && isModifier(line, lines[last.line])) last.modifiers.push(itemName(line));
      else if (line.quantity !== null && hasLetter(line.words)) {
        g.items.push({
          name: itemName(line),
          quantity: line.quantity,
          amount: null,
          modifiers: [],
          line: line.index,
        });
      }
      continue;
    }
    if (amount === null) {
      if (line.last4 && pendingCard) pendingCard.last4 = line.last4;
      const last = g.items[g.items.length - 1];
      if (itemsOpen && last && isModifier(line, lines[last.line]))
        last.modifiers.push(itemName(line));
      continue;
    }
    // A VAT table's sum row ("Total 87,61 9,89 97,50") repeats the total: not another one.
    if (taxTable && role === 'total' && line.amounts.length >= 3) continue;
    switch (role) {
      case 'total':
        itemsOpen = false;
        g.totals.push({ amount, line: line.index });
        break;
      case 'subtotal':
        itemsOpen = false;
        g.subtotals.push({ amount, line: line.index });
        break;
      case 'tax':
        itemsOpen = false;
        g.taxes.push(taxLine(line, INCLUDED_WORDS.test(line.words)));
        break;
      case 'service':
        g.service.push({ amount, line: line.index });
        break;
      case 'tip':
        g.tips.push({ amount: Math.abs(amount), line: line.index });
        break;
      case 'discount':
        g.discounts.push({ amount: Math.abs(amount), line: line.index });
        break;
      case 'change':
        itemsOpen = false;
        g.change.push({ amount: Math.abs(amount), line: line.index });
        break;
      case null:
        if (taxTable && line.rate !== null && line.amounts.length >= 2) {
          g.taxes.push(taxLine(line, true));
        } else if (itemsOpen && !headerLines.has(line.index)) {
          addItem(g, line, lines);
        }
        break;
      default: {
        itemsOpen = false;
        const brand = brandOf(line.words) ?? pendingCard?.brand ?? null;
        const method: PaymentMethod =
          role === 'tendered' ? (pendingCard ? 'card' : 'cash') : (role as PaymentMethod);
        g.payments.push({
          method,
          label: pendingCard?.label ?? label(line),
          brand: method === 'card' ? brand : null,
          amount,
          last4: line.last4 ?? pendingCard?.last4 ?? null,
          line: line.index,
        });
        pendingCard = null;
      }
    }
  }
  return g;
}

/** An item line, or a priced modifier that belongs to the item above it. */
function addItem(g: Gathered, line: ReadLine, lines: ReadLine[]): void {
  const last = g.items[g.items.length - 1];
  if (!hasLetter(line.words, true)) {
    // No name: the item above's quantity and unit price, printed under it.
    const qty = DETAIL_QTY.exec(line.text);
    if (last && qty) last.quantity = Number(qty[1] ?? qty[2]);
    return;
  }
  if (last && isModifier(line, lines[last.line])) {
    last.modifiers.push(itemName(line));
    if (last.amount !== null && line.amount !== null) last.amount += line.amount;
    return;
  }
  if (line.amount !== null && line.amount < 0 && line.quantity === null) {
    g.discounts.push({ amount: -line.amount, line: line.index }); // an unlabelled negative line
    return;
  }
  g.items.push({
    name: itemName(line),
    quantity: line.quantity ?? 1,
    amount: line.amount,
    modifiers: [],
    line: line.index,
  });
}

/** A line under an item that is indented more, or starts with a modifier's mark. */
function isModifier(line: ReadLine, item: ReadLine): boolean {
  if (!hasLetter(line.words)) return false; // a rule or a blank line ends the item
  return line.marked || (line.indent > item.indent && line.quantity === null);
}

const isWordCharacter = (c: number) => isAsciiLetter(c) || isDigit(c) || c === 0x5f;

/**
 * `/\p{L}/u.test(words)`, by codes; with `besidesX`, an "x" standing alone (`\b[x×]\b`, the
 * "2 x 4,50" of a detail line) is no letter.
 */
function hasLetter(words: string, besidesX = false): boolean {
  for (let k = 0; k < words.length; k++) {
    const cp = words.codePointAt(k)!;
    if (cp > 0xffff) k++;
    if (!isLetterCodePoint(cp)) continue;
    const alone =
      besidesX &&
      cp === 0x78 &&
      !isWordCharacter(words.charCodeAt(k - 1)) &&
      !isWordCharacter(words.charCodeAt(k + 1));
    if (!alone) return true;
  }
  return false;
}

function taxLine(line: ReadLine, included: boolean): TaxLine {
  const a = line.amounts;
  // Net, tax, gross (a VAT table row) or base and tax, or the tax alone.
  const [base, amount] =
    a.length >= 3
      ? [a[a.length - 3], a[a.length - 2]]
      : a.length === 2
        ? [a[0], a[1]]
        : [null, a[0]];
  return { label: label(line), rate: line.rate, base, amount, included, line: line.index };
}

function brandOf(words: string): string | null {
  for (const [re, name] of BRANDS) if (re.test(words)) return name;
  return null;
}
