/**
 * Ready profiles kept by what they were readied from. A profile reaches a pool thread as a fresh
 * copy with each receipt, so its identity says nothing; keying by `JSON.stringify(profile)` built
 * and hashed a string of the whole profile per receipt. Here the profile is compared, field by
 * field, with copies of the ones already readied: no string is built, and a station's receipts
 * mostly meet their own profile first (the last one used is looked at before the others).
 */
import { ROLES } from './labels';
import type { SalesProfile } from './profile';

/** The fields readyProfile reads, copied so a caller changing its object later changes nothing. */
interface Source {
  currency: string | null;
  decimal: '.' | ',' | null;
  labels: (readonly string[])[];
  ignore: readonly string[];
  kitchenMarkers: readonly string[];
  items: readonly string[];
  /** How many strings the profile holds and their length: most other profiles differ in it. */
  size: number;
}

const NONE: readonly string[] = [];

function sizeOf(profile: SalesProfile): number {
  let size = 0;
  const add = (words: readonly string[] | undefined) => {
    if (!words) return;
    size += words.length;
    for (const w of words) size += w.length;
  };
  if (profile.labels) for (const role of ROLES) add(profile.labels[role]);
  add(profile.ignore);
  add(profile.kitchenMarkers);
  add(profile.items);
  return size;
}

function sameWords(a: readonly string[], b: readonly string[] | undefined): boolean {
  const other = b ?? NONE;
  if (a.length !== other.length) return false;
  for (let k = 0; k < a.length; k++) if (a[k] !== other[k]) return false;
  return true;
}

/** Would readyProfile make the same of `profile` as of `source`? */
function matches(source: Source, profile: SalesProfile, size: number): boolean {
  if (source.size !== size) return false;
  if (source.currency !== (profile.currency ?? null)) return false;
  if (source.decimal !== (profile.decimal ?? null)) return false;
  for (let r = 0; r < ROLES.length; r++) {
    if (!sameWords(source.labels[r], profile.labels?.[ROLES[r]])) return false;
  }
  return (
    sameWords(source.ignore, profile.ignore) &&
    sameWords(source.kitchenMarkers, profile.kitchenMarkers) &&
    sameWords(source.items, profile.items)
  );
}

function sourceOf(profile: SalesProfile, size: number): Source {
  return {
    currency: profile.currency ?? null,
    decimal: profile.decimal ?? null,
    labels: ROLES.map((role) => [...(profile.labels?.[role] ?? NONE)]),
    ignore: [...(profile.ignore ?? NONE)],
    kitchenMarkers: [...(profile.kitchenMarkers ?? NONE)],
    items: [...(profile.items ?? NONE)],
    size,
  };
}

/** Up to `capacity` ready profiles; the oldest readied goes first when it is full. */
export class ProfileCache<Ready> {
  private readonly entries: { source: Source; ready: Ready }[] = [];
  private last = -1;

  constructor(private readonly capacity: number) {}

  get(profile: SalesProfile, make: (profile: SalesProfile) => Ready): Ready {
    const size = sizeOf(profile);
    const last = this.entries[this.last];
    if (last && matches(last.source, profile, size)) return last.ready;
    for (let k = 0; k < this.entries.length; k++) {
      if (matches(this.entries[k].source, profile, size)) {
        this.last = k;
        return this.entries[k].ready;
      }
    }
    const ready = make(profile);
    if (this.entries.length >= this.capacity) this.entries.shift();
    this.entries.push({ source: sourceOf(profile, size), ready });
    this.last = this.entries.length - 1;
    return ready;
  }
}
