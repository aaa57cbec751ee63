/**
 * The stations' sales profiles: how each station's receipts are read, what teaching a line
 * would change (a preview over the station's recent receipts, read on a pool thread), and
 * saving a profile, which marks the chosen business days' receipts to be read again.
 */
import {
  type BusinessDaySettings,
  DeskFailure,
  emptySalesProfile,
  PREVIEW_RECEIPTS,
  type ProfileChange,
  type ProfilePreview,
  type ReceiptFigures,
  type StationSalesProfile,
  type TeachLine,
} from '../../shared';
import { businessDayBounds, systemTimeZone } from '../days';
import type { ExtractItem, ExtractResult } from '../pool';
import {
  EXTRACTOR_VERSION,
  extractorProfile,
  learnedPhrase,
  MAX_FIGURES_TEXT,
  reconciles,
  type SalesProfile,
  teach,
} from '../sales';
import type { ProfileQueries, WriterClient } from '../store';

/** The business settings the profiles live in. */
export type BusinessSettings = BusinessDaySettings & {
  currency: string;
  profiles: StationSalesProfile[];
};

export interface SalesProfilesOptions {
  business: () => BusinessSettings;
  /** Saves the stations' profiles into the settings file (validated there). */
  saveProfiles: (profiles: StationSalesProfile[]) => Promise<void>;
  queries: () => ProfileQueries;
  writer: () => WriterClient;
  /** Reads figures on a pool thread. */
  extract: (items: ExtractItem[]) => Promise<ExtractResult[]>;
  /** Tells the figures catch-up that receipts were marked to be read again. */
  rereadMarked: () => void;
}

/** Receipts listed one by one in a preview's changes. */
const CHANGES_LISTED = 20;

export class SalesProfiles {
  /** Receipts marked to be read again since start (the progress bar's whole). */
  private asked = 0;

  constructor(private readonly o: SalesProfilesOptions) {}

  /** The saved profile of a station, or the empty one. */
  of(station: string): StationSalesProfile {
    const name = station.toLowerCase();
    return (
      this.o.business().profiles.find((p) => p.station.toLowerCase() === name) ??
      emptySalesProfile(station)
    );
  }

  /** How the extractor reads a station's receipts (its profile, the business currency). */
  extractorFor(station: string): SalesProfile {
    const name = station.toLowerCase();
    const b = this.o.business();
    const saved = b.profiles.find((p) => p.station.toLowerCase() === name);
    return extractorProfile(saved, b.currency);
  }

  /**
   * Learns `teach` (when given) into `draft`, then reads the station's recent receipts with the
   * saved profile and with the draft, and counts how many reconcile each way.
   */
  async preview(
    draft: StationSalesProfile,
    taught?: TeachLine,
    receiptId?: number,
  ): Promise<ProfilePreview> {
    let profile = draft;
    let learned: ProfilePreview['learned'] = null;
    if (taught) {
      const r = this.receiptText(taught.receiptId, draft.station);
      const found = learnedPhrase(r.text, taught.line);
      if ('problem' in found) learned = found;
      else {
        profile = teach(profile, taught.role, found.phrase);
        learned = { role: taught.role, phrase: found.phrase };
      }
    }
    const currency = this.o.business().currency;
    const recent = this.o
      .queries()
      .recent(draft.station, PREVIEW_RECEIPTS, MAX_FIGURES_TEXT)
      .filter((r) => r.text !== null);
    const before = extractorProfile(this.of(draft.station), currency);
    const after = extractorProfile(profile, currency);
    const items = (sales: SalesProfile): ExtractItem[] =>
      recent.map((r) => ({ id: r.id, text: r.text!, drawerKicks: r.drawerKicks, sales }));
    const open = receiptId !== undefined ? this.receiptText(receiptId, draft.station) : null;
    const openItem: ExtractItem[] =
      open && receiptId !== undefined
        ? [{ id: -receiptId, text: open.text, drawerKicks: 0, sales: after }]
        : [];
    const [was, now] = await Promise.all([
      this.o.extract(items(before)),
      this.o.extract([...items(after), ...openItem]),
    ]);
    const byId = (results: ExtractResult[]) => new Map(results.map((r) => [r.id, r.figures]));
    const wasOf = byId(was);
    const nowOf = byId(now);
    const changed: ProfileChange[] = [];
    let changedCount = 0;
    let reconciledBefore = 0;
    let reconciledAfter = 0;
    for (const r of recent) {
      const a = wasOf.get(r.id) ?? null;
      const b = nowOf.get(r.id) ?? null;
      if (reconciles(a)) reconciledBefore++;
      if (reconciles(b)) reconciledAfter++;
      if (JSON.stringify(a) === JSON.stringify(b)) continue;
      changedCount++;
      if (changed.length < CHANGES_LISTED) {
        changed.push({ id: r.id, receivedAt: r.receivedAt, before: brief(a), after: brief(b) });
      }
    }
    return {
      profile,
      learned,
      receipts: recent.length,
      reconciledBefore,
      reconciledAfter,
      changed,
      changedCount,
      figures: receiptId !== undefined ? (nowOf.get(-receiptId) ?? null) : null,
    };
  }

  /**
   * Keeps the station's profile and marks its receipts of the business days [from, to] to be
   * read again with it. Resolves with how many receipts were marked.
   */
  async save(profile: StationSalesProfile, reread?: { from: string; to: string }): Promise<number> {
    const name = profile.station.toLowerCase();
    const others = this.o.business().profiles.filter((p) => p.station.toLowerCase() !== name);
    const empty =
      Object.values(profile.labels).every((l) => l.length === 0) &&
      profile.kitchenMarkers.length === 0 &&
      profile.currency === '' &&
      profile.decimal === 'auto';
    await this.o.saveProfiles(empty ? others : [...others, profile]);
    if (!reread) return 0;
    const b = this.o.business();
    const rule = { dayStart: b.dayStart, timeZone: b.timeZone || systemTimeZone() };
    const from = businessDayBounds(reread.from, rule)[0];
    const to = businessDayBounds(reread.to, rule)[1];
    const marked = await this.o.writer().rereadFigures(profile.station, from, to);
    this.asked += marked;
    this.o.rereadMarked();
    return marked;
  }

  /** How many receipts are still to be read again. */
  rereading(): { left: number; asked: number } {
    const left = this.o.queries().staleCount(EXTRACTOR_VERSION);
    if (left === 0) this.asked = 0;
    return { left, asked: Math.max(this.asked, left) };
  }

  private receiptText(id: number, station: string): { text: string } {
    const r = this.o.queries().text(id);
    if (!r) {
      throw new DeskFailure('NOT_FOUND', `Receipt ${id} has no text to learn from yet.`);
    }
    if (r.station.toLowerCase() !== station.toLowerCase()) {
      throw new DeskFailure(
        'BAD_ARGUMENT',
        `Receipt ${id} was printed at ${r.station}, not ${station}. Teach each station from its own receipts.`,
      );
    }
    return r;
  }
}

function brief(f: ReceiptFigures | null): ProfileChange['before'] {
  return { kind: f?.kind ?? 'other', total: f?.total ?? null, reconciled: reconciles(f) };
}
