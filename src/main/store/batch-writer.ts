/**
 * Applies a batch of writes in one transaction: group commit, so synchronous=FULL durability
 * costs one fsync per batch instead of one per receipt. Runs in the writer thread only.
 */
import type Database from 'better-sqlite3';
import { FiguresWriter } from './figures-writer';
import { applyRetention } from './retention';
import type { Totals } from './totals';
import type { WriteOp } from './writer-protocol';

/** One receipt's new text for the search index: what it held before, and what it holds now. */
interface SearchChange {
  id: number;
  old: string | null;
  text: string | null;
}

export class BatchWriter {
  private readonly insertConnection: Database.Statement;
  private readonly updateConnection: Database.Statement;
  private readonly insertReceipt: Database.Statement;
  private readonly insertRaw: Database.Statement;
  private readonly insertStatusReplies: Database.Statement;
  private readonly updateInterpretation: Database.Statement;
  private readonly upsertDocument: Database.Statement;
  private readonly deleteDocument: Database.Statement;
  private readonly figures: FiguresWriter;
  private readonly insertOutbox: Database.Statement;
  private readonly updateOutbox: Database.Statement;
  private readonly pruneOutbox: Database.Statement;
  private readonly selectText: Database.Statement;
  private readonly unindexText: Database.Statement;
  private readonly indexText: Database.Statement;

  constructor(
    private readonly db: Database.Database,
    private readonly totals: Totals,
  ) {
    this.insertConnection = db.prepare(
      `INSERT INTO connections (id, peer, peer_port, station, listener_port, opened_at)
       VALUES (?, ?, ?, ?, ?, ?)`,
    );
    this.updateConnection = db.prepare(
      'UPDATE connections SET closed_at = ?, bytes = ?, close_reason = ? WHERE id = ?',
    );
    this.insertReceipt = db.prepare(
      `INSERT INTO receipts (connection_id, seq, station, peer, started_at, received_at, byte_count,
         dropped_bytes, truncated, empty, ended_by)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.insertRaw = db.prepare('INSERT INTO receipt_raw (receipt_id, raw) VALUES (?, ?)');
    this.insertStatusReplies = db.prepare(
      'INSERT INTO receipt_status_replies (receipt_id, replies, not_kept) VALUES (?, ?, ?)',
    );
    this.updateInterpretation = db.prepare(
      `UPDATE receipts SET status = ?, error = ?, text = ?, warnings = ?, dialect = ?,
         drawer_kicks = ?, cuts = ?, interpreter_version = ?, interpreted_at = ? WHERE id = ?`,
    );
    this.upsertDocument = db.prepare(
      `INSERT OR REPLACE INTO receipt_documents (receipt_id, document)
       SELECT id, ? FROM receipts WHERE id = ? AND interpreter_version = ?`,
    );
    this.deleteDocument = db.prepare('DELETE FROM receipt_documents WHERE receipt_id = ?');
    this.figures = new FiguresWriter(db);
    this.insertOutbox = db.prepare(
      'INSERT INTO outbox (destination, receipt_id, queued_at) VALUES (?, ?, ?)',
    );
    this.updateOutbox = db.prepare(
      `UPDATE outbox SET state = @state, attempts = @attempts, last_error = @error,
         done_at = CASE WHEN @state IN ('queued', 'sending') THEN NULL ELSE @at END
       WHERE id = @id`,
    );
    this.pruneOutbox = db.prepare("DELETE FROM outbox WHERE state = 'delivered' AND done_at < ?");
    this.selectText = db.prepare('SELECT text FROM receipts WHERE id = ?').pluck();
    this.unindexText = db.prepare(
      "INSERT INTO receipts_fts (receipts_fts, rowid, text) VALUES ('delete', ?, ?)",
    );
    this.indexText = db.prepare('INSERT INTO receipts_fts (rowid, text) VALUES (?, ?)');
  }

  /**
   * Brings the search index up to date with the texts changed so far in this transaction, in
   * the order they changed. Done once, at the end of the transaction (and before retention
   * deletes receipts, whose trigger removes their indexed text): FTS5 writes its pending terms
   * to disk at every savepoint, and a statement that fires a trigger or writes a second table
   * (the outbox's AUTOINCREMENT) opens one, so indexing each text as it was saved made a segment
   * of every receipt (see migration 0070).
   */
  private writeSearchIndex(changes: SearchChange[]): void {
    for (const c of changes) {
      if (c.old !== null) this.unindexText.run(c.id, c.old);
      if (c.text !== null) this.indexText.run(c.id, c.text);
    }
    changes.length = 0;
  }

  /**
   * Runs every op in one transaction. Returns [tag, value] for tagged ops (a receipt's id, or
   * the rows retention removed). Throws if the transaction failed: nothing of it is committed.
   */
  apply(ops: WriteOp[]): [number, number][] {
    const results: [number, number][] = [];
    const searchChanges: SearchChange[] = [];
    let reload = false;
    const before = { ...this.totals.snapshot() };
    try {
      this.db.transaction(() => {
        for (const op of ops) {
          switch (op.kind) {
            case 'open': {
              const c = op.c;
              this.insertConnection.run(
                op.id,
                c.peer,
                c.peerPort,
                c.station,
                c.listenerPort,
                c.openedAt,
              );
              this.totals.connections++;
              break;
            }
            case 'close':
              this.updateConnection.run(op.closedAt, op.bytes, op.reason, op.id);
              break;
            case 'receipt': {
              const r = op.r;
              const id = Number(
                this.insertReceipt.run(
                  r.connectionId,
                  r.seq,
                  r.station,
                  r.peer,
                  r.startedAt,
                  r.receivedAt,
                  r.bytes.length,
                  r.droppedBytes,
                  r.truncated ? 1 : 0,
                  r.empty ? 1 : 0,
                  r.endedBy,
                ).lastInsertRowid,
              );
              this.insertRaw.run(id, r.bytes);
              if (!r.empty) {
                for (const d of r.outbox ?? []) this.insertOutbox.run(d, id, r.receivedAt);
              }
              const notKept = r.statusRepliesNotKept ?? 0;
              if ((r.statusReplies?.length ?? 0) > 0 || notKept > 0) {
                const replies = JSON.stringify(r.statusReplies ?? []);
                this.insertStatusReplies.run(id, replies, notKept);
              }
              if (!r.empty) this.totals.receipts++;
              this.totals.bytes += r.bytes.length + r.droppedBytes;
              results.push([op.tag, id]);
              break;
            }
            case 'interpretations':
              for (const row of op.rows) {
                const old = this.selectText.get(row.id) as string | null | undefined;
                const { changes } = this.updateInterpretation.run(
                  row.status,
                  row.error,
                  row.text,
                  row.warnings,
                  row.dialect,
                  row.drawerKicks,
                  row.cuts,
                  row.interpreterVersion,
                  row.interpretedAt,
                  row.id,
                );
                if (changes > 0)
                  searchChanges.push({ id: row.id, old: old ?? null, text: row.text });
                // A cached document belongs to the interpretation it came from.
                this.deleteDocument.run(row.id);
              }
              results.push([op.tag, op.rows.length]);
              break;
            case 'figures':
              for (const row of op.rows)
                this.figures.save(row.id, row.figures, row.extractorVersion);
              results.push([op.tag, op.rows.length]);
              break;
            case 'reread-figures':
              results.push([op.tag, this.figures.reread(op.station, op.from, op.to)]);
              break;
            case 'document':
              this.upsertDocument.run(op.document, op.id, op.interpreterVersion);
              break;
            case 'retention': {
              this.writeSearchIndex(searchChanges);
              const removed = applyRetention(this.db, op.retentionDays, op.now);
              if (removed > 0) reload = true;
              results.push([op.tag, removed]);
              break;
            }
            case 'barrier':
              results.push([op.tag, 0]);
              break;
            case 'outbox':
              for (const u of op.rows) this.updateOutbox.run(u);
              results.push([op.tag, op.rows.length]);
              break;
            case 'outbox-prune':
              results.push([op.tag, this.pruneOutbox.run(op.before).changes]);
              break;
          }
        }
        this.writeSearchIndex(searchChanges);
      })();
    } catch (err) {
      this.totals.restore(before);
      throw err;
    }
    if (reload) this.totals.reload();
    return results;
  }
}
