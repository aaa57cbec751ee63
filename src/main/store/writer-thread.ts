/**
 * Writer thread entry (built as its own file: store-writer.js next to the service entry).
 * Owns the only read-write connection. Ops arrive by message; everything that arrived while the
 * previous commit ran is committed together in the next one (group commit without a timer).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { DeskFailure } from '../../shared';
import { IDLE_COLLECT, IdleCollector } from '../memory';
import { BatchWriter } from './batch-writer';
import { openDatabase } from './open';
import { Totals } from './totals';
import type { FromWriter, ToWriter, WriteOp, WriterInit } from './writer-protocol';

const port = parentPort!;
/** Interpretation messages (each up to a pool batch of rows) per commit. */
const DEFERRED_BATCH = 4;
/** Writes per commit at most: a commit of thousands takes long enough to stall acks. */
const URGENT_BATCH = 256;
/** Interpretations older than this ride along with the next receipts' commit. */
const DEFERRED_MAX_AGE_MS = 50;
const init = workerData as WriterInit;
const send = (msg: FromWriter): void => port.postMessage(msg);

function start(): void {
  let db: ReturnType<typeof openDatabase>;
  try {
    db = openDatabase({ dataDir: init.dataDir, nativeBinding: init.nativeBinding });
  } catch (err) {
    const f = err as DeskFailure;
    send({ type: 'fatal', code: f.code ?? 'DB_OPEN_FAILED', message: f.message });
    return;
  }
  const totals = new Totals(db);
  const writer = new BatchWriter(db, totals);
  const max = db
    .prepare(
      `SELECT (SELECT coalesce(max(id), 0) FROM connections) AS c,
              (SELECT coalesce(max(id), 0) FROM receipts) AS r`,
    )
    .get() as { c: number; r: number };

  // Receipts (and connection rows) are what a POS waits on: they go first, in small commits.
  // Interpretations wait for the thread to be free of them and then go in bigger commits, where
  // the full-text index and the page writes cost less per receipt.
  let urgent: WriteOp[] = [];
  let deferred: WriteOp[] = [];
  let deferredSince = 0;
  let scheduled = false;

  const commit = (ops: WriteOp[]): void => {
    const started = performance.now();
    try {
      const results = writer.apply(ops);
      send({
        type: 'committed',
        results,
        totals: totals.snapshot(),
        batch: ops.length,
        ms: performance.now() - started,
      });
    } catch (err) {
      const failure = toFailure(err);
      const tags = ops.flatMap((op) => ('tag' in op ? [op.tag] : []));
      send({ type: 'failed', tags, code: failure.code, message: failure.message });
    }
  };

  const flush = (): void => {
    scheduled = false;
    const barrier = urgent.some((op) => op.kind === 'barrier');
    const stale = deferred.length > 0 && performance.now() - deferredSince > DEFERRED_MAX_AGE_MS;
    if (urgent.length > 0 && !barrier && !stale) {
      commit(urgent.splice(0, URGENT_BATCH));
    } else if (barrier) {
      // A barrier waits for everything before it.
      const ops = [...deferred, ...urgent];
      deferred = [];
      urgent = [];
      commit(ops);
    } else if (urgent.length > 0 || deferred.length > 0) {
      // Old interpretations ride along with the receipts' commit.
      const ops = [...urgent.splice(0, URGENT_BATCH), ...deferred.splice(0, DEFERRED_BATCH)];
      deferredSince = performance.now();
      commit(ops);
    }
    if (urgent.length > 0 || deferred.length > 0) schedule();
  };

  const schedule = (): void => {
    if (scheduled) return;
    scheduled = true;
    if (init.commitWindowMs > 0) setTimeout(flush, init.commitWindowMs);
    else setImmediate(flush);
  };

  // The receipts' bytes arrive here as copies; collected once the thread is quiet.
  const idleCollector = new IdleCollector(IDLE_COLLECT);
  port.on('message', (msg: ToWriter) => {
    if (msg.type === 'ops') {
      for (const op of msg.ops) {
        if (op.kind === 'receipt') idleCollector.note(op.r.bytes.length);
        else if (op.kind === 'interpretations') {
          for (const row of op.rows) idleCollector.note(row.text?.length ?? 0);
        }
        if (op.kind === 'interpretations' || op.kind === 'document') {
          if (deferred.length === 0) deferredSince = performance.now();
          deferred.push(op);
        } else urgent.push(op);
      }
      schedule();
    } else if (msg.type === 'close') {
      idleCollector.stop();
      if (urgent.length > 0 || deferred.length > 0) commit([...urgent, ...deferred]);
      urgent = [];
      deferred = [];
      db.pragma('wal_checkpoint(TRUNCATE)');
      db.close();
      send({ type: 'closed' });
      port.close();
    }
  });

  send({ type: 'ready', maxConnectionId: max.c, maxReceiptId: max.r, totals: totals.snapshot() });
}

function toFailure(err: unknown): DeskFailure {
  const e = err as { code?: string; message?: string };
  if (e.code === 'SQLITE_FULL') {
    return new DeskFailure(
      'DISK_FULL',
      'The disk holding the receipts file is full. Free some space; receipts are refused until then.',
    );
  }
  return new DeskFailure(
    'DB_WRITE_FAILED',
    `Could not write to the receipts file (${e.message ?? String(err)}). Check the disk and restart Receipt Desk.`,
  );
}

start();
