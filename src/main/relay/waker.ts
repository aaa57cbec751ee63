/**
 * The pauses of a relay's loop. A pause ends after its time (a timer, which runs on the
 * monotonic clock: setting the PC's clock neither stretches nor skips it), or at once when the
 * loop is stopped. A pause for new work also ends when work arrives (nudge); a backoff does
 * not, or every receipt printed during an outage would hurry the next attempt.
 */
export class Waker {
  private endWait: (() => void) | null = null;
  private wakeOnNudge = false;
  private nudged = false;
  private stopped = false;

  /** Waits `ms`; `forWork`: new work ends the wait early. */
  wait(ms: number, forWork: boolean): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (forWork && this.nudged) {
      this.nudged = false;
      return Promise.resolve();
    }
    return new Promise<void>((resolve) => {
      const timer = setTimeout(done, Math.max(0, ms));
      const wake = () => done();
      this.endWait = wake;
      this.wakeOnNudge = forWork;
      function done() {
        clearTimeout(timer);
        resolve();
      }
    }).then(() => {
      this.endWait = null;
      if (forWork) this.nudged = false;
    });
  }

  /** New work: a wait for work ends now (or the next one does not start). */
  nudge(): void {
    this.nudged = true;
    if (this.endWait && this.wakeOnNudge) this.endWait();
  }

  /** Ends the current wait, whatever it waits for (the other side is back: try now). */
  wake(): void {
    this.endWait?.();
  }

  /** Ends the current wait and every later one at once. */
  stop(): void {
    this.stopped = true;
    this.endWait?.();
  }

  get isStopped(): boolean {
    return this.stopped;
  }
}

/** How long a loop's step asks to pause, and whether new work ends the pause early. */
export interface Pause {
  ms: number;
  forWork: boolean;
}

/**
 * Runs `step` until the waker is stopped, pausing as each step asks (null: go on at once). A
 * step that throws (the store closing under it, a bug) is told to `failed` and tried again
 * after `idleMs`: a courier never dies of one bad moment.
 */
export async function runSteps(
  waker: Waker,
  step: () => Promise<Pause | null>,
  failed: (err: Error) => void,
  idleMs: number,
): Promise<void> {
  while (!waker.isStopped) {
    try {
      const pause = await step();
      if (pause) await waker.wait(pause.ms, pause.forWork);
    } catch (err) {
      failed(err as Error);
      await waker.wait(idleMs, false);
    }
  }
}
