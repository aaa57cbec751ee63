/**
 * Live receipt events, in commit order and without gaps: a receipt is announced once it is
 * interpreted (or has failed) and every receipt committed before it has been announced, so a
 * client that resumes "after id N" never misses one. Batched to at most ~30 deliveries a second.
 */
import type { ReceiptSummary } from '../../shared';

type Listener = (batch: ReceiptSummary[]) => void;

interface Pending {
  id: number;
  printed: boolean;
  summary: ReceiptSummary | null;
}

export class ReceiptFeed {
  private readonly pending: Pending[] = [];
  private head = 0;
  private readonly byId = new Map<number, Pending>();
  private outbox: ReceiptSummary[] = [];
  private timer: NodeJS.Timeout | null = null;
  private lastDelivery = 0;
  private readonly listeners = new Set<Listener>();
  /** Highest id announced (or skipped as not printed) so far. */
  private watermark: number;

  constructor(
    startAfter: number,
    private readonly minIntervalMs = 33,
  ) {
    this.watermark = startAfter;
  }

  /** Receipts up to this id were in the file before this run: not announced live. */
  startAfter(id: number): void {
    this.watermark = id;
  }

  get announcedUpTo(): number {
    return this.watermark;
  }

  /** A receipt committed; it will be announced after `complete` (if printed). Call in id order. */
  expect(id: number, printed: boolean): void {
    const p: Pending = { id, printed, summary: null };
    this.pending.push(p);
    this.byId.set(id, p);
  }

  /** Interpretation results saved. Ids not expected (reinterpretation) are ignored. */
  complete(summaries: ReceiptSummary[]): void {
    for (const s of summaries) {
      const p = this.byId.get(s.id);
      if (p) p.summary = s;
    }
    this.advance();
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Delivers whatever is waiting now (used at shutdown and by tests). */
  flush(): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    if (this.outbox.length === 0) return;
    const batch = this.outbox;
    this.outbox = [];
    this.lastDelivery = performance.now();
    for (const l of this.listeners) l(batch);
  }

  private advance(): void {
    while (this.head < this.pending.length && this.pending[this.head].summary) {
      const p = this.pending[this.head++];
      this.byId.delete(p.id);
      this.watermark = p.id;
      if (p.printed && p.summary) this.outbox.push(p.summary);
    }
    if (this.head > 1024 && this.head * 2 > this.pending.length) {
      this.pending.splice(0, this.head);
      this.head = 0;
    }
    if (this.outbox.length > 0 && !this.timer) {
      const wait = Math.max(0, this.minIntervalMs - (performance.now() - this.lastDelivery));
      this.timer = setTimeout(() => {
        this.timer = null;
        this.flush();
      }, wait);
    }
  }
}
