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
    if (accept(page, state)) state().addReceipts(page.value.items);
    state().setLoaded();
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
