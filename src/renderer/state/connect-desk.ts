/**
 * Connects the store to a DeskApi (whichever adapter): subscribes to live receipts and metrics
 * first, then loads the first page, so nothing printed in between is missed (duplicates merge).
 */
import { RECEIPT_LIST_DEFAULT, type DeskApi, type ReceiptSummary } from '../../shared/api';
import type { Result } from '../../shared/result';
import { Batcher } from '../batcher';
import type { DeskState } from './desk-store';

type Store = { getState(): DeskState };

/** Live batches are applied at most this often (one render per interval, however many arrive). */
const APPLY_EVERY_MS = 100;
/** Stats are re-read after new receipts, at most this often. */
const STATS_EVERY_MS = 1_000;
/** Receipts the first page showed as still being read are re-read this often, this many times. */
const PENDING_RETRY_MS = 250;
const PENDING_TRIES = 40;

export function connectDesk(api: DeskApi, store: Store): () => void {
  const state = store.getState;
  let statsTimer: ReturnType<typeof setTimeout> | null = null;
  let disposed = false;

  const refreshStats = async (): Promise<void> => {
    const stats = await api.getStats();
    if (!disposed && accept(stats, state)) state().setStats(stats.value);
  };
  const scheduleStats = (): void => {
    statsTimer ??= setTimeout(() => {
      statsTimer = null;
      void refreshStats();
    }, STATS_EVERY_MS);
  };

  const incoming = new Batcher<ReceiptSummary>((batch) => {
    state().addReceipts(batch);
    scheduleStats();
  }, APPLY_EVERY_MS);
  const offReceipts = api.onReceipts((batch) => incoming.addMany(batch));
  const offMetrics = api.onMetrics((m) => state().setMetrics(m));

  void (async () => {
    const [page, health, metrics] = await Promise.all([
      api.listReceipts({ limit: RECEIPT_LIST_DEFAULT }),
      api.getHealth(),
      api.getMetrics(),
    ]);
    if (disposed) return;
    if (accept(page, state)) {
      state().addReceipts(page.value.items);
      if (page.value.nextCursor !== null) state().setHasOlder(true);
      void followPending(page.value.items);
    }
    state().setLoaded();
    if (health.ok) state().noteStations(health.value.listeners.map((l) => l.station));
    if (health.ok && health.value.status !== 'ok') {
      const down = health.value.listeners.find((l) => !l.listening);
      state().setError({
        code: 'DEGRADED',
        message: down?.error ?? 'Receipt Desk is not fully working; the log has details.',
      });
    } else {
      accept(health, state);
    }
    if (accept(metrics, state)) state().setMetrics(metrics.value);
    await refreshStats();
  })();

  /**
   * A receipt can be announced live between the first page being read (still `pending` there)
   * and the live stream being connected; re-read such receipts until they are done.
   */
  async function followPending(items: readonly ReceiptSummary[]): Promise<void> {
    let ids = items.filter((r) => r.status === 'pending').map((r) => r.id);
    for (let tries = 0; ids.length > 0 && tries < PENDING_TRIES && !disposed; tries++) {
      await new Promise((resolve) => setTimeout(resolve, PENDING_RETRY_MS));
      const current = new Map(state().receipts.map((r) => [r.id, r.status]));
      ids = ids.filter((id) => current.get(id) === 'pending');
      if (ids.length === 0 || disposed) return;
      const newest = Math.max(...ids);
      const oldest = Math.min(...ids);
      const again = await api.listReceipts({
        before: String(newest + 1),
        limit: Math.min(newest - oldest + 1, 500),
      });
      if (!disposed && again.ok) state().addReceipts(again.value.items);
    }
  }

  return () => {
    disposed = true;
    offReceipts();
    offMetrics();
    incoming.dispose();
    if (statsTimer) clearTimeout(statsTimer);
  };
}

/** Shows a failed call's message to the user; true when the call succeeded. */
function accept<T>(result: Result<T>, state: () => DeskState): result is { ok: true; value: T } {
  if (!result.ok) state().setError(result.error);
  return result.ok;
}

/** Older receipts for the list, below the oldest it holds (the manager scrolled to the end). */
export async function loadOlder(api: DeskApi, store: Store): Promise<void> {
  const s = store.getState();
  const oldest = s.receipts[s.receipts.length - 1];
  if (!s.hasOlder || s.loadingOlder || !oldest) return;
  s.setLoadingOlder(true);
  const station = s.station;
  const page = await api.listReceipts({
    limit: OLDER_PAGE,
    before: String(oldest.id),
    ...(station === null ? {} : { station }),
  });
  // Another station was picked meanwhile: this page belongs to a list no longer shown.
  if (store.getState().station !== station) return;
  if (page.ok) store.getState().addOlder(page.value.items, page.value.nextCursor !== null);
  else store.getState().setLoadingOlder(false);
}

/** Receipts fetched per scroll to the end. */
const OLDER_PAGE = 200;
