/**
 * Teaching by example: the manager points at a line of a receipt and says what it is; the
 * station's profile learns the line's words (its amount, card digits and currency left out) as
 * a label for that figure. Also turns the settings' form of a profile into the extractor's.
 */
import type { ReceiptFigures, StationSalesProfile, TeachableRole } from '../../shared';
import { CURRENCY_SIGNS } from './amounts';
import { fold } from './labels';
import { readLines } from './lines';
import { readyProfile, type SalesProfile } from './profile';

/** A learned label keeps at most this many words: the words that name the figure come first. */
const MAX_WORDS = 4;
const CODES = new Set(Object.keys(CURRENCY_SIGNS).map((c) => c.toLowerCase()));

/**
 * The words of line `index` of `text` that name its figure, as the extractor compares them, or
 * a sentence saying why the line has none to learn.
 */
export function learnedPhrase(
  text: string,
  index: number,
): { phrase: string } | { problem: string } {
  const lines = text.split('\n');
  if (index < 0 || index >= lines.length) {
    return { problem: `The receipt has no line ${index + 1}.` };
  }
  // Read alone, the line keeps its own words; its amounts are left out as the extractor does.
  const [line] = readLines(lines[index], readyProfile()).lines;
  const words = line.words
    .split(' ')
    .filter((w) => w !== '' && !/\d/u.test(w) && !CODES.has(w) && !/^[%&+-]+$/u.test(w))
    .slice(0, MAX_WORDS);
  if (words.length === 0) {
    return {
      problem:
        'This line has no words to learn, only numbers. Choose the line with the label, such as the one that says the total.',
    };
  }
  return { phrase: words.join(' ') };
}

/** The profile with `phrase` meaning `role`, and no longer meaning anything else. */
export function teach(
  profile: StationSalesProfile,
  role: TeachableRole,
  phrase: string,
): StationSalesProfile {
  const labels: StationSalesProfile['labels'] = {};
  for (const [r, list] of Object.entries(profile.labels) as [TeachableRole, string[]][]) {
    const kept = list.filter((p) => fold(p) !== phrase);
    if (kept.length > 0) labels[r] = kept;
  }
  labels[role] = [...(labels[role] ?? []), phrase];
  return { ...profile, labels };
}

/** The extractor's profile from the settings' one (the business currency when it sets none). */
export function extractorProfile(
  profile: StationSalesProfile | undefined,
  businessCurrency: string,
): SalesProfile {
  const currency = profile?.currency || businessCurrency || null;
  if (!profile) return { currency };
  const { item, ...labels } = profile.labels;
  return {
    currency,
    decimal: profile.decimal === 'auto' ? null : profile.decimal,
    labels,
    kitchenMarkers: profile.kitchenMarkers,
    items: item ?? [],
  };
}

/** A sale or refund whose total was found and whose printed sums all agree. */
export function reconciles(f: ReceiptFigures | null): boolean {
  return (
    f !== null &&
    (f.kind === 'sale' || f.kind === 'refund') &&
    f.total !== null &&
    f.problems.length === 0
  );
}
