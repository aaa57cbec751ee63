/**
 * The path of one receipt: capture hands its bytes over, the store commits them (which is the
 * till's ack), the pool interprets them, the store saves the text, and the live feed announces
 * it. Also reading receipts again (reinterpret, resumed pending ones at start) and building a
 * receipt's document the first time it is opened.
 */
import type { ListenerSettings, ReceiptDetail, ReceiptSummary, Reinterpreted } from '../../shared';
import { DeskFailure } from '../../shared';
import { type CaptureSink, type Segment, type SegmentMeta, describeStatusReply } from '../capture';
import { INTERPRETER_VERSION } from '../escpos';
import { type ReceiptFeed, withPreview } from '../events';
import type { IdleCollector } from '../memory';
import { RateCounter } from '../metrics';
import type { InterpretPool, InterpretResult, StationProfile } from '../pool';
import { extractFigures, type SalesProfile } from '../sales';
import { type InterpretationRow, type Store, inflateDocument } from '../store';

export interface ReceiptPathOptions {
  /** The store once open (capture only runs after it has opened). */
  store: () => Store;
  pool: InterpretPool;
  feed: ReceiptFeed;
  /** The printer ports in force, which say how each station's bytes read. */
  listeners: () => ListenerSettings[];
  /** How a station's receipts are read for sales figures (its profile, the currency). */
  salesProfile: (station: string) => SalesProfile;
  /** Receipts whose text was just saved (their sales figures are read next, when quiet). */
  onTextSaved?: (ids: number[]) => void;
  idleCollector: IdleCollector;
  now: () => number;
  log: (message: string) => void;
  /** A receipt was committed (health clears a past write failure; the relay has work). */
  onStored: () => void;
  /** Where the relay sends a station's receipts: queued in the receipt's own commit. */
  outboxFor?: (station: string) => string[];
}

export class ReceiptPath {
  private readonly rate: RateCounter;
  /** Receipt meta kept from commit until interpretation, to announce without re-reading. */
  private readonly inFlight = new Map<number, ReceiptSummary>();
  private reinterpreting = false;

  constructor(private readonly o: ReceiptPathOptions) {
    this.rate = new RateCounter(o.now);
  }

  /** Where capture hands connections and receipts. */
  sink(): CaptureSink {
    const writer = () => this.o.store().writer;
    return {
      openConnection: (c) => writer().openConnection(c),
      closeConnection: (id, closedAt, bytes, reason) =>
        writer().closeConnection(id, closedAt, bytes, reason),
      storeSegment: (segment, meta) => this.storeSegment(segment, meta),
    };
  }

  /** Printed receipts in the last minute. */
  perMinute(): number {
    return this.rate.perMinute();
  }

  /** Interprets what a previous run stored but had not interpreted. */
  resumePending(): void {
    const queries = this.o.store().queries;
    let after = 0;
    for (;;) {
      const ids = queries.pending(after, 500);
      if (ids.length === 0) break;
      for (const r of queries.raw(ids)) {
        this.o.pool.submit({ id: r.id, raw: r.raw, profile: this.profileFor(r.station) });
      }
      after = ids[ids.length - 1];
    }
  }

  /**
   * Interprets again every printed receipt received in [from, to) from its stored bytes (after
   * the interpreter improved), one run at a time.
   */
  async reinterpret(range: { from: number; to: number }): Promise<Reinterpreted> {
    if (this.reinterpreting) {
      throw new DeskFailure(
        'BUSY',
        'Receipts are already being read again. Wait for that to finish, then try again.',
      );
    }
    this.reinterpreting = true;
    try {
      return await this.reinterpretRange(range);
    } finally {
      this.reinterpreting = false;
    }
  }

  /**
   * One receipt with its document model. The document is built from the stored bytes the first
   * time a receipt is opened (in the pool, off the main thread) and cached in the file.
   */
  async open(id: number): Promise<ReceiptDetail> {
    const store = this.o.store();
    const stored = store.queries.get(id);
    if (!stored) throw new DeskFailure('NOT_FOUND', `There is no receipt number ${id}.`);
    // Status replies are put in words here, so their names improve without migrations.
    const r = { ...stored, statusReplies: stored.statusReplies.map(describeStatusReply) };
    // Figures not read yet (the pool reads them when quiet): read here for the one on screen.
    if (!r.figures && r.status === 'ok' && r.text !== null) {
      r.figures = extractFigures(
        { text: r.text, drawerKicks: r.drawerKicks },
        this.o.salesProfile(r.station),
      );
    }
    if (r.document || r.status === 'pending') return r;
    const raw = Buffer.from(r.rawBase64, 'base64');
    try {
      const profile = this.profileFor(r.station);
      const result = await this.o.pool.interpretOne({ id, raw, profile });
      if (!result.ok || !result.document) return r;
      store.writer.cacheDocument(id, INTERPRETER_VERSION, result.document);
      return { ...r, document: inflateDocument(result.document) };
    } catch {
      // Too slow or the worker failed: the receipt is still shown, with its text and bytes.
      return r;
    }
  }

  /** The pool's results: texts saved, then the receipts announced in commit order. */
  saveResults(results: InterpretResult[]): void {
    const at = this.o.now();
    const rows: InterpretationRow[] = results.map((r) => ({
      id: r.id,
      status: r.ok ? 'ok' : 'failed',
      error: r.error,
      text: r.text,
      warnings: r.warnings,
      dialect: r.dialect,
      drawerKicks: r.drawerKicks,
      cuts: r.cuts,
      interpreterVersion: INTERPRETER_VERSION,
      interpretedAt: at,
    }));
    // Previews now, so that waiting for the commit keeps no whole text (a till may print 16 MiB).
    const summaries: ReceiptSummary[] = [];
    for (const r of results) {
      const base = this.inFlight.get(r.id);
      if (!base) continue;
      this.inFlight.delete(r.id);
      summaries.push(
        withPreview({
          ...base,
          status: r.ok ? 'ok' : 'failed',
          error: r.error,
          text: r.text,
          textBytes: r.textBytes,
          warnings: r.warnings,
          dialect: r.dialect,
          drawerKicks: r.drawerKicks,
        }),
      );
    }
    // Quiet counts from the last interpretation: the pool holds the receipts' bytes until then.
    for (const r of results) this.o.idleCollector.note(r.textBytes ?? 0);
    const read = results.filter((r) => r.ok && !r.empty).map((r) => r.id);
    const announce = (): void => {
      this.o.feed.complete(summaries);
      if (read.length > 0) this.o.onTextSaved?.(read);
    };
    this.o
      .store()
      .writer.saveInterpretations(rows)
      .then(announce, (err: Error) => {
        // Refused only when the service stops with the disk full, which the store reports
        // itself: the receipts stay pending and are read again at the next start.
        if ((err as DeskFailure).code !== 'DISK_FULL') {
          this.o.log(`Could not save interpretations: ${err.message}`);
        }
        announce();
      });
  }

  private async storeSegment(segment: Segment, meta: SegmentMeta): Promise<void> {
    const writer = this.o.store().writer;
    this.o.idleCollector.note(segment.bytes.length + segment.droppedBytes);
    if (segment.empty && writer.diskFull) {
      // Status polls of a till keeping its connection: answered ("out of paper"), nothing to
      // keep but the polls. Refusing would reset the connection a printer would keep open.
      writer.skipEmptyWhileFull();
      return;
    }
    const id = await writer.appendReceipt({
      ...meta,
      bytes: segment.bytes,
      droppedBytes: segment.droppedBytes,
      truncated: segment.truncated,
      empty: segment.empty,
      endedBy: segment.endedBy,
      statusReplies: segment.statusReplies,
      statusRepliesNotKept: segment.statusRepliesNotKept,
      outbox: segment.empty ? undefined : this.o.outboxFor?.(meta.station),
    });
    this.o.onStored();
    if (!segment.empty) this.rate.add();
    this.o.feed.expect(id, !segment.empty);
    this.inFlight.set(id, {
      id,
      receivedAt: meta.receivedAt,
      peer: meta.peer,
      station: meta.station,
      connectionId: meta.connectionId,
      seq: meta.seq,
      status: 'pending',
      byteCount: segment.bytes.length,
      truncated: segment.truncated,
      endedBy: segment.endedBy,
      error: null,
      text: null,
      textCut: false,
      textBytes: null,
      warnings: 0,
      dialect: null,
      drawerKicks: 0,
    });
    const profile = this.profileFor(meta.station);
    // The connection may have told its dialect by commands earlier than this receipt's.
    if (segment.dialect) profile.dialect = segment.dialect;
    this.o.pool.submit({ id, raw: segment.bytes, profile });
  }

  private async reinterpretRange({
    from,
    to,
  }: {
    from: number;
    to: number;
  }): Promise<Reinterpreted> {
    const store = this.o.store();
    let after = 0;
    let count = 0;
    for (;;) {
      const ids = store.queries.idsInRange(from, to, after, 256);
      if (ids.length === 0) break;
      for (const r of store.queries.raw(ids)) {
        this.o.pool.submit({ id: r.id, raw: r.raw, profile: this.profileFor(r.station) });
      }
      count += ids.length;
      after = ids[ids.length - 1];
      await this.o.pool.idle();
    }
    await store.writer.barrier();
    return { receipts: count };
  }

  /** How the station's printer is set up (the first listener with that label decides). */
  private profileFor(station: string): StationProfile {
    const listeners = this.o.listeners();
    const l = listeners.find((x) => x.station === station) ?? listeners[0];
    return {
      dialect: l.dialect,
      columns: l.columns,
      multibyte: l.multibyte,
      kanjiAtStart: l.kanjiAtStart,
    };
  }
}
