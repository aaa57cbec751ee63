/** Events in the last minute, kept as per-second buckets. */
export class RateCounter {
  private readonly buckets = new Float64Array(60);
  private lastSecond = 0;

  constructor(private readonly now: () => number = Date.now) {}

  add(n = 1): void {
    this.advance();
    this.buckets[this.lastSecond % 60] += n;
  }

  perMinute(): number {
    this.advance();
    let total = 0;
    for (const b of this.buckets) total += b;
    return total;
  }

  private advance(): void {
    const second = Math.floor(this.now() / 1000);
    if (this.lastSecond === 0) this.lastSecond = second;
    const steps = Math.min(second - this.lastSecond, 60);
    for (let s = 1; s <= steps; s++) this.buckets[(this.lastSecond + s) % 60] = 0;
    this.lastSecond = Math.max(second, this.lastSecond);
  }
}
