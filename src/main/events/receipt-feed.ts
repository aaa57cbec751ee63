/**
 * Live receipt events, in commit order and without gaps: a receipt is announced once it is
 * interpreted (or has failed) and every receipt committed before it has been announced, so a
 * client that resumes "after id N" never misses one. Batched to at most ~30 deliveries a second.
 *
 * Memory is bounded by bytes, not by receipts: the feed keeps text previews only (the first
 * TEXT_PREVIEW_BYTES of each text), and what it holds (receipts done but waiting for an earlier
 * one, and the next delivery) stays within `maxBytes`. Past it, a waiting receipt keeps only its
 * id and is read back from the store when its turn comes, and a delivery goes out at once.
 */
import type { ReceiptSummary } from '../../shared';
import { TEXT_PREVIEW_BYTES, textPreview } from '../../shared';

type Listener = (batch: ReceiptSummary[]) => void;

/** Reads printed receipts back from the store, as lists carry them (text previews), by id. */
export type ReceiptReader = (ids: number[]) => ReceiptSummary[];

/** A done receipt whose summary was not kept (over the byte budget): read back when announced. */
const EVICTED = 'evicted';

interface Pending {
  id: number;
  printed: boolean;
  done: boolean;
  summary: ReceiptSummary | typeof EVICTED | null;
  bytes: number;
}

export interface FeedOptions {
  minIntervalMs?: number;
  /** Bytes of receipt summaries the feed may hold at once. */
  maxBytes?: number;
  reader?: ReceiptReader;
}

export const FEED_MAX_BYTES = 8 * 1024 * 1024;

/** What a summary costs in memory, about: its text at two bytes a unit, and its fields. */
export function summaryBytes(s: ReceiptSummary): number {
  return (
    256 + 2 * ((s.text?.length ?? 0) + s.peer.length + s.station.length + (s.error?.length ?? 0))
  );
}

/**
 * The summary with its text cut to the preview lists carry. Already cut, or known to fit (its
 * size in bytes came from the worker), it is returned as it is without walking the text.
 */
export function withPreview(s: ReceiptSummary): ReceiptSummary {
  if (s.text === null || s.textCut) return s;
  if (s.textBytes !== null && s.textBytes <= TEXT_PREVIEW_BYTES) return s;
  const p = textPreview(s.text);
  return p.cut ? { ...s, text: p.text, textCut: true } : s;
}

export class ReceiptFeed {
  private readonly pending: Pending[] = [];
  private head = 0;
  private readonly byId = new Map<number, Pending>();
  private outbox: ReceiptSummary[] = [];
  private outboxBytes = 0;
  private waitingBytes = 0;
  private timer: NodeJS.Timeout | null = null;
  private lastDelivery = 0;
  private readonly listeners = new Set<Listener>();
  /** Highest id announced (or skipped as not printed) so far. */
  private watermark: number;
  private readonly minIntervalMs: number;
  private readonly maxBytes: number;
  private readonly reader: ReceiptReader | null;

  constructor(startAfter: number, options: FeedOptions = {}) {
    this.watermark = startAfter;
    this.minIntervalMs = options.minIntervalMs ?? 33;
    this.maxBytes = options.maxBytes ?? FEED_MAX_BYTES;
    this.reader = options.reader ?? null;
  }

  /** Receipts up to this id were in the file before this run: not announced live. */
  startAfter(id: number): void {
    this.watermark = id;
  }

  get announcedUpTo(): number {
    return this.watermark;
  }

  /** Bytes of summaries held now (waiting for an earlier receipt, or for the next delivery). */
  get heldBytes(): number {
    return this.waitingBytes + this.outboxBytes;
  }

  /** A receipt committed; it will be announced after `complete` (if printed). Call in id order. */
  expect(id: number, printed: boolean): void {
    const p: Pending = { id, printed, done: false, summary: null, bytes: 0 };
    this.pending.push(p);
    this.byId.set(id, p);
  }

  /**
   * Interpretation results saved (texts may be whole: the feed keeps previews). Ids not
   * expected (reinterpretation) are ignored.
   */
  complete(summaries: ReceiptSummary[]): void {
    for (const s of summaries) {
      const p = this.byId.get(s.id);
      if (!p || p.done) continue;
      p.done = true;
      this.byId.delete(s.id);
      if (!p.printed) continue;
      const preview = withPreview(s);
      const bytes = summaryBytes(preview);
      if (this.reader && this.heldBytes + bytes > this.maxBytes && p !== this.pending[this.head]) {
        p.summary = EVICTED;
      } else {
        p.summary = preview;
        p.bytes = bytes;
        this.waitingBytes += bytes;
      }
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
    this.outboxBytes = 0;
    this.lastDelivery = performance.now();
    for (const l of this.listeners) l(batch);
  }

  private advance(): void {
    const announced: (ReceiptSummary | number)[] = [];
    let evicted: number[] | null = null;
    while (this.head < this.pending.length && this.pending[this.head].done) {
      const p = this.pending[this.head++];
      this.watermark = p.id;
      if (p.summary === EVICTED) {
        (evicted ??= []).push(p.id);
        announced.push(p.id);
      } else if (p.summary) {
        announced.push(p.summary);
        this.waitingBytes -= p.bytes;
      }
      // Announced: nothing of it is kept (the entry stays until the array is compacted).
      p.summary = null;
    }
    if (this.head > 1024 && this.head * 2 > this.pending.length) {
      this.pending.splice(0, this.head);
      this.head = 0;
    }
    const reread =
      evicted && this.reader ? new Map(this.reader(evicted).map((s) => [s.id, s])) : null;
    for (const a of announced) {
      const s = typeof a === 'number' ? reread?.get(a) : a;
      if (!s) continue; // removed meanwhile (retention): nothing to announce
      this.outbox.push(s);
      this.outboxBytes += summaryBytes(s);
      // Past the budget the delivery goes now rather than on the clock: memory comes first.
      if (this.heldBytes > this.maxBytes) this.flush();
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
