/**
 * Which saved settings wait for the next start. Printer ports, capture limits, the allow-list
 * and retention apply at once; the thread pool, the writer's bounds, the printer's identity and
 * the web page's address are built once when Receipt Desk starts.
 */
import type { Settings } from '../../shared';

const AT_START: { label: string; pick: (s: Settings) => unknown }[] = [
  { label: 'Interpretation threads and queue', pick: (s) => s.pool },
  {
    label: 'Disk write limits',
    pick: (s) => [s.store.commitWindowMs, s.store.maxBacklogBytes, s.store.maxBacklogReceipts],
  },
  { label: 'Printer identity', pick: (s) => s.identity },
  {
    label: 'Web page address and token',
    pick: (s) => [s.http.host, s.http.port, s.http.apiToken],
  },
  { label: 'Web page limits', pick: (s) => [s.http.maxStreamClients, s.http.streamMaxAgeS] },
];

export function waitingForRestart(running: Settings, saved: Settings): string[] {
  return AT_START.filter(
    (x) => JSON.stringify(x.pick(running)) !== JSON.stringify(x.pick(saved)),
  ).map((x) => x.label);
}
