/**
 * What the window shows, in one zustand store. Filled by connectDesk(); components only read.
 */
import { create } from 'zustand';
import type { Metrics, ReceiptSummary, Stats } from '../../shared/api';
import type { DeskError } from '../../shared/result';
import { mergeReceipts } from './merge-receipts';

export interface DeskState {
  receipts: ReceiptSummary[];
  /** False until the first page has arrived (or failed). */
  loaded: boolean;
  stats: Stats | null;
  metrics: Metrics | null;
  /** The latest problem worth showing, e.g. the printer port is in use. */
  error: DeskError | null;
  /** The receipt open in the detail panel, if any. */
  openId: number | null;
  openReceipt(id: number | null): void;
  addReceipts(batch: ReceiptSummary[]): void;
  setStats(stats: Stats): void;
  setMetrics(metrics: Metrics): void;
  setLoaded(): void;
  setError(error: DeskError | null): void;
}

export const useDesk = create<DeskState>()((set) => ({
  receipts: [],
  loaded: false,
  stats: null,
  metrics: null,
  error: null,
  openId: null,
  openReceipt: (openId) => set({ openId }),
  addReceipts: (batch) => set((s) => ({ receipts: mergeReceipts(s.receipts, batch) })),
  setStats: (stats) => set({ stats }),
  setMetrics: (metrics) => set({ metrics }),
  setLoaded: () => set({ loaded: true }),
  setError: (error) => set({ error }),
}));
