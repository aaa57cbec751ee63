/**
 * What the window shows, in one zustand store. Filled by connectDesk(); components only read.
 */
import { create } from 'zustand';
import type { Metrics, ReceiptSummary, Stats } from '../../shared/api';
import type { DeskError } from '../../shared/result';
import { RECEIPTS_KEPT, mergeReceipts } from './merge-receipts';

export type Screen = 'live' | 'search' | 'today' | 'reports' | 'system' | 'export' | 'settings';

export interface DeskState {
  receipts: ReceiptSummary[];
  /** False until the first page has arrived (or failed). */
  loaded: boolean;
  stats: Stats | null;
  metrics: Metrics | null;
  /** The latest problem worth showing, e.g. the printer port is in use. */
  error: DeskError | null;
  /** The screen shown. */
  screen: Screen;
  showScreen(screen: Screen): void;
  /** The receipt open in the detail panel, if any. */
  openId: number | null;
  openReceipt(id: number | null): void;
  /** Older receipts exist in the file than the list holds (load them by scrolling down). */
  hasOlder: boolean;
  loadingOlder: boolean;
  /** Live receipts, newest first; the list keeps at most RECEIPTS_KEPT unless older were loaded. */
  addReceipts(batch: ReceiptSummary[]): void;
  /** A page of older receipts the manager scrolled down to; `more` when there are older still. */
  addOlder(items: ReceiptSummary[], more: boolean): void;
  setLoadingOlder(loading: boolean): void;
  setHasOlder(more: boolean): void;
  /** Back to the newest RECEIPTS_KEPT (the manager is at the top again): memory stays bounded. */
  trim(): void;
  setStats(stats: Stats): void;
  setMetrics(metrics: Metrics): void;
  setLoaded(): void;
  setError(error: DeskError | null): void;
  /** The one station the Live list shows; null shows every station. */
  station: string | null;
  /** Every station known: the printer ports' labels and any seen on a receipt, sorted. */
  stations: string[];
  noteStations(names: readonly string[]): void;
  /**
   * Shows only `station`'s receipts (null: all). The list starts over empty and not loaded, for
   * a first page of that station (see showStation); live receipts of other stations pass by.
   */
  setStation(station: string | null): void;
}

export const useDesk = create<DeskState>()((set) => ({
  receipts: [],
  loaded: false,
  stats: null,
  metrics: null,
  error: null,
  screen: 'live',
  showScreen: (screen) => set({ screen }),
  openId: null,
  openReceipt: (openId) => set({ openId }),
  hasOlder: false,
  loadingOlder: false,
  addReceipts: (batch) =>
    set((s) => {
      const stations = withStations(
        s.stations,
        batch.map((r) => r.station),
      );
      const shown = s.station === null ? batch : batch.filter((r) => r.station === s.station);
      const all = mergeReceipts(s.receipts, shown, Number.POSITIVE_INFINITY);
      // Past the usual bound only when the manager loaded older pages: keep them all then.
      const cap = s.receipts.length > RECEIPTS_KEPT ? Number.POSITIVE_INFINITY : RECEIPTS_KEPT;
      if (all.length <= cap) return { receipts: all, stations };
      return { receipts: all.slice(0, cap), hasOlder: true, stations };
    }),
  addOlder: (items, more) =>
    set((s) => ({
      receipts: mergeReceipts(s.receipts, items, Number.POSITIVE_INFINITY),
      hasOlder: more,
      loadingOlder: false,
    })),
  setLoadingOlder: (loadingOlder) => set({ loadingOlder }),
  setHasOlder: (hasOlder) => set({ hasOlder }),
  trim: () =>
    set((s) =>
      s.receipts.length > RECEIPTS_KEPT
        ? { receipts: s.receipts.slice(0, RECEIPTS_KEPT), hasOlder: true }
        : {},
    ),
  setStats: (stats) => set({ stats }),
  setMetrics: (metrics) => set({ metrics }),
  setLoaded: () => set({ loaded: true }),
  setError: (error) => set({ error }),
  station: null,
  stations: [],
  noteStations: (names) => set((s) => ({ stations: withStations(s.stations, names) })),
  setStation: (station) =>
    set((s) =>
      s.station === station
        ? {}
        : { station, receipts: [], hasOlder: false, loadingOlder: false, loaded: false },
    ),
}));

/** `known` with any new names added, sorted; the same array when nothing is new (no render). */
function withStations(known: string[], names: readonly string[]): string[] {
  let fresh: Set<string> | null = null;
  // A restaurant has a handful of stations; a live batch can hold thousands of receipts.
  for (const n of names) if (!known.includes(n)) (fresh ??= new Set()).add(n);
  return fresh ? [...known, ...fresh].sort((a, b) => a.localeCompare(b)) : known;
}
