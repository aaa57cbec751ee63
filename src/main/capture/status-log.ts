/**
 * The status requests the printer answered while one receipt's bytes arrived, kept with the
 * receipt so the manager can see what the till asked and what it was told.
 *
 * A request belongs to the receipt whose bytes contain it: the framer starts the next receipt
 * right after a cut, so a till that asks DLE EOT before each job finds the question at the start
 * of that job's receipt. A poll followed by nothing printed stays with an unlisted empty receipt.
 *
 * Bounded: a till that polls all day on one open connection (ASB, DLE EOT every second) must not
 * grow a receipt's record without end, so only the first STATUS_REPLIES_KEPT are kept and the
 * rest are counted.
 */

/** Answered requests kept per receipt; the rest are only counted. */
export const STATUS_REPLIES_KEPT = 64;
/** Every status request is shorter (GS ( H is the longest at 11 bytes). */
const REQUEST_BYTES_KEPT = 16;
/** Identification replies (GS I) are short strings; longer ones are shortened to this. */
const REPLY_BYTES_KEPT = 64;

/** One answered request; bytes as lower-case hex (small, and clones cheaply across threads). */
export interface StatusReplyRecord {
  /** Where the request starts in the receipt's byte stream. */
  offset: number;
  request: string;
  reply: string;
}

export interface StatusRecords {
  records: StatusReplyRecord[];
  /** Answered requests past STATUS_REPLIES_KEPT: counted, not kept. */
  notKept: number;
}

export class StatusLog {
  private records: StatusReplyRecord[] = [];
  private notKept = 0;

  add(offset: number, request: Buffer, reply: Buffer): void {
    if (this.records.length >= STATUS_REPLIES_KEPT) {
      this.notKept++;
      return;
    }
    this.records.push({
      offset,
      // Strings, not Buffer views: a view would carry its whole socket chunk to the writer.
      request: request.subarray(0, REQUEST_BYTES_KEPT).toString('hex'),
      reply: reply.subarray(0, REPLY_BYTES_KEPT).toString('hex'),
    });
  }

  /** What was recorded for the receipt that just ended; starts over for the next one. */
  take(): StatusRecords {
    const taken = { records: this.records, notKept: this.notKept };
    this.records = [];
    this.notKept = 0;
    return taken;
  }
}
