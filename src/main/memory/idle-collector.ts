/**
 * Gives memory back after a burst. V8 collects garbage only when a thread allocates, so after a
 * burst of big receipts an idle thread kept its dead strings and the malloc'd buffers behind its
 * dead Buffers (RSS stayed at 1.9 GB a minute after 50 receipts of 20 MiB). Each thread that
 * handles receipt bytes notes them here; once at least `minBytes` went through and then nothing
 * for `idleMs`, it runs one full collection while there is nothing else to do.
 */
import v8 from 'node:v8';
import vm from 'node:vm';

export interface IdleCollectorOptions {
  /** Quiet time after the last work before collecting. */
  idleMs: number;
  /** Bytes of work since the last collection below which a collection is not worth it. */
  minBytes: number;
  /** Background work between two collections while the tills are quiet (4 × minBytes). */
  backgroundBytes?: number;
  /** Told after each collection, with how long it took. */
  onCollect?: (ms: number) => void;
}

let gcFunction: (() => void) | null | undefined;

/**
 * V8's own collector, exposed without a command-line flag (the desktop app cannot pass one): the
 * flag set at run time applies to contexts made after it, such as this new one.
 */
function fullCollection(): (() => void) | null {
  if (gcFunction === undefined) {
    try {
      v8.setFlagsFromString('--expose-gc');
      gcFunction = vm.runInNewContext('gc') as () => void;
    } catch {
      gcFunction = null;
    }
  }
  return gcFunction;
}

/** One full collection of this thread's heap now; false where it is not available. */
export function collectGarbage(): boolean {
  const gc = fullCollection();
  gc?.();
  return gc !== null;
}

export class IdleCollector {
  private bytes = 0;
  /** Background bytes since the last collection. */
  private background = 0;
  private timer: NodeJS.Timeout | null = null;
  private collections = 0;
  private readonly backgroundBytes: number;

  constructor(private readonly options: IdleCollectorOptions) {
    this.backgroundBytes = options.backgroundBytes ?? options.minBytes * 4;
  }

  /** `bytes` of receipt work were just done on this thread. */
  note(bytes: number): void {
    this.bytes += bytes;
    // Whether the work since the last collection is worth one is asked once quiet, so the tail
    // of a burst counts too (a check here would leave it to the next burst).
    if (this.timer) {
      this.timer.refresh();
    } else {
      this.timer = setTimeout(() => this.quiet(), this.options.idleMs);
      // Never what keeps a thread alive.
      this.timer.unref();
    }
  }

  /**
   * `bytes` of background work (re-reading stored receipts for their figures) were just done.
   * It counts towards a collection but does not put one off: after a burst the catch-up can run
   * for a minute, and waiting for it to end kept every thread's heap at its high-water mark all
   * that while (RSS 449 MiB 30 s after 100,000 receipts, 142 MiB idle). While the tills are
   * quiet, a long catch-up is collected after each `backgroundBytes` of it.
   */
  noteBackground(bytes: number): void {
    this.bytes += bytes;
    this.background += bytes;
    if (this.timer === null && this.background >= this.backgroundBytes) {
      this.timer = setTimeout(() => this.quiet(), this.options.idleMs);
      this.timer.unref();
    }
  }

  /** Full collections run so far. */
  get count(): number {
    return this.collections;
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private quiet(): void {
    this.timer = null;
    if (this.bytes < this.options.minBytes) return;
    this.bytes = 0;
    this.background = 0;
    const started = performance.now();
    if (!collectGarbage()) return;
    this.collections++;
    this.options.onCollect?.(performance.now() - started);
  }
}

/**
 * What every thread uses: 2 s of quiet after at least 8 MiB of receipts (a few thousand ordinary
 * ones; a quiet restaurant collects every few hours, a burst once it ends). A collection of a
 * heap that grew to a few hundred MiB takes 30-80 ms here, in a quiet moment.
 */
export const IDLE_COLLECT = { idleMs: 2_000, minBytes: 8 * 1024 * 1024 };
