/** Refusals in the log once a minute with counts, and in health while they go on. */
import { describe, expect, it } from 'vitest';
import { REFUSAL_REPORT_MS, RefusalWatch, type SlotsView } from './refusal-watch';

const T0 = Date.UTC(2026, 11, 7, 12, 0, 0);

const slots: SlotsView = {
  peers: [
    { peer: '192.168.1.30', open: 40, inProgress: 40, longestIdleS: 3 },
    { peer: '192.168.1.31', open: 6, inProgress: 6, longestIdleS: 1 },
    { peer: '192.168.1.32', open: 2, inProgress: 2, longestIdleS: 0 },
    { peer: '192.168.1.33', open: 1, inProgress: 1, longestIdleS: 0 },
    { peer: '192.168.1.34', open: 1, inProgress: 1, longestIdleS: 0 },
  ],
  maxConnections: 50,
  maxPerPeer: 8,
};

describe('refusal reports', () => {
  it('logs the first refusal at once, then one line a minute with the counts', () => {
    let now = T0;
    const watch = new RefusalWatch(() => now);
    watch.record('all-busy', '192.168.1.20');
    const first = watch.report(slots);
    expect(first).toMatch(/^1 connection turned away in the last minute: all 50 printer/);
    expect(first).toContain('held by 192.168.1.30: 40, 192.168.1.31: 6, 192.168.1.32: 2 and 2');
    expect(first).toContain('Tills printing at once');

    const lines: string[] = [];
    // A refusal every 100 ms for three minutes: three more lines, not 1,799.
    for (let i = 1; i < 1800; i++) {
      now = T0 + i * 100;
      watch.record(i % 3 === 0 ? 'peer-full' : 'all-busy', '192.168.1.40');
      const line = watch.report(slots);
      if (line) lines.push(line);
    }
    expect(lines).toHaveLength(2);
    expect(watch.dueAt()).toBe(T0 + 3 * REFUSAL_REPORT_MS);
    now = watch.dueAt();
    lines.push(watch.report(slots)!);
    expect(lines).toHaveLength(3);
    // Each line counts the minute since the one before.
    expect(lines[0]).toMatch(
      /^400 connections turned away .* 200 connections from 192\.168\.1\.40/,
    );
    expect(lines[0]).toContain('already holds 8 connections');
    expect(lines[0]).toContain('Connections per device');
    expect(watch.report(slots)).toBeNull();
  });

  it('is a health problem while refusals go on, and clears a minute after the last', () => {
    let now = T0;
    const watch = new RefusalWatch(() => now);
    expect(watch.problem(slots)).toBeNull();
    watch.record('peer-full', '192.168.1.30');
    watch.record('peer-full', '192.168.1.30');
    now += 30_000;
    const problem = watch.problem(slots);
    expect(problem?.code).toBe('CONNECTIONS_REFUSED');
    expect(problem?.message).toMatch(/^2 connections from 192\.168\.1\.30 turned away/);
    expect(watch.recent()).toBe(2);
    now = T0 + REFUSAL_REPORT_MS + 1;
    expect(watch.problem(slots)).toBeNull();
    expect(watch.recent()).toBe(0);
  });
});
