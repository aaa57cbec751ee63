/**
 * Telling a printer's replies apart in the bytes it sends back: which are DLE EOT replies (by
 * their fixed bits, as Epson's ESC/POS reference defines them), which are automatic status or
 * replies to other requests, and how many replies a job draws by itself, so that the reply to a
 * request sent after the job can be known for ours (printer-link.ts).
 */

export const DLE = 0x10;
export const EOT = 0x04;

/** Whether a byte can be a DLE EOT reply: the fixed bits (1 and 4 on, 0 and 7 off) hold. */
export function isStatusReply(b: number): boolean {
  return (b & 0x93) === 0x12;
}

/** GS I n with a one-byte answer (model, type, ROM version ID): a byte of any value. */
const ONE_BYTE_ID = new Set([1, 2, 3, 49, 50, 51]);
/** DLE EOT n that answer: 1-4 on every model; 7, 8, 18 (ink, peeler, interface) on some. */
const DLE_EOT_N = new Set([1, 2, 3, 4, 7, 8, 18]);

/** What a job draws from the printer by itself (see repliesDrawnBy). */
export interface JobReplies {
  /** Replies that can read as DLE EOT replies, at most. */
  atMost: number;
  /** Every one of them is a DLE EOT 1-4, answered in order before any request after the job. */
  inOrder: boolean;
  /** Replies of other kinds may come too (GS r, ESC v, ESC u, GS I, GS ( H, DLE EOT 7, 8, 18). */
  others: boolean;
}

/**
 * The replies a job draws from the printer by itself. `atMost` counts each DLE EOT in it (also
 * inside image data, where the printer answers it too) and each GS I asking for a one-byte ID
 * (whose byte may have a DLE EOT reply's fixed bits): counting one the printer does not answer
 * only makes the proof after the job wait for more of our replies, while missing one could take
 * the job's reply for ours. `inOrder`: every candidate is a DLE EOT 1-4, which every model
 * answers the moment it reads it, so the replies after `atMost` are exactly ours.
 */
export function repliesDrawnBy(job: Uint8Array): JobReplies {
  let atMost = 0;
  let inOrder = true;
  let others = false;
  for (let i = 0; i + 1 < job.length; i++) {
    const [a, b, n] = [job[i], job[i + 1], job[i + 2]];
    if (a === DLE && b === EOT && DLE_EOT_N.has(n)) {
      atMost++;
      if (n > 4) inOrder = false;
      if (n > 4) others = true;
    } else if (a === 0x1d && b === 0x49) {
      others = true;
      if (ONE_BYTE_ID.has(n)) {
        atMost++;
        inOrder = false;
      }
    } else if (
      (a === 0x1d && b === 0x72) || // GS r
      (a === 0x1b && (b === 0x76 || b === 0x75)) || // ESC v, ESC u
      (a === 0x1d && b === 0x28 && n === 0x48) // GS ( H
    ) {
      others = true;
    }
  }
  return { atMost, inOrder, others };
}

/**
 * Picks the DLE EOT replies out of what a printer sends back, in order. No other reply reads as
 * one: automatic status (GS a; 4 bytes) has bit 1 off in its first byte and bit 4 off in the
 * others, and paper sensor replies (GS r, ESC v) have bit 4 off, where a DLE EOT reply has both
 * on. Two replies carry bytes of any value and are skipped whole: GS I text ("_" ... NUL) and
 * the GS ( H process ID ("7" '"' d1..d4 NUL); neither first byte can be a status reply (bit 0
 * is on). `other` counts what is neither a DLE EOT reply nor automatic status: replies to other
 * requests, or bytes that are not a printer's at all.
 */
export class StatusReplyReader {
  /** Bytes of an automatic status still to come. */
  private asbLeft = 0;
  private inText = false;
  /** Automatic status blocks begun. */
  asb = 0;
  other = 0;

  /** The DLE EOT replies in `chunk`. */
  push(chunk: Uint8Array): number[] {
    const replies: number[] = [];
    for (const b of chunk) {
      if (this.inText) {
        if (b === 0x00) this.inText = false;
        continue;
      }
      if (this.asbLeft > 0) {
        this.asbLeft--;
        if ((b & 0x90) === 0) continue;
        this.asbLeft = 0; // not automatic status after all: read the byte afresh
      }
      if (isStatusReply(b)) replies.push(b);
      else if ((b & 0x93) === 0x10) {
        this.asbLeft = 3;
        this.asb++;
      } else {
        this.other++;
        if (b === 0x5f || b === 0x37) this.inText = true;
      }
    }
    return replies;
  }
}
