/**
 * Writer thread entry (built as its own file: store-writer.js next to the service entry).
 * Owns the only read-write connection. Ops arrive by message; everything that arrived while the
 * previous commit ran is committed together in the next one (group commit without a timer).
 *
 * A full disk is a state, not a failure: the thread says so (the printer ports then answer "out
 * of paper"), keeps the refused batch and tries it again every FULL_RETRY_MS. Receipts in it
 * wait up to RECEIPT_GRACE_MS, so a brief full moment loses nothing and their tills are only
 * acknowledged late; after that they are refused (nothing was acknowledged, so the till's resend
 * is no duplicate). Connection rows and interpretations are kept until they are in the file.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { type DeskErrorCode, DeskFailure } from '../../shared';
import { IDLE_COLLECT, IdleCollector } from '../memory';
import { BatchWriter } from './batch-writer';
import { freeBytes } from './free-space';
import { openDatabase } from './open';
import { Totals } from './totals';
import { ROOM_BYTES, type WriteFailure, errorText, writeFailure } from './write-failure';
import { WriteQueue } from './write-queue';
import type { FromWriter, ToWriter, WriteOp, WriterInit } from './writer-protocol';

/** How long a receipt waits for room on a full disk before its till is told it failed. */
const RECEIPT_GRACE_MS = 3_000;
/** While the disk is full, the kept writes are tried again this often. */
const FULL_RETRY_MS = 500;

const port = parentPort!;
const init = workerData as WriterInit;
const send = (msg: FromWriter): void => port.postMessage(msg);

function start(): void {
  let db: ReturnType<typeof openDatabase>;
  try {
    db = openDatabase({ dataDir: init.dataDir, nativeBinding: init.nativeBinding });
  } catch (err) {
    if (err instanceof DeskFailure) {
      send({ type: 'fatal', code: err.code, message: err.message });
      return;
    }
    // Opened, but setting it up (WAL, migrations) failed: on a full disk, say so.
    const f = writeFailure(err, init.dataDir);
    if (f.full) {
      const message = `Could not open the receipts file: the disk is full (${f.cause}). Free some space on it and start Receipt Desk again.`;
      send({ type: 'fatal', code: 'DISK_FULL', message });
    } else {
      // errorText carries SQLite's own code (SQLITE_CANTOPEN: …) into the sentence.
      send({ type: 'fatal', code: 'DB_OPEN_FAILED', message: errorText(err) });
    }
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

  const queue = new WriteQueue();
  let scheduled = false;
  /** Set while the disk is full: the failure that said so. */
  let full: WriteFailure | null = null;
  let retryTimer: NodeJS.Timeout | null = null;
  /** Set while only lazy ops wait: when they are due. */
  let lazyTimer: NodeJS.Timeout | null = null;
  let closing = false;

  const refuse = (ops: WriteOp[], failure: WriteFailure): void => {
    const tags = ops.flatMap((op) => ('tag' in op ? [op.tag] : []));
    send({ type: 'failed', tags, code: failure.code, message: failure.message });
  };

  /** Commits one batch. Returns null once it is in the file, else why not. */
  const commit = (ops: WriteOp[]): WriteFailure | null => {
    const started = performance.now();
    try {
      const results = writer.apply(ops);
      queue.committed(ops);
      send({
        type: 'committed',
        results,
        totals: totals.snapshot(),
        batch: ops.length,
        ms: performance.now() - started,
      });
      return null;
    } catch (err) {
      const failure = writeFailure(err, init.dataDir);
      if (failure.full && !closing) {
        queue.putBack(ops, performance.now() + RECEIPT_GRACE_MS);
        becomeFull(failure);
      } else refuse(ops, failure);
      return failure;
    }
  };

  const becomeFull = (failure: WriteFailure): void => {
    if (!full) send({ type: 'disk', state: 'full', code: failure.code, message: failure.message });
    full = failure;
    retryLater();
  };

  const retryLater = (): void => {
    if (!retryTimer && !closing) retryTimer = setTimeout(retry, FULL_RETRY_MS);
  };

  /** While full: refuse what waited too long, try the next batch, and see if there is room. */
  const retry = (): void => {
    retryTimer = null;
    if (!full || closing) return;
    const now = performance.now();
    const expired = queue.expire(now);
    if (expired.length > 0) refuse(expired, full);
    const ops = queue.take(now);
    if (ops.length > 0 && commit(ops)?.full) return; // still full: retries later
    const free = freeBytes(init.dataDir);
    if (free !== null && free < ROOM_BYTES) {
      retryLater();
      return;
    }
    full = null;
    queue.release();
    send({
      type: 'disk',
      state: 'ok',
      message: 'The disk has room again: receipts are kept again.',
    });
    schedule();
  };

  const flush = (): void => {
    scheduled = false;
    if (full || closing) return;
    const ops = queue.take(performance.now());
    if (ops.length > 0) commit(ops);
    if (!full) schedule();
  };

  const schedule = (): void => {
    if (scheduled || full) return;
    const due = queue.dueIn(performance.now());
    if (due === null) return;
    if (due > 0) {
      // Only lazy marks wait: back when they are due, unless other work takes them first.
      lazyTimer ??= setTimeout(() => {
        lazyTimer = null;
        schedule();
      }, due);
      return;
    }
    scheduled = true;
    if (init.commitWindowMs > 0) setTimeout(flush, init.commitWindowMs);
    else setImmediate(flush);
  };

  // The receipts' bytes arrive here as copies; collected once the thread is quiet.
  const idleCollector = new IdleCollector(IDLE_COLLECT);

  /** Commits what it can, closes the file even when the disk refuses, and says what failed. */
  const close = (): void => {
    closing = true;
    idleCollector.stop();
    if (retryTimer) clearTimeout(retryTimer);
    retryTimer = null;
    if (lazyTimer) clearTimeout(lazyTimer);
    lazyTimer = null;
    let problem: { code: DeskErrorCode; message: string } | undefined;
    const ops = queue.drain();
    // One last try; what the disk still refuses is refused now. Receipts left pending for want
    // of their interpretation are interpreted again at the next start.
    const failed = ops.length > 0 ? commit(ops) : null;
    if (failed?.full) {
      problem = {
        code: failed.code,
        message: `Stopped with the disk full (${failed.cause}): ${ops.length} writes could not be saved. Every receipt acknowledged to a till is kept; receipts still without their text are read again at the next start.`,
      };
    } else if (failed) {
      problem = { code: failed.code, message: `While closing: ${failed.message}` };
    }
    try {
      db.pragma('wal_checkpoint(TRUNCATE)');
    } catch (err) {
      // Nothing is lost: SQLite reads the write-ahead log again when the file next opens.
      const f = writeFailure(err, init.dataDir);
      problem ??= {
        code: f.code,
        message: `The receipts file was closed without folding in its write-ahead log (${f.cause}); every committed receipt is kept and the log is read at the next start.`,
      };
    }
    try {
      db.close();
    } catch (err) {
      const f = writeFailure(err, init.dataDir);
      problem ??= { code: f.code, message: `Closing the receipts file: ${f.cause}.` };
    }
    send({ type: 'closed', problem });
    port.close();
  };

  port.on('message', (msg: ToWriter) => {
    if (msg.type === 'ops') {
      const now = performance.now();
      for (const op of msg.ops) {
        if (op.kind === 'receipt') idleCollector.note(op.r.bytes.length);
        else if (op.kind === 'interpretations') {
          for (const row of op.rows) idleCollector.note(row.text?.length ?? 0);
        }
        queue.push(op, now);
      }
      // While full, new ops wait for the retry timer, receipts for RECEIPT_GRACE_MS at most.
      if (full) queue.hold(now + RECEIPT_GRACE_MS);
      else schedule();
    } else if (msg.type === 'close') {
      close();
    }
  });

  send({ type: 'ready', maxConnectionId: max.c, maxReceiptId: max.r, totals: totals.snapshot() });
}

start();
