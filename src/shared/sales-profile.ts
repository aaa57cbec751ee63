/**
 * A station's sales profile: what its POS prints differently from the common layouts (its own
 * words for the total, its tax, its payment methods; lines to leave out; kitchen-ticket marks;
 * its decimal separator). The manager teaches it from a receipt's lines; the settings keep it.
 */
import { z } from 'zod';
import { LABEL_ROLES, type LabelRole, type ReceiptFigures, type ReceiptKind } from './sales';

/**
 * What the manager can say a line of a receipt is: any figure a label names (but "tendered",
 * which a cash line already is), an item whose name holds a label's word, or a line to ignore.
 */
export type TeachableRole = Exclude<LabelRole, 'tendered'> | 'item';
export const TEACHABLE_ROLES = [
  ...LABEL_ROLES.filter((r) => r !== 'tendered' && r !== 'ignore'),
  'item',
  'ignore',
] as unknown as readonly [TeachableRole, ...TeachableRole[]];

/** How the drawer's menu and the Settings list name each role. */
export const ROLE_NAMES: Readonly<Record<TeachableRole, string>> = {
  total: 'Total',
  subtotal: 'Subtotal',
  tax: 'Tax',
  tip: 'Tip',
  service: 'Service charge',
  discount: 'Discount',
  cash: 'Cash payment',
  card: 'Card payment',
  voucher: 'Voucher',
  'gift-card': 'Gift card',
  mobile: 'Mobile payment',
  account: 'On account',
  change: 'Change given',
  item: 'An item (not a label)',
  ignore: 'Ignore this line',
};

const phrase = z
  .string()
  .trim()
  .min(1, { error: 'A taught word cannot be empty.' })
  .max(60, { error: 'A taught word has at most 60 characters.' });
const phrases = z.array(phrase).max(40, { error: 'At most 40 words per figure.' });

export const salesProfileSchema = z.strictObject({
  /** The station (printer port) whose receipts this profile reads. */
  station: z.string().trim().min(1, { error: 'Say which station this profile is for.' }).max(40),
  /** ISO 4217 code for this station's receipts; empty: the business currency, or as printed. */
  currency: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^(?:[A-Z]{3})?$/u, {
      error: 'Write the currency as its three-letter code, such as EUR, or leave it empty.',
    })
    .default(''),
  /** The decimal separator when amounts could be read either way; auto decides per receipt. */
  decimal: z.enum(['auto', '.', ',']).default('auto'),
  /** Words per figure, tried before the built-in ones. */
  labels: z.partialRecord(z.enum(TEACHABLE_ROLES), phrases).default({}),
  /** Words that mark a kitchen or bar ticket ("KÜCHE", "BAR ORDER"). */
  kitchenMarkers: phrases.default([]),
});
export type StationSalesProfile = z.infer<typeof salesProfileSchema>;
export type StationSalesProfileInput = z.input<typeof salesProfileSchema>;

/** The empty profile of a station: everything read the built-in way. */
export function emptySalesProfile(station: string): StationSalesProfile {
  return { station, currency: '', decimal: 'auto', labels: {}, kitchenMarkers: [] };
}

/** Which station's profile (GET: the query string). */
export const stationSchema = z.strictObject({ station: z.string().trim().min(1).max(40) });

/** One line the manager says is a figure: the drawer's "This line is…". */
export const teachLineSchema = z.strictObject({
  receiptId: z.number().int().positive(),
  /** The line's index in the receipt's text (0 is the first). */
  line: z.number().int().min(0).max(100_000),
  role: z.enum(TEACHABLE_ROLES, { error: 'Say what the line is: a total, a tax, a payment…' }),
});
export type TeachLine = z.infer<typeof teachLineSchema>;

export const profilePreviewSchema = z.strictObject({
  profile: salesProfileSchema,
  /** A line to learn from before the preview (the label is taken from the stored text). */
  teach: teachLineSchema.optional(),
  /** A receipt whose figures to return read with the profile (the one open in the drawer). */
  receiptId: z.number().int().positive().optional(),
});
export type ProfilePreviewRequest = z.input<typeof profilePreviewSchema>;

/** How many of a station's recent receipts read as whole sales, before and with the profile. */
export interface ProfilePreview {
  /** The profile with the taught line added (what Save would keep). */
  profile: StationSalesProfile;
  /** What was learned from the taught line, or why nothing could be. */
  learned: { role: TeachableRole; phrase: string } | { problem: string } | null;
  /** Receipts of the station read again (its most recent, at most PREVIEW_RECEIPTS). */
  receipts: number;
  /** Of those, sales and refunds whose total was found and whose sums all agree. */
  reconciledBefore: number;
  reconciledAfter: number;
  /** Receipts whose reading changed, the first few: id, kind and total before and after. */
  changed: ProfileChange[];
  changedCount: number;
  /** The open receipt's figures read with the profile, when asked. */
  figures: ReceiptFigures | null;
}

export interface ProfileChange {
  id: number;
  receivedAt: number;
  before: { kind: ReceiptKind; total: number | null; reconciled: boolean };
  after: { kind: ReceiptKind; total: number | null; reconciled: boolean };
}

/** The preview re-reads this many of a station's most recent receipts. */
export const PREVIEW_RECEIPTS = 200;

export const saveProfileSchema = z.strictObject({
  profile: salesProfileSchema,
  /** Business days whose receipts of the station are read again with the profile. */
  reread: z
    .strictObject({
      from: z.iso.date({ error: 'Give the first day as YYYY-MM-DD.' }),
      to: z.iso.date({ error: 'Give the last day as YYYY-MM-DD.' }),
    })
    .refine((r) => r.from <= r.to, { error: 'The first day comes before the last.' })
    .optional(),
});
export type SaveProfileRequest = z.input<typeof saveProfileSchema>;

/** Stored receipts whose figures are being read again, and how far that has got. */
export interface FiguresRereading {
  /** Receipts still to read again (0: done). */
  left: number;
  /** Receipts asked to be read again since the service started (for a progress bar). */
  asked: number;
}
