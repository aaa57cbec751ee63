/**
 * Writer thread entry (built as its own file: store-writer.js next to the service entry).
 * Owns the only read-write connection. Ops arrive by message; everything that arrived while the
 * previous commit ran is committed together in the next one (group commit without a timer).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { DeskFailure } from '../../shared';
import { BatchWriter } from './batch-writer';
import { openDatabase } from './open';
import { Totals } from './totals';
import type { FromWriter, ToWriter, WriteOp, WriterInit } from './writer-protocol';

const port = parentPort!;
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

  let queue: WriteOp[] = [];
  let scheduled = false;

  const flush = (): void => {
    scheduled = false;
    const ops = queue;
    queue = [];
    if (ops.length === 0) return;
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

  port.on('message', (msg: ToWriter) => {
    if (msg.type === 'ops') {
      for (const op of msg.ops) queue.push(op);
      if (!scheduled) {
        scheduled = true;
        if (init.commitWindowMs > 0) setTimeout(flush, init.commitWindowMs);
        else setImmediate(flush);
      }
    } else if (msg.type === 'close') {
      flush();
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
