/**
 * Reads the sales figures of stored receipts on the pool's threads, whenever the pool has no
 * receipt to read: the ones just saved, the ones a previous run left without figures, and the
 * ones an older extractor read (EXTRACTOR_VERSION). Figures come from the stored text, so a rush
 * never waits on them: measured with extraction on the ingest path, the stream scenario fell
 * from about 6,500 to 1,560 receipts/s. A batch at a time, each saved before the next.
 */
import type { ExtractItem, ExtractResult, InterpretPool } from '../pool';
import { EXTRACTOR_VERSION, MAX_FIGURES_TEXT, type SalesProfile, tooLong } from '../sales';
import type { ReportQueries, Store } from '../store';

const BATCH = 32;
/**
 * Receipt ids looked at per query of the leftovers' scan, which reads each receipt's row on the
 * main thread: 5,000 took 14-25 ms on a file of 100,000 receipts (1.2 GB), long enough to delay
 * the printer ports' answers while a rush follows a start; 1,000 take about 3 ms.
 */
const SCAN_WINDOW = 1_000;
/** How soon to look again when the pool was busy or there was nothing to read. */
const RETRY_MS = 100;
const IDLE_MS = 30_000;

export interface FiguresCatchUpOptions {
  store: () => Store;
  queries: () => ReportQueries;
  pool: InterpretPool;
  /** How a station's receipts are read (its currency, its own words). */
  profileFor: (station: string) => SalesProfile;
  log: (message: string) => void;
  /**
   * Text read for figures, in bytes: counted with the receipts' own work, so once the catch-up
   * has drained the threads' heaps are collected as after a burst (it runs on after one).
   */
  onWork?: (bytes: number) => void;
  /** Figures were committed (the cloud relay sends a receipt once its figures are stored). */
  onSaved?: () => void;
}

export class FiguresCatchUp {
  /** Receipts saved since the last look, to read first. */
  private readonly fresh: number[] = [];
  /** Where the scan for receipts without figures has got to (a previous run's leftovers). */
  private scannedTo = 0;
  private scanDone = false;
  private olderDone = false;
  private timer: NodeJS.Timeout | null = null;
  private running = false;
  private stopped = false;
  private done = 0;

  constructor(private readonly o: FiguresCatchUpOptions) {}

  start(): void {
    this.soon(0);
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** Receipts just read: their figures next, as soon as the pool is free. */
  saved(ids: number[]): void {
    for (const id of ids) this.fresh.push(id);
    this.soon(RETRY_MS);
  }

  /** Receipts were marked to be read again (a station's profile changed): look for them. */
  reread(): void {
    this.olderDone = false;
    this.soon(0);
  }

  /** Receipts whose figures were read since start. */
  get count(): number {
    return this.done;
  }

  private soon(ms: number): void {
    if (this.stopped || this.running) return;
    if (this.timer) {
      if (ms >= IDLE_MS) return;
      clearTimeout(this.timer);
    }
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.step();
    }, ms);
    this.timer.unref();
  }

  private async step(): Promise<void> {
    if (this.stopped) return;
    if (!this.o.pool.isIdle()) {
      this.soon(RETRY_MS);
      return;
    }
    const ids = this.next();
    if (ids === 'scanning') {
      this.soon(0); // the next window of the scan, after whatever else waits
      return;
    }
    if (ids.length === 0) {
      this.soon(IDLE_MS);
      return;
    }
    this.running = true;
    try {
      const texts = this.o.queries().textsForFigures(ids, MAX_FIGURES_TEXT);
      const items: ExtractItem[] = [];
      const results: ExtractResult[] = [];
      for (const t of texts) {
        if (t.text === null) results.push({ id: t.id, figures: tooLong(t.chars), error: null });
        else {
          items.push({
            id: t.id,
            text: t.text,
            drawerKicks: t.drawerKicks,
            sales: this.o.profileFor(t.station),
          });
        }
      }
      if (items.length > 0) {
        results.push(...(await this.o.pool.extract(items)));
        this.o.onWork?.(items.reduce((n, i) => n + i.text.length, 0));
      }
      for (const r of results) {
        if (r.error) this.o.log(`Sales figures of receipt ${r.id} not read: ${r.error}`);
      }
      await this.o.store().writer.saveFigures(
        results.map((r) => ({
          id: r.id,
          figures: r.figures,
          extractorVersion: EXTRACTOR_VERSION,
        })),
      );
      this.done += results.length;
      this.o.onSaved?.();
    } catch (err) {
      // Shutting down, or the disk is full: the receipts keep no figures yet and are found again.
      if (!this.stopped) this.o.log(`Sales figures not saved yet: ${(err as Error).message}`);
      this.running = false;
      this.soon(IDLE_MS / 10);
      return;
    }
    this.running = false;
    this.soon(0);
  }

  /**
   * The next batch: fresh receipts, then a previous run's leftovers, then older readings.
   * 'scanning': a window of the leftovers' scan held none; the next one is looked at soon.
   */
  private next(): number[] | 'scanning' {
    if (this.fresh.length > 0) return this.fresh.splice(0, BATCH);
    const q = this.o.queries();
    if (!this.scanDone) {
      // Receipts stored since start reach `fresh` once read: the scan ends where they begin.
      const end = this.o.store().writer.maxReceiptIdAtStart;
      const upTo = Math.min(end, this.scannedTo + SCAN_WINDOW);
      const ids = q.idsLackingFigures(this.scannedTo, upTo, BATCH);
      if (ids.length > 0) {
        this.scannedTo = ids[ids.length - 1];
        return ids;
      }
      this.scannedTo = upTo;
      if (upTo < end) return 'scanning';
      this.scanDone = true;
    }
    if (!this.olderDone) {
      const ids = q.idsWithOlderFigures(EXTRACTOR_VERSION, BATCH);
      if (ids.length > 0) return ids;
      this.olderDone = true;
    }
    return [];
  }
}
