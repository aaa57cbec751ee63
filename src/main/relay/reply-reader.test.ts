/**
 * Telling a printer's replies apart: DLE EOT replies among automatic status, paper sensor, ID
 * and process ID replies, split anywhere; text from a device that is not a printer; and how many
 * replies a job draws by itself.
 */
import { describe, expect, it } from 'vitest';
import { repliesDrawnBy, StatusReplyReader } from './reply-reader';

describe('reading what a printer sends back', () => {
  it('picks DLE EOT replies out of other replies a printer sends', () => {
    const reader = new StatusReplyReader();
    const text = (s: string) => [0x5f, ...Buffer.from(s, 'latin1'), 0x00];
    const stream = [
      0x10,
      0x00,
      0x0f,
      0x00, // automatic status (GS a)
      0x0f, // GS r 1: paper out
      ...text('TM-T88V'), // GS I 67: "V" alone would read as a status byte
      0x37,
      0x22,
      0x31,
      0x32,
      0x33,
      0x34,
      0x00, // GS ( H process ID "1234" ("2" too)
      0x12,
      0x1a, // two DLE EOT replies
    ];
    // Byte by byte, as replies may arrive split anywhere.
    const found = stream.flatMap((b) => reader.push(Uint8Array.of(b)));
    expect(found).toEqual([0x12, 0x1a]);
    expect(reader.other).toBe(3); // GS r, GS I, GS ( H; automatic status is not "other"
    expect(reader.asb).toBe(1);
  });

  it('tells text from a device that is not a printer from status replies', () => {
    // "R" and ":" have a status reply's fixed bits; the rest of the answer gives it away.
    const reader = new StatusReplyReader();
    const found = reader.push(Buffer.from('HTTP/1.1 400 Bad Request\r\nServer: x\r\n', 'latin1'));
    expect(found.length).toBeGreaterThan(0);
    expect(reader.other).toBeGreaterThan(0);
  });

  it("counts the replies a job draws by itself: its DLE EOTs and one-byte GS I's", () => {
    const job = Buffer.from([
      0x1b,
      0x40,
      0x10,
      0x04,
      0x01, // ESC @, DLE EOT 1
      0x1d,
      0x49,
      0x01,
      0x1d,
      0x49,
      0x43, // GS I 1 (model ID), GS I 67 (name: text)
      0x41,
      0x0a,
      0x10,
      0x04,
      0x04,
      0x1d,
      0x56,
      0x00, // text, DLE EOT 4, cut
    ]);
    // GS I 1 is answered when the printer gets to it, maybe after replies to later requests.
    expect(repliesDrawnBy(job)).toEqual({ atMost: 3, inOrder: false, others: true });
    expect(repliesDrawnBy(job.subarray(0, 5))).toEqual({ atMost: 1, inOrder: true, others: false });
    expect(repliesDrawnBy(Buffer.from('plain text\n'))).toEqual({
      atMost: 0,
      inOrder: true,
      others: false,
    });
    expect(repliesDrawnBy(Buffer.from([0x1d, 0x72, 0x01])).others).toBe(true); // GS r 1
  });
});
