/** Maps each module's own gauges onto the Metrics shape of the contract, for the sampler. */
import type { CaptureService } from '../capture';
import type { MetricsSources } from '../metrics';
import type { InterpretPool } from '../pool';
import type { Store } from '../store';
import type { Metrics } from '../../shared';

export interface GaugeModules {
  capture: CaptureService;
  pool: InterpretPool;
  store: Store;
  receiptsPerMinute: () => number;
  /** The cloud relay's and the pass-through printers' gauges. */
  relay: () => Pick<Metrics, 'relay' | 'passThrough'>;
}

export function gaugeSources(m: GaugeModules): MetricsSources {
  return {
    connections: () => m.capture.gauges(),
    pool: () => {
      const g = m.pool.gauges();
      return {
        threads: g.threads,
        busy: g.busy,
        queued: g.queued,
        maxQueue: g.maxQueue,
        paused: g.saturated,
        waitMs: g.waitMs,
        runMs: g.runMs,
        timeouts: g.timeouts,
        saturations: g.saturations,
      };
    },
    db: () => ({ fileBytes: m.store.fileBytes(), ...m.store.writer.gauges() }),
    receipts: () => {
      const counts = m.store.queries.problemCounts();
      return {
        perMinute: m.receiptsPerMinute(),
        truncated: counts.truncated,
        failed: counts.failed,
        pendingInterpretation: m.pool.gauges().pendingReceipts,
      };
    },
    disk: () => ({ ...m.store.writer.diskGauges(), freeBytes: m.store.freeBytes() }),
    relay: m.relay,
  };
}
