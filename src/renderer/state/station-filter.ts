/**
 * The Live list for one station: its first page comes from the service (listReceipts with the
 * station), older pages the same way (loadOlder), and live batches are filtered as they are
 * applied. Back to all stations, the first page is read again, so receipts that printed
 * elsewhere meanwhile are all there.
 */
import { RECEIPT_LIST_DEFAULT, type DeskApi } from '../../shared/api';
import type { DeskState } from './desk-store';

type Store = { getState(): DeskState };

export async function showStation(
  api: DeskApi,
  store: Store,
  station: string | null,
): Promise<void> {
  if (store.getState().station === station) return;
  store.getState().setStation(station);
  const page = await api.listReceipts({
    limit: RECEIPT_LIST_DEFAULT,
    ...(station === null ? {} : { station }),
  });
  const s = store.getState();
  // The manager picked another station meanwhile: that one's page fills the list.
  if (s.station !== station) return;
  if (page.ok) {
    s.addReceipts(page.value.items);
    s.setHasOlder(page.value.nextCursor !== null);
  } else {
    s.setError(page.error);
  }
  s.setLoaded();
}
