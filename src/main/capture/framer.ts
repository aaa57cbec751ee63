/**
 * Splits the byte stream of one connection into receipts, as it arrives.
 *
 * It walks the ESC/POS command grammar (so a cut byte pattern inside image data is not taken for
 * a cut), answers status requests the moment they are complete, and ends a receipt after each
 * paper cut. Every byte lands in some segment: nothing is thrown away except what exceeds
 * maxReceiptBytes, which is counted. A segment that printed nothing is flagged empty.
 */
import type { Dialect, ReceiptEnd } from '../../shared';
import {
  Kind,
  MAX_LOOKAHEAD,
  NEED_MORE,
  type StarMode,
  detectDialect,
  measure,
  measureStar,
  newStarMode,
} from '../escpos';
import { StatusLog, type StatusReplyRecord } from './status-log';
import type { StatusReplier } from './status-replies';

export interface Segment {
  bytes: Buffer;
  truncated: boolean;
  /** Bytes past maxReceiptBytes that were counted and not kept. */
  droppedBytes: number;
  /** Nothing printed: only init, settings, feeds, status requests, drawer kicks. */
  empty: boolean;
  endedBy: ReceiptEnd;
  /** The connection's printer language as far as it is known (null: nothing decided it yet). */
  dialect: Dialect | null;
  /** Status requests answered while this receipt's bytes arrived (bounded, see status-log). */
  statusReplies: StatusReplyRecord[];
  /** Answered requests past the bound: counted, not kept. */
  statusRepliesNotKept: number;
}

export interface FramerOptions {
  maxReceiptBytes: number;
  replier: StatusReplier;
  /** 'auto': ESC/POS until the connection's commands show it is Star (ESC d n cuts on Star). */
  dialect?: Dialect | 'auto';
  onReply: (bytes: Buffer) => void;
  onSegment: (segment: Segment) => void;
}

/** Star status requests Epson printers would ignore: ENQ, EOT, ETB, ESC ACK. */
function maybeStarStatus(buf: Buffer, i: number): boolean {
  const b = buf[i];
  return b === 0x05 || b === 0x04 || b === 0x17 || (b === 0x1b && buf[i + 1] === 0x06);
}

/** A split command shorter than this waits for its remaining bytes rather than being skipped. */
const WAIT_FOR_WHOLE = 64;
/** How far into a connection its dialect is looked for; past it, undecided stays ESC/POS. */
const DETECT_LIMIT = 64 * 1024;

export class ReceiptFramer {
  private parts: Buffer[] = [];
  private kept = 0;
  private dropped = 0;
  private printed = false;
  /** Payload bytes of a long command still to arrive (already stored, nothing to parse). */
  private skip = 0;
  /** Start of a command whose length needs more bytes; already stored in the segment. */
  private carry: Buffer | null = null;
  private dialect: Dialect | null = null;
  /** Star's raster mode changes how later bytes read; null while walking ESC/POS. */
  private star: StarMode | null = null;
  private examined = 0;
  private readonly statusLog = new StatusLog();

  constructor(private readonly options: FramerOptions) {
    const d = options.dialect ?? 'auto';
    if (d !== 'auto') this.setDialect(d);
  }

  private setDialect(d: Dialect): void {
    this.dialect = d;
    this.star = d === 'escpos' ? null : newStarMode();
  }

  /** Bytes held for the receipt in progress. */
  get pendingBytes(): number {
    return this.kept + this.dropped;
  }

  push(chunk: Buffer): void {
    let buf = chunk;
    let stored = 0; // buf[0..stored) is already part of the segment
    if (this.carry) {
      stored = this.carry.length;
      buf = Buffer.concat([this.carry, chunk]);
      this.carry = null;
    }
    let i = 0;
    if (this.skip > 0) {
      const n = Math.min(this.skip, buf.length);
      this.skip -= n;
      i = n;
    }
    const end = buf.length;
    if (this.dialect === null && this.examined < DETECT_LIMIT && i < end) {
      // At a command boundary here, so the detector reads commands, not the middle of an image.
      this.examined += end - i;
      const found = detectDialect(buf, i, end);
      if (found) this.setDialect(found);
    }
    const star = this.star;
    while (i < end) {
      const b = buf[i];
      if (b >= 0x20 && !star?.raster) {
        if (b !== 0x20) this.printed = true;
        i++;
        continue;
      }
      let m = star ? measureStar(buf, i, end, star) : measure(buf, i, end);
      if (!star && this.dialect === null) {
        if (
          b === 0x1b &&
          end - i <= WAIT_FOR_WHOLE &&
          measureStar(buf, i, end).length === NEED_MORE
        ) {
          // Undecided, and the command is not whole in Star's grammar: wait for the rest, so the
          // detector sees it whole, as it would had TCP not split it here.
          this.carry = Buffer.from(buf.subarray(i));
          break;
        }
        if (m.kind !== Kind.Status && maybeStarStatus(buf, i)) {
          // A Star POS polls (ENQ, EOT, ESC ACK SOH) before it sends anything that shows it is
          // Star; left unanswered it reports the printer offline. No Epson request uses these.
          const s = measureStar(buf, i, end);
          if (s.kind === Kind.Status) m = s;
        }
      }
      if (m.length === NEED_MORE) {
        if (end - i > MAX_LOOKAHEAD) {
          i++; // a command that never completes: step over its prefix and resynchronise
          continue;
        }
        this.carry = Buffer.from(buf.subarray(i));
        break;
      }
      const length = m.length;
      const kind = m.kind;
      if (length > end - i) {
        if (length <= WAIT_FOR_WHOLE) {
          this.carry = Buffer.from(buf.subarray(i));
        } else {
          if (kind === Kind.Print) this.printed = true;
          this.skip = length - (end - i);
        }
        break;
      }
      if (kind === Kind.Status) {
        const reply = this.options.replier.reply(buf, i, length);
        if (reply.length > 0) {
          this.options.onReply(reply);
          // buf[stored..i) is not yet counted in the segment. A request cut in two by an idle
          // flush (its start went with the previous receipt) is placed at this one's start.
          const offset = Math.max(0, this.kept + this.dropped + i - stored);
          this.statusLog.add(offset, buf.subarray(i, i + length), reply);
        }
      } else if (kind === Kind.Print) {
        this.printed = true;
      }
      i += length;
      if (kind === Kind.Cut) {
        this.keep(buf, stored, i);
        stored = i;
        this.emit('cut');
      }
    }
    this.keep(buf, stored, end);
  }

  /** Ends the receipt in progress (peer FIN, idle timeout, shutdown). Parse state carries on. */
  flush(endedBy: ReceiptEnd): void {
    if (this.kept > 0 || this.dropped > 0) this.emit(endedBy);
  }

  private keep(buf: Buffer, from: number, to: number): void {
    const n = to - from;
    if (n <= 0) return;
    const room = this.options.maxReceiptBytes - this.kept;
    if (n <= room) {
      this.parts.push(buf.subarray(from, to));
      this.kept += n;
    } else {
      if (room > 0) this.parts.push(buf.subarray(from, from + room));
      this.kept += Math.max(room, 0);
      this.dropped += n - Math.max(room, 0);
    }
  }

  private emit(endedBy: ReceiptEnd): void {
    // An exact-size buffer of its own: the receipt is sent to the writer and pool threads, and
    // a view into a shared slab would carry the whole slab across each time.
    const bytes = Buffer.allocUnsafeSlow(this.kept);
    let at = 0;
    for (const part of this.parts) at += part.copy(bytes, at);
    const status = this.statusLog.take();
    const segment: Segment = {
      bytes,
      truncated: this.dropped > 0,
      droppedBytes: this.dropped,
      empty: !this.printed,
      endedBy,
      dialect: this.dialect,
      statusReplies: status.records,
      statusRepliesNotKept: status.notKept,
    };
    this.parts = [];
    this.kept = 0;
    this.dropped = 0;
    this.printed = false;
    this.options.onSegment(segment);
  }
}
