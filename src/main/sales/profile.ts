/**
 * How a station's receipts are read. The default reads common layouts in many languages with no
 * set-up; a station's profile adds what its POS prints differently: its locale (decimal
 * separator, currency), its own words for the figures, lines to ignore, kitchen-ticket markers.
 */
import { DEFAULT_LABELS, fold, type Labels, ROLES, type Role } from './labels';

export interface SalesProfile {
  /** ISO 4217 code the station's receipts are in, when they do not print it. */
  currency?: string | null;
  /** The decimal separator, when amounts could be read either way ("1,234"). */
  decimal?: '.' | ',' | null;
  /** Extra words per figure, tried before the defaults ("ZU ZAHLEN" for total). */
  labels?: Partial<Record<Role, string[]>>;
  /** Lines containing any of these are not read (a loyalty balance, a survey code). */
  ignore?: string[];
  /** Words that mark a kitchen or bar ticket ("KÜCHE", "BAR ORDER"). */
  kitchenMarkers?: string[];
}

/** A profile ready to match against: every phrase folded, the longest first. */
export interface ReadyProfile {
  currency: string | null;
  decimal: '.' | ',' | null;
  /** (phrase, role) pairs, longest phrase first, so "sales tax" wins over "tax". */
  phrases: { phrase: string; role: Role; taught: boolean }[];
  ignore: string[];
  kitchenMarkers: string[];
}

const cache = new WeakMap<SalesProfile, ReadyProfile>();
const NONE: SalesProfile = {};

export function readyProfile(profile: SalesProfile = NONE): ReadyProfile {
  let ready = cache.get(profile);
  if (ready) return ready;
  const phrases: ReadyProfile['phrases'] = [];
  const add = (labels: Partial<Labels>, taught: boolean) => {
    for (const role of ROLES) {
      for (const label of labels[role] ?? []) {
        const phrase = fold(label);
        if (phrase) phrases.push({ phrase, role, taught });
      }
    }
  };
  add(profile.labels ?? {}, true);
  add(DEFAULT_LABELS, false);
  // Taught words first, then the longest phrase: sort is stable.
  phrases.sort((a, b) => Number(b.taught) - Number(a.taught) || b.phrase.length - a.phrase.length);
  ready = {
    currency: profile.currency ?? null,
    decimal: profile.decimal ?? null,
    phrases,
    ignore: (profile.ignore ?? []).map(fold).filter(Boolean),
    kitchenMarkers: (profile.kitchenMarkers ?? []).map(fold).filter(Boolean),
  };
  cache.set(profile, ready);
  return ready;
}
