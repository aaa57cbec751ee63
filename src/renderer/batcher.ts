/**
 * Collects items and hands them over at most once per interval, so a burst of receipts costs
 * one render, not one per receipt. Bounded: past `max` waiting items the oldest are dropped
 * (the list keeps only the newest few hundred anyway).
 */
export class Batcher<T> {
  private items: T[] = [];
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly flush: (items: T[]) => void,
    private readonly intervalMs: number,
    private readonly max = 1_000,
  ) {}

  add(item: T): void {
    this.addMany([item]);
  }

  addMany(items: T[]): void {
    this.items.push(...items);
    if (this.items.length > this.max) this.items.splice(0, this.items.length - this.max);
    this.timer ??= setTimeout(() => {
      this.timer = null;
      const batch = this.items;
      this.items = [];
      if (batch.length > 0) this.flush(batch);
    }, this.intervalMs);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.items = [];
  }
}
