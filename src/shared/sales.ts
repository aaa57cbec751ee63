/**
 * Sales figures read from a receipt's text: what kind of receipt it is, its items, totals, taxes
 * and payments, in integer minor units of its currency. A figure the receipt does not show is
 * null (never 0), and every figure that is missing or does not add up is named in `problems`.
 * Each figure keeps the index of the text line it came from, so the drawer can point at it.
 */

export const RECEIPT_KINDS = [
  'sale',
  'refund',
  'void',
  'kitchen',
  'x-report',
  'z-report',
  'no-sale',
  'other',
] as const;
/** Kitchen tickets, voids, reports, no-sales and others carry no money in the day's figures. */
export type ReceiptKind = (typeof RECEIPT_KINDS)[number];

/** What a labelled line of a receipt says its amount is (a total, a tax, a payment, …). */
export const LABEL_ROLES = [
  'total',
  'subtotal',
  'tax',
  'tip',
  'service',
  'discount',
  'cash',
  'card',
  'voucher',
  'gift-card',
  'mobile',
  'account',
  'tendered',
  'change',
  'ignore',
] as const;
export type LabelRole = (typeof LABEL_ROLES)[number];

export const PAYMENT_METHODS = [
  'cash',
  'card',
  'voucher',
  'gift-card',
  'mobile',
  'account',
  'other',
] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

/** How reports name each payment method (and the money no payment line accounts for). */
export const PAYMENT_METHOD_NAMES: Readonly<Record<PaymentMethod | 'unknown', string>> = {
  cash: 'Cash',
  card: 'Card',
  voucher: 'Voucher',
  'gift-card': 'Gift card',
  mobile: 'Mobile',
  account: 'Account',
  other: 'Other',
  unknown: 'Not shown on the receipts',
};

export interface SaleItem {
  name: string;
  quantity: number;
  /**
   * The line's amount (quantity × unit price) with its priced modifiers. Discount and comp lines
   * are not items: they add to `discounts`.
   */
  amount: number | null;
  /** Lines under the item that change it ("no onion", "+ extra cheese 1.00"). */
  modifiers: string[];
  line: number;
}

export interface TaxLine {
  label: string;
  /** Rate in basis points (1900 = 19 %; 887.5 = 8.875 %), when printed. */
  rate: number | null;
  /** The amount the tax is on, when printed (VAT summary tables show it). */
  base: number | null;
  amount: number;
  /** True when the tax is in the prices (VAT), false when added on top (US sales tax). */
  included: boolean;
  line: number;
}

export interface Payment {
  method: PaymentMethod;
  /** The label as printed ("VISA", "Gift card", "Apple Pay"). */
  label: string;
  /** Card brand when the label names one. */
  brand: string | null;
  amount: number;
  /** The last four digits of a card, never more. */
  last4: string | null;
  line: number;
}

export interface ReceiptHeader {
  order: string | null;
  table: string | null;
  covers: number | null;
  server: string | null;
  terminal: string | null;
  /** The date and time printed on the receipt, as local time "YYYY-MM-DDTHH:MM", when found. */
  printedAt: string | null;
}

/** A POS's own end-of-day figures, as its Z (or X) report prints them. */
export interface PosDayFigures {
  total: number | null;
  netSales: number | null;
  tax: number | null;
  tips: number | null;
  refunds: number | null;
  discounts: number | null;
  /** Collected per payment method. */
  payments: Partial<Record<PaymentMethod, number>>;
  receipts: number | null;
}

/** Digits after the decimal point in a currency (2 when it is not known; yen has none). */
export function currencyDigits(currency: string | null): number {
  if (!currency) return 2;
  try {
    return (
      new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions()
        .maximumFractionDigits ?? 2
    );
  } catch {
    return 2;
  }
}

/** Day figures with nothing printed yet. */
export function emptyPosDay(): PosDayFigures {
  return {
    total: null,
    netSales: null,
    tax: null,
    tips: null,
    refunds: null,
    discounts: null,
    payments: {},
    receipts: null,
  };
}

/** Line indexes (0 is the text's first line) of the figures a receipt prints once. */
export interface FigureLines {
  subtotal: number | null;
  total: number | null;
  tip: number[];
  service: number[];
  discounts: number[];
  change: number | null;
}

export interface ReceiptFigures {
  kind: ReceiptKind;
  /** ISO 4217 code, when the receipt or the station's profile says it. */
  currency: string | null;
  header: ReceiptHeader;
  items: SaleItem[];
  /** Discounts and comps on the receipt, as a positive amount (0 when there are none). */
  discounts: number;
  subtotal: number | null;
  serviceCharge: number | null;
  taxes: TaxLine[];
  tip: number | null;
  /**
   * What the receipt says was due, tax and service included, the tip not: payments − change =
   * total + tip.
   */
  total: number | null;
  payments: Payment[];
  change: number | null;
  /** For X and Z reports: the POS's own figures. */
  posDay: PosDayFigures | null;
  /**
   * The text lines the headline figures were read from (items, taxes and payments keep their
   * own), so the drawer can point at them. Absent from figures stored by extractor version 1.
   */
  lines?: FigureLines;
  /** 0..1: 1 when every sum the receipt prints agrees; lower when a reading had to be guessed. */
  confidence: number;
  /** Each figure not found or not adding up, in words ("items sum to 41.50, subtotal says 43.50"). */
  problems: string[];
}
