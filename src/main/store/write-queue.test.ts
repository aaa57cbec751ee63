/**
 * What the writer keeps when the disk refuses a batch: connection rows and texts until they are
 * written, in their order (a receipt's connection row first), receipts only for their grace.
 */
import { describe, expect, it } from 'vitest';
import { WriteQueue } from './write-queue';
import type { NewReceipt, WriteOp } from './writer-protocol';

const receipt = (tag: number, connectionId: number): WriteOp => ({
  kind: 'receipt',
  tag,
  r: { connectionId, seq: 0, bytes: new Uint8Array(4) } as unknown as NewReceipt,
});
const open = (id: number): WriteOp => ({
  kind: 'open',
  id,
  c: { peer: '10.0.0.5', peerPort: null, station: 'Front', listenerPort: 9100, openedAt: 0 },
});
const close = (id: number): WriteOp => ({
  kind: 'close',
  id,
  closedAt: 1,
  bytes: 4,
  reason: 'fin',
});
const texts = (tag: number): WriteOp => ({ kind: 'interpretations', tag, rows: [] });
const document = (id: number): WriteOp => ({
  kind: 'document',
  id,
  interpreterVersion: 1,
  document: new Uint8Array(1),
});
const names = (ops: WriteOp[]) =>
  ops.map((op) => `${op.kind}:${'tag' in op ? op.tag : (op as { id: number }).id}`);

describe('write queue on a full disk', () => {
  it('puts a refused batch back in front, in order, dropping only cached documents', () => {
    const q = new WriteQueue();
    for (const op of [open(7), receipt(1, 7), texts(2), document(3)]) q.push(op, 0);
    const batch = q.take(100); // interpretations older than 50 ms ride along
    expect(names(batch)).toEqual(['open:7', 'receipt:1', 'interpretations:2', 'document:3']);
    q.push(close(7), 100);
    q.putBack(batch, 3_100);
    expect(names(q.take(101))).toEqual(['open:7', 'receipt:1', 'close:7']);
    expect(names(q.take(200))).toEqual(['interpretations:2']);
    expect(q.length).toBe(0);
  });

  it('refuses receipts past their grace, never connection rows or texts', () => {
    const q = new WriteQueue();
    const batch = [open(8), receipt(4, 8), texts(5)];
    q.putBack(batch, 3_000);
    q.push(receipt(6, 8), 1_000);
    q.hold(4_000); // arrived while full: its own grace
    expect(q.expire(2_999)).toEqual([]);
    expect(names(q.expire(3_000))).toEqual(['receipt:4']);
    expect(names(q.expire(4_000))).toEqual(['receipt:6']);
    expect(names(q.drain())).toEqual(['open:8', 'interpretations:5']);
  });

  it('a committed batch is off the clock, and so is everything once there is room', () => {
    const q = new WriteQueue();
    const r = receipt(9, 1);
    q.putBack([r], 3_000);
    const retried = q.take(0);
    q.committed(retried);
    expect(q.expire(10_000)).toEqual([]);
    q.putBack([receipt(10, 1)], 3_000);
    q.release();
    expect(q.expire(10_000)).toEqual([]);
    expect(q.length).toBe(1);
  });
});

describe('the relay’s delivered marks (lazy ops)', () => {
  const marks = (tag: number): WriteOp => ({ kind: 'outbox', tag, rows: [], lazy: true });
  const failure = (tag: number): WriteOp => ({ kind: 'outbox', tag, rows: [] });

  it('ride along with the next receipts’ commit, ahead of them, instead of one of their own', () => {
    const q = new WriteQueue();
    q.push(marks(1), 0);
    expect(q.dueIn(0)).toBe(1_000);
    expect(q.take(10)).toEqual([]);
    q.push(open(3), 20);
    q.push(receipt(4, 3), 20);
    expect(q.dueIn(20)).toBe(0);
    expect(names(q.take(20))).toEqual(['outbox:1', 'open:3', 'receipt:4']);
    expect(q.dueIn(21)).toBeNull();
  });

  it('go alone after a second, or once 20 of them wait', () => {
    const q = new WriteQueue();
    q.push(marks(1), 0);
    q.push(marks(2), 400);
    expect(q.dueIn(999)).toBe(1);
    expect(names(q.take(1_000))).toEqual(['outbox:1', 'outbox:2']);
    for (let i = 0; i < 20; i++) q.push(marks(10 + i), 2_000);
    expect(q.dueIn(2_000)).toBe(0);
    expect(q.take(2_000)).toHaveLength(20);
  });

  it('leave a failure’s marks, and every other relay write, urgent', () => {
    const q = new WriteQueue();
    q.push(failure(1), 0);
    expect(q.dueIn(0)).toBe(0);
    expect(names(q.take(0))).toEqual(['outbox:1']);
  });

  it('are taken by a barrier and the last commit, and kept when the disk refuses them', () => {
    const q = new WriteQueue();
    q.push(marks(1), 0);
    q.push({ kind: 'barrier', tag: 2 }, 0);
    expect(names(q.take(0))).toEqual(['outbox:1', 'barrier:2']);
    q.push(marks(3), 0);
    const batch = q.take(1_000);
    q.putBack(batch, 4_000);
    expect(q.expire(5_000)).toEqual([]); // no caller waits on them against a clock
    expect(names(q.drain())).toEqual(['outbox:3']);
  });
});
