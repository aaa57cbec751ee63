/**
 * How a station's receipts are read. The default reads common layouts in many languages with no
 * set-up; a station's profile adds what its POS prints differently: its locale (decimal
 * separator, currency), its own words for the figures, lines to ignore, kitchen-ticket markers.
 */
import { DEFAULT_LABELS, fold, type Labels, ROLES, type Role } from './labels';
import { ProfileCache } from './profile-cache';

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
  /** Lines with these words are items even when a label's word is in their name ("Tip Top"). */
  items?: string[];
}

/** A profile ready to match against: every phrase folded, the longest first. */
export interface Phrase {
  phrase: string;
  /** The phrase's words (spaced scripts). */
  words: string[];
  role: Role;
  taught: boolean;
}

export interface ReadyProfile {
  currency: string | null;
  decimal: '.' | ',' | null;
  /** (phrase, role) pairs, taught ones first, then the longest ("sales tax" before "tax"). */
  phrases: Phrase[];
  /** The phrases of spaced scripts by their first word, for a lookup per word of a line. */
  byFirstWord: Map<string, Phrase[]>;
  /** byFirstWord's keys by wordKey: most words of a line have a key no phrase starts with. */
  firstWordKeys: Uint8Array;
  /** Phrases of scripts written without spaces (Japanese, Chinese, Korean): found as substrings. */
  unspaced: Phrase[];
  ignore: string[];
  kitchenMarkers: string[];
  items: string[];
}

/**
 * Ready profiles by content: a profile reaches a pool thread as a fresh copy with each receipt,
 * and folding every phrase again per receipt would cost more than reading the receipt.
 */
const cache = new ProfileCache<ReadyProfile>(64);
/** Scripts written without spaces between words. */
export const UNSPACED = /[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]/u;
/** The profile of a station with none set up, the common case, readied once. */
let noProfile: ReadyProfile | null = null;

export function readyProfile(profile?: SalesProfile): ReadyProfile {
  if (profile === undefined) return (noProfile ??= ready({}));
  return cache.get(profile, ready);
}

function ready(profile: SalesProfile): ReadyProfile {
  const phrases: ReadyProfile['phrases'] = [];
  const add = (labels: Partial<Labels>, taught: boolean) => {
    for (const role of ROLES) {
      for (const label of labels[role] ?? []) {
        const phrase = fold(label);
        if (phrase) phrases.push({ phrase, words: phrase.split(' '), role, taught });
      }
    }
  };
  add(profile.labels ?? {}, true);
  add(DEFAULT_LABELS, false);
  // Taught words first, then the longest phrase: sort is stable.
  phrases.sort((a, b) => Number(b.taught) - Number(a.taught) || b.phrase.length - a.phrase.length);
  const byFirstWord = new Map<string, Phrase[]>();
  const unspaced: Phrase[] = [];
  for (const p of phrases) {
    if (UNSPACED.test(p.phrase)) unspaced.push(p);
    else byFirstWord.set(p.words[0], [...(byFirstWord.get(p.words[0]) ?? []), p]);
  }
  const firstWordKeys = new Uint8Array(WORD_KEYS);
  for (const word of byFirstWord.keys()) firstWordKeys[wordKey(word)] = 1;
  return {
    currency: profile.currency ?? null,
    decimal: profile.decimal ?? null,
    phrases,
    byFirstWord,
    firstWordKeys,
    unspaced,
    ignore: (profile.ignore ?? []).map(fold).filter(Boolean),
    kitchenMarkers: (profile.kitchenMarkers ?? []).map(fold).filter(Boolean),
    items: (profile.items ?? []).map(fold).filter(Boolean),
  };
}

/** How many word keys there are (a power of two): about 30 for each first word of a phrase. */
const WORD_KEYS = 1 << 13;

/**
 * A key of a word from its first and last characters and its length: two words with different
 * keys differ, so a word whose key no phrase starts with needs no lookup (hashing every word of
 * every line cost more than the rest of matching it). The first character and the length alone
 * let half a receipt's words through to the lookup, nearly all in vain.
 */
export function wordKey(word: string): number {
  const n = word.length;
  return ((word.charCodeAt(0) * 31 + word.charCodeAt(n - 1)) * 31 + n) & (WORD_KEYS - 1);
}
