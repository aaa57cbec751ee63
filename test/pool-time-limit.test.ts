/**
 * The pool's time limit is a limit on one receipt's own interpretation, as Settings says
 * ("The time limit per receipt"): not on the batch it rides in, not on its wait for a thread.
 * Real piscina threads; the worker is a test one that chokes on one receipt.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { InterpretPool, type InterpretResult } from '../src/main/pool';
import { ROOT } from './helpers/desk';

const WORKER = path.join(ROOT, 'test', 'fixtures', 'slow-pool-worker.mjs');
const profile = {
  dialect: 'escpos',
  columns: 48,
  multibyte: 'shift_jis',
  kanjiAtStart: false,
} as const;

describe('the pool time limit', () => {
  it('fails one slow receipt alone among 320 fast ones, with 4 threads and a 200 ms limit', async () => {
    const results = new Map<number, InterpretResult>();
    const pauses: boolean[] = [];
    const pool = new InterpretPool({
      workerFile: WORKER,
      threads: 4,
      maxQueue: 8,
      batchSize: 16,
      taskTimeoutMs: 200,
      onResults: (rs) => rs.forEach((r) => results.set(r.id, r)),
      onSaturation: (s) => pauses.push(s),
    });
    try {
      // 20 ms a receipt: a batch of 16 runs 320 ms, and the last batches wait seconds for a thread.
      for (let id = 1; id <= 321; id++) {
        const text = id === 100 ? 'SLOW end-of-day report' : `Order ${id}`;
        pool.submit({ id, raw: Buffer.from(text, 'latin1'), profile });
      }
      await pool.idle();
      const failed = [...results.values()].filter((r) => !r.ok);
      expect(results.size).toBe(321);
      expect(failed.map((r) => r.id)).toEqual([100]);
      expect(failed[0].error).toMatch(/longer than 200 ms/);
      expect(results.get(101)).toMatchObject({ ok: true, text: 'Order 101' });
      expect(pool.gauges().timeouts).toBe(1);
      // The backlog filled (the printer ports would have paused) and emptied again.
      expect(pauses).toEqual([true, false]);
    } finally {
      await pool.close();
    }
  });
});
