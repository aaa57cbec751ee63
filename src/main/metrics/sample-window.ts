/** The last N samples of a duration, for p50/p99 gauges without unbounded memory. */
export class SampleWindow {
  private readonly samples: Float64Array;
  private count = 0;
  private next = 0;

  constructor(size = 2048) {
    this.samples = new Float64Array(size);
  }

  add(value: number): void {
    this.samples[this.next] = value;
    this.next = (this.next + 1) % this.samples.length;
    if (this.count < this.samples.length) this.count++;
  }

  percentile(p: number): number | null {
    if (this.count === 0) return null;
    const sorted = this.samples.slice(0, this.count).sort();
    const idx = Math.min(this.count - 1, Math.ceil((p / 100) * this.count) - 1);
    return Math.round(sorted[Math.max(idx, 0)] * 1000) / 1000;
  }

  reset(): void {
    this.count = 0;
    this.next = 0;
  }
}
