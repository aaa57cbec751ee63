// The collection's effect on RSS is measured by `npm run bench -- --only=memory`; these check
// when it happens: once quiet after enough work, never during work, and the tail of work counts.
import { afterEach, describe, expect, it } from 'vitest';
import { IdleCollector } from './idle-collector';

const MiB = 1024 * 1024;
const collectors: IdleCollector[] = [];
afterEach(() => collectors.splice(0).forEach((c) => c.stop()));

async function until(check: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('not within the deadline');
    await new Promise((r) => setTimeout(r, 5));
  }
}

function collector(idleMs: number): IdleCollector {
  const c = new IdleCollector({ idleMs, minBytes: 8 * MiB });
  collectors.push(c);
  return c;
}

describe('IdleCollector', () => {
  it('collects once, when the burst is over, not while it goes on', async () => {
    const c = collector(150);
    const ended = Date.now() + 600;
    while (Date.now() < ended) {
      c.note(1 * MiB); // work keeps arriving, 50 ms apart
      await new Promise((r) => setTimeout(r, 50));
      expect(c.count).toBe(0);
    }
    await until(() => c.count === 1);
  });

  it('leaves a little work alone, and counts it with the next so no tail is forgotten', async () => {
    const c = collector(20);
    const start = Date.now();
    c.note(6 * MiB);
    await until(() => Date.now() - start > 100); // quiet, but not worth a collection yet
    expect(c.count).toBe(0);
    c.note(3 * MiB);
    await until(() => c.count === 1);
  });

  it('collects during a long background catch-up while the tills are quiet, never while they print', async () => {
    const c = collector(30);
    // The figures catch-up: 2 MiB every 10 ms for 600 ms, with no till printing.
    let ended = Date.now() + 600;
    while (Date.now() < ended) {
      c.noteBackground(2 * MiB);
      await new Promise((r) => setTimeout(r, 10));
    }
    expect(c.count).toBeGreaterThanOrEqual(2);
    // The same with a till printing all along: nothing until it stops.
    const before = c.count;
    ended = Date.now() + 300;
    while (Date.now() < ended) {
      c.note(64 * 1024);
      c.noteBackground(1 * MiB);
      await new Promise((r) => setTimeout(r, 10));
      expect(c.count).toBe(before);
    }
    await until(() => c.count === before + 1);
  });
});
