/**
 * The figure a line's words name (total, tax, cash, ...): each word looks up the phrases that
 * start with it, and among several figures found the most specific wins.
 */
import type { Role } from './labels';
import type { LineWords } from './line-words';
import { type Phrase, type ReadyProfile, UNSPACED, wordKey } from './profile';

/** Priority among several figures a line's words name: the most specific wins. */
const PRIORITY: Role[] = [
  'change',
  'tip',
  'service',
  'discount',
  'subtotal',
  'tax',
  'gift-card',
  'voucher',
  'mobile',
  'account',
  'card',
  'tendered',
  'cash',
  'total',
  'ignore',
];
const INCLUDED = /\b(incl|inkl|including|inclusive|included|ttc|brutto|gross|inc)\b/u;

/** The figure a line's words name, if any. */
export function roleOf(lineWords: LineWords, profile: ReadyProfile): Role | null {
  const w = lineWords.text;
  if (!w) return null;
  // Each word of the line looks up the phrases that start with it: a few checks per word,
  // not one per phrase known. Most lines name no figure, and allocate nothing here.
  let found: Map<Role, Phrase> | null = null;
  const words = lineWords.list;
  for (let k = 0; k < words.length; k++) {
    if (profile.firstWordKeys[wordKey(words[k])] === 0) continue;
    const starting = profile.byFirstWord.get(words[k]);
    if (!starting) continue;
    for (const p of starting) {
      let j = 1;
      while (j < p.words.length && words[k + j] === p.words[j]) j++;
      if (j === p.words.length) found = better(found, p);
    }
  }
  if (lineWords.unspaced) {
    for (const p of profile.unspaced) if (w.includes(p.phrase)) found = better(found, p);
  }
  if (found === null) return null;
  if (found.size > 1) {
    // A phrase inside a longer one found for another figure ("balance" in "balance due") goes.
    for (const [role, p] of found) {
      for (const [other, longer] of found) {
        if (
          other !== role &&
          longer.phrase.length > p.phrase.length &&
          (UNSPACED.test(p.phrase)
            ? longer.phrase.includes(p.phrase)
            : ` ${longer.phrase} `.includes(` ${p.phrase} `))
        ) {
          found.delete(role);
          break;
        }
      }
    }
    // A word the manager taught for this station decides.
    const taught = [...found.values()].filter((p) => p.taught);
    if (taught.length === 1) return taught[0].role;
    if (found.has('total') && INCLUDED.test(w)) return 'total'; // "Total incl. VAT"
  }
  for (const role of PRIORITY) if (found.has(role)) return role;
  return null;
}

/** The phrase kept for each figure: a taught one, else the longest. */
function better(found: Map<Role, Phrase> | null, p: Phrase): Map<Role, Phrase> {
  const map = found ?? new Map<Role, Phrase>();
  const had = map.get(p.role);
  if (
    !had ||
    (p.taught && !had.taught) ||
    (p.taught === had.taught && p.phrase.length > had.phrase.length)
  ) {
    map.set(p.role, p);
  }
  return map;
}
