/**
 * Read side of the relay's outbox: what a destination sends next, the receipts' payloads, and
 * the gauges. Runs on the main thread's read-only connection; every query is an index seek or
 * a short range, so the relay never holds the printer ports up.
 */
import type Database from 'better-sqlite3';
import type { ReceiptStatus } from '../../shared';
import type { OutboxState } from './writer-protocol';

export interface QueuedRow {
  /** The outbox row (its order is the order of sending). */
  id: number;
  receiptId: number;
  attempts: number;
  queuedAt: number;
  station: string;
  receivedAt: number;
  status: ReceiptStatus;
  /** Sales figures are stored for the receipt (they are read a moment after its text). */
  hasFigures: boolean;
}

export interface ReceiptPayload {
  receiptId: number;
  station: string;
  receivedAt: number;
  drawerKicks: number;
  text: string | null;
  /** The figures as stored (JSON), or null. */
  figures: string | null;
  raw: Buffer | null;
}

export interface OutboxRow {
  id: number;
  destination: string;
  receiptId: number;
  station: string;
  receivedAt: number;
  state: OutboxState;
  attempts: number;
  queuedAt: number;
  doneAt: number | null;
  error: string | null;
}

export interface OutboxCounts {
  /** Rows still to send (a job being sent is not counted: its sender knows it). */
  backlog: number;
  /** When the oldest row still to send was queued, or null when none is. */
  oldestQueuedAt: number | null;
  dead: number;
  unconfirmed: number;
}

/** Seconds the oldest row still to send has waited (the gauges' "oldest"), or null. */
export function oldestAgeS(counts: OutboxCounts, now: number): number | null {
  if (counts.oldestQueuedAt === null) return null;
  return Math.max(0, Math.round((now - counts.oldestQueuedAt) / 1000));
}

/** A count this large is reused for a while (see counts()). */
const LARGE_COUNT = 10_000;

/**
 * The condition of the outbox_done index, said out loud: SQLite uses a partial index only when a
 * query names its condition (it cannot tell that state = 'dead' implies it). Without it the
 * gauges' count of dead and unconfirmed rows read every row of the destination each second,
 * 7-10 ms of the main thread with 100,000 rows queued (now 0.02 ms).
 */
const DONE_ROWS = "o.state NOT IN ('queued', 'sending')";

/** How many rows of a destination are in a done state (dead, unconfirmed or delivered). */
export const COUNT_IN_DONE_STATE = `SELECT count(*) AS n FROM outbox o
  WHERE ${DONE_ROWS} AND o.state = ? AND o.destination = ?`;

export class OutboxQueries {
  private readonly next: Database.Statement;
  private readonly backlog: Database.Statement;
  private readonly oldest: Database.Statement;
  private readonly inState: Database.Statement;
  private readonly inDoneState: Database.Statement;
  private readonly countInState: Database.Statement;
  private readonly ofReceipt: Database.Statement;
  private readonly payloadStatements = new Map<string, Database.Statement>();
  private install: string | null = null;
  private readonly counted = new Map<string, { n: number; until: number }>();

  constructor(private readonly db: Database.Database) {
    this.next = db.prepare(
      `SELECT o.id, o.receipt_id, o.attempts, o.queued_at, r.station, r.received_at, r.status,
         EXISTS (SELECT 1 FROM receipt_figures f WHERE f.receipt_id = o.receipt_id) AS has_figures
       FROM outbox o JOIN receipts r ON r.id = o.receipt_id
       WHERE o.destination = ? AND o.state = 'queued' AND o.id > ?
       ORDER BY o.id LIMIT ?`,
    );
    this.backlog = db.prepare(
      "SELECT count(*) AS n FROM outbox WHERE destination = ? AND state = 'queued'",
    );
    this.oldest = db.prepare(
      `SELECT queued_at FROM outbox WHERE destination = ? AND state = 'queued'
       ORDER BY id LIMIT 1`,
    );
    const inState = (where: string) =>
      db.prepare(
        `SELECT o.id, o.destination, o.receipt_id, o.state, o.attempts, o.queued_at, o.done_at,
           o.last_error, r.station, r.received_at
         FROM outbox o JOIN receipts r ON r.id = o.receipt_id
         WHERE ${where}o.state = ? AND o.destination LIKE ? ORDER BY o.id DESC LIMIT ?`,
      );
    this.inState = inState('');
    this.inDoneState = inState(`${DONE_ROWS} AND `);
    this.countInState = db.prepare(COUNT_IN_DONE_STATE);
    this.ofReceipt = db.prepare(
      `SELECT o.id, o.destination, o.receipt_id, o.state, o.attempts, o.queued_at, o.done_at,
         o.last_error, r.station, r.received_at
       FROM outbox o JOIN receipts r ON r.id = o.receipt_id
       WHERE o.receipt_id = ? ORDER BY o.destination`,
    );
  }

  /** Made once per receipts file: the first part of its receipts' cloud ids. */
  installId(): string {
    this.install ??= (
      this.db.prepare("SELECT value FROM desk_meta WHERE key = 'install_id'").get() as {
        value: string;
      }
    ).value;
    return this.install;
  }

  /** Up to `limit` rows `destination` is still to send, after outbox row `afterId`, in order. */
  queued(destination: string, afterId: number, limit: number): QueuedRow[] {
    const rows = this.next.all(destination, afterId, limit) as {
      id: number;
      receipt_id: number;
      attempts: number;
      queued_at: number;
      station: string;
      received_at: number;
      status: ReceiptStatus;
      has_figures: number;
    }[];
    return rows.map((r) => ({
      id: r.id,
      receiptId: r.receipt_id,
      attempts: r.attempts,
      queuedAt: r.queued_at,
      station: r.station,
      receivedAt: r.received_at,
      status: r.status,
      hasFigures: r.has_figures === 1,
    }));
  }

  /** What a destination sends of these receipts; the bytes only when asked for. */
  payloads(receiptIds: number[], withRaw: boolean): Map<number, ReceiptPayload> {
    const out = new Map<number, ReceiptPayload>();
    if (receiptIds.length === 0) return out;
    const key = `${receiptIds.length}|${withRaw}`;
    let s = this.payloadStatements.get(key);
    if (!s) {
      s = this.db.prepare(
        `SELECT r.id, r.station, r.received_at, r.drawer_kicks, r.text, f.figures,
           ${withRaw ? '(SELECT raw FROM receipt_raw WHERE receipt_id = r.id)' : 'NULL'} AS raw
         FROM receipts r LEFT JOIN receipt_figures f ON f.receipt_id = r.id
         WHERE r.id IN (${receiptIds.map(() => '?').join(',')})`,
      );
      this.payloadStatements.set(key, s);
    }
    for (const r of s.all(...receiptIds) as {
      id: number;
      station: string;
      received_at: number;
      drawer_kicks: number;
      text: string | null;
      figures: string | null;
      raw: Buffer | null;
    }[]) {
      out.set(r.id, {
        receiptId: r.id,
        station: r.station,
        receivedAt: r.received_at,
        drawerKicks: r.drawer_kicks,
        text: r.text,
        figures: r.figures,
        raw: r.raw,
      });
    }
    return out;
  }

  /**
   * Backlog, age and the rows needing the manager, of one destination. The gauges ask every
   * second, and counting 100,000 rows takes milliseconds of the main thread, so a count of at
   * least LARGE_COUNT rows is reused for 10 s. A smaller one is counted every time: the manager
   * sees the first dead receipt, or the last of a backlog leave, at the next look. (Deciding by
   * the time a count took would freeze a small count on a loaded machine.)
   */
  counts(destination: string): OutboxCounts {
    const oldest = this.oldest.get(destination) as { queued_at: number } | undefined;
    return {
      backlog: this.count(`queued ${destination}`, this.backlog, destination),
      oldestQueuedAt: oldest?.queued_at ?? null,
      dead: this.count(`dead ${destination}`, this.countInState, 'dead', destination),
      unconfirmed: this.count(
        `unconfirmed ${destination}`,
        this.countInState,
        'unconfirmed',
        destination,
      ),
    };
  }

  private count(key: string, statement: Database.Statement, ...args: unknown[]): number {
    const kept = this.counted.get(key);
    if (kept && performance.now() < kept.until) return kept.n;
    const n = (statement.get(...args) as { n: number }).n;
    if (n >= LARGE_COUNT) this.counted.set(key, { n, until: performance.now() + 10_000 });
    else this.counted.delete(key);
    return n;
  }

  /**
   * Rows in `state` whose destination is `destination` (a LIKE pattern: "printer:%" for every
   * printer, "%" for all), newest first.
   */
  rowsInState(state: OutboxState, destination: string, limit: number): OutboxRow[] {
    const done = state !== 'queued' && state !== 'sending';
    const statement = done ? this.inDoneState : this.inState;
    return (statement.all(state, destination, limit) as RawRow[]).map(toRow);
  }

  /** Where one receipt stands with each destination. */
  receiptRows(receiptId: number): OutboxRow[] {
    return (this.ofReceipt.all(receiptId) as RawRow[]).map(toRow);
  }
}

interface RawRow {
  id: number;
  destination: string;
  receipt_id: number;
  state: OutboxState;
  attempts: number;
  queued_at: number;
  done_at: number | null;
  last_error: string | null;
  station: string;
  received_at: number;
}

function toRow(r: RawRow): OutboxRow {
  return {
    id: r.id,
    destination: r.destination,
    receiptId: r.receipt_id,
    station: r.station,
    receivedAt: r.received_at,
    state: r.state,
    attempts: r.attempts,
    queuedAt: r.queued_at,
    doneAt: r.done_at,
    error: r.last_error,
  };
}
