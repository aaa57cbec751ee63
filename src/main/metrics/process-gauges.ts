import fs from 'node:fs';
import { monitorEventLoopDelay, performance, type EventLoopUtilization } from 'node:perf_hooks';

/** OS threads of this process, from /proc/self/status on Linux; null elsewhere. */
export function osThreadCount(): number | null {
  try {
    const status = fs.readFileSync('/proc/self/status', 'utf8');
    const match = /^Threads:\s+(\d+)/m.exec(status);
    return match ? Number(match[1]) : null;
  } catch {
    return null;
  }
}

/** The histogram's timer period; each sample is period + delay, so the period is subtracted. */
const RESOLUTION_MS = 20;

/** Event-loop delay (p99 over the last interval) and utilisation, reset at each read. */
export class EventLoopGauge {
  private readonly histogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  private last: EventLoopUtilization = performance.eventLoopUtilization();

  constructor() {
    this.histogram.enable();
  }

  read(): { delayP99Ms: number | null; utilization: number } {
    const p99 =
      this.histogram.count > 0
        ? Math.max(this.histogram.percentile(99) / 1e6 - RESOLUTION_MS, 0)
        : null;
    this.histogram.reset();
    const now = performance.eventLoopUtilization();
    const delta = performance.eventLoopUtilization(now, this.last);
    this.last = now;
    return {
      delayP99Ms: p99 === null ? null : Math.round(p99 * 100) / 100,
      utilization: Math.round(delta.utilization * 1000) / 1000,
    };
  }

  stop(): void {
    this.histogram.disable();
  }
}
