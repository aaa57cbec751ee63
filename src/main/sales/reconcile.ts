/**
 * The receipt's own arithmetic as the judge. Items sum to the subtotal; subtotal − discounts +
 * service + added tax = total; the tip comes on top; payments − change = total + tip. Among the
 * totals a receipt prints, and between "tax in the prices" and "tax on top", the reading whose
 * sums agree wins; when none does, the best is kept with a lower confidence and every sum that
 * fails is said in words.
 */
import type { Payment, TaxLine } from '../../shared';
import type { DecimalStyle } from './amounts';
import type { Gathered } from './figures';

export interface Reconciled {
  total: number | null;
  subtotal: number | null;
  tip: number | null;
  serviceCharge: number | null;
  taxes: TaxLine[];
  change: number | null;
  discounts: number;
  /** The payments, a tip written on a card slip added to that card's payment. */
  payments: Payment[];
  confidence: number;
  problems: string[];
}

const sum = (xs: { amount: number }[]) => xs.reduce((n, x) => n + x.amount, 0);

export function reconcile(g: Gathered, style: DecimalStyle): Reconciled {
  const money = (v: number) => format(v, style);
  const problems: string[] = [];
  const itemsSum = g.items.reduce((n, i) => n + (i.amount ?? 0), 0);
  const discounts = sum(g.discounts);
  const service = g.service.length > 0 ? sum(g.service) : null;
  // Each card of a split bill may carry its own tip.
  const tip = g.tips.length > 0 ? sum(g.tips) : null;
  const change = g.change.length > 0 ? g.change[0].amount : null;
  const paid = g.payments.length > 0 ? sum(g.payments) - (change ?? 0) : null;
  // A card slip prints the amount authorised, then the tip the guest wrote: the card pays both.
  const card = g.payments.findLastIndex((p) => p.method === 'card');
  const tipOnCard = (t: number) => tip !== null && card >= 0 && paid === t;
  const taxes = dedupeTaxes(g.taxes);
  const taxSum = sum(taxes);
  const subtotal = g.subtotals.length > 0 ? g.subtotals[0].amount : null;
  const base = subtotal ?? (g.items.length > 0 ? itemsSum - discounts : null);

  // Score every printed total under both tax readings; the arithmetic decides.
  let best: { total: number; included: boolean; score: number; checks: number } | null = null;
  for (const [k, t] of g.totals.entries()) {
    for (const included of [true, false]) {
      let score = 0;
      let checks = 0;
      if (base !== null) {
        checks++;
        const expected = base + (service ?? 0) + (included ? 0 : taxSum);
        // A subtotal printed after the discounts, or before them.
        const other = subtotal !== null ? expected - discounts : expected;
        if (expected === t.amount || other === t.amount) score += 2;
      }
      if (paid !== null) {
        checks++;
        if (paid === t.amount + (tip ?? 0) || (tip === null && paid === t.amount)) score += 2;
        else if (tipOnCard(t.amount)) score += 2;
      }
      // A later total that is this one plus the tip: this is the amount before the tip.
      if (tip !== null && g.totals.some((o) => o.amount === t.amount + tip)) score += 1;
      if (included === (g.taxIncludedWords || taxSum === 0)) score += 0.5;
      if (k === 0) score += 0.25;
      if (!best || score > best.score) best = { total: t.amount, included, score, checks };
    }
  }
  const total = best?.total ?? null;
  const payments = g.payments.map((p) => ({ ...p }));
  let collected = paid;
  if (total !== null && tipOnCard(total)) {
    payments[card].amount += tip!;
    collected = paid! + tip!;
  }
  const included = best?.included ?? (g.taxIncludedWords || subtotal === null);
  for (const tax of taxes) tax.included = included;

  let failed = 0;
  let checked = 0;
  if (total === null) {
    problems.push('No total was found.');
  } else {
    if (subtotal !== null && g.items.length > 0) {
      checked++;
      if (itemsSum !== subtotal && itemsSum - discounts !== subtotal) {
        failed++;
        problems.push(`Items sum to ${money(itemsSum)}, subtotal says ${money(subtotal)}.`);
      }
    }
    if (base !== null) {
      checked++;
      const expected = base + (service ?? 0) + (included ? 0 : taxSum);
      const other = subtotal !== null ? expected - discounts : expected;
      if (expected !== total && other !== total) {
        failed++;
        const what = subtotal !== null ? 'subtotal' : 'items';
        problems.push(
          `${cap(what)}${discounts ? ' less discounts' : ''}${service ? ' plus service' : ''}` +
            `${!included && taxSum ? ' plus tax' : ''} come to ${money(expected)}, total says ${money(total)}.`,
        );
      }
    }
    if (collected !== null) {
      checked++;
      if (collected !== total + (tip ?? 0)) {
        failed++;
        problems.push(
          `Payments${change ? ' less change' : ''} come to ${money(collected)}, ` +
            `total${tip ? ' plus tip' : ''} is ${money(total + (tip ?? 0))}.`,
        );
      }
    } else {
      problems.push('No payment was found.');
    }
    for (const tax of taxes) {
      if (tax.base !== null && tax.rate !== null) {
        // A rounded tax on its base (net, or gross when in the prices) may be a unit off.
        const onNet = Math.round((tax.base * tax.rate) / 10000);
        const onGross = Math.round((tax.base * tax.rate) / (10000 + tax.rate));
        if (Math.abs(onNet - tax.amount) > 1 && Math.abs(onGross - tax.amount) > 1) {
          problems.push(
            `${tax.label}: ${tax.rate / 100}% of ${money(tax.base)} is not ${money(tax.amount)}.`,
          );
        }
      }
    }
  }
  const confidence =
    total === null ? 0 : checked === 0 ? 0.5 : Math.max(0.1, 1 - failed / Math.max(checked, 2));
  return {
    total,
    subtotal,
    tip,
    serviceCharge: service,
    taxes,
    change,
    discounts,
    payments,
    confidence: Math.round(confidence * 100) / 100,
    problems,
  };
}

/**
 * A VAT table row and a labelled line for the same rate say the same tax once: keep the one
 * with the most detail.
 */
function dedupeTaxes(taxes: TaxLine[]): TaxLine[] {
  const out: TaxLine[] = [];
  for (const t of taxes) {
    const same = out.findIndex(
      (o) => o.amount === t.amount && (o.rate === t.rate || !o.rate || !t.rate),
    );
    if (same < 0) out.push({ ...t });
    else if (t.base !== null && out[same].base === null) out[same] = { ...t };
  }
  return out;
}

/** Minor units in the receipt's own style: 4150 -> "41.50" (or "41,50"); yen as printed. */
export function format(v: number, style: DecimalStyle): string {
  if (style.places === 0) return String(v);
  const sign = v < 0 ? '-' : '';
  const a = Math.abs(v);
  const unit = 10 ** style.places;
  const whole = Math.floor(a / unit);
  const frac = String(a % unit).padStart(style.places, '0');
  return `${sign}${whole}${style.decimal ?? '.'}${frac}`;
}

const cap = (s: string) => s[0].toUpperCase() + s.slice(1);
