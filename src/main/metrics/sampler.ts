import type { Metrics } from '../../shared';
import { EventLoopGauge, osThreadCount } from './process-gauges';

/** What the sampler reads each second; the service supplies these from its modules. */
export interface MetricsSources {
  connections: () => Metrics['connections'];
  pool: () => Metrics['pool'];
  db: () => Metrics['db'];
  receipts: () => Metrics['receipts'];
  disk: () => Metrics['disk'];
  /** Counts over the outbox: sampled each second, not on every call. */
  relay: () => Pick<Metrics, 'relay' | 'passThrough'>;
}

export class MetricsSampler {
  private readonly loop = new EventLoopGauge();
  private timer: NodeJS.Timeout | null = null;
  private latest: Metrics;

  constructor(
    private readonly sources: MetricsSources,
    private readonly onSample: (m: Metrics) => void = () => {},
    private readonly now: () => number = Date.now,
  ) {
    this.latest = this.sample();
  }

  start(intervalMs = 1000): void {
    this.timer = setInterval(() => {
      this.latest = this.sample();
      this.onSample(this.latest);
    }, intervalMs);
    this.timer.unref();
  }

  /** The last sample (at most a second old). */
  current(): Metrics {
    return this.latest;
  }

  /**
   * The modules' gauges as they are now (connections, pool, writer, disk), with the process
   * figures and the receipt counts of the last one-second sample: what a call for the metrics
   * answers. The receipt counts are SQL over the whole file, too dear to run on every call (the
   * load bench polls twice a second).
   */
  fresh(): Metrics {
    const s = this.sources;
    return {
      ...this.latest,
      at: this.now(),
      connections: s.connections(),
      pool: s.pool(),
      db: s.db(),
      disk: s.disk(),
    };
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.loop.stop();
  }

  private sample(): Metrics {
    const mem = process.memoryUsage();
    return {
      at: this.now(),
      connections: this.sources.connections(),
      pool: this.sources.pool(),
      eventLoop: this.loop.read(),
      memory: { rssBytes: mem.rss, heapUsedBytes: mem.heapUsed, heapTotalBytes: mem.heapTotal },
      osThreads: osThreadCount(),
      db: this.sources.db(),
      receipts: this.sources.receipts(),
      disk: this.sources.disk(),
      ...this.sources.relay(),
    };
  }
}
