import { describe, expect, it } from 'vitest';
import ReceiptPrinterEncoder from '@point-of-sale/receipt-printer-encoder';
import type { Dialect } from '../../shared';
import { defaultSettings } from '../../shared';
import { ReceiptFramer, type Segment } from './framer';
import { createStatusReplier } from './status-replies';

const ESC = 0x1b;
const GS = 0x1d;
const DLE = 0x10;

function frame(chunks: Buffer[], maxReceiptBytes = 1 << 20, dialect?: Dialect | 'auto') {
  const segments: Segment[] = [];
  const replies: Buffer[] = [];
  const framer = new ReceiptFramer({
    maxReceiptBytes,
    dialect,
    replier: createStatusReplier(defaultSettings().identity),
    onReply: (r) => replies.push(r),
    onSegment: (s) => segments.push(s),
  });
  for (const c of chunks) framer.push(c);
  framer.flush('fin');
  return { segments, replies };
}

const text = (s: string) => Buffer.from(s, 'latin1');
const bytes = (...b: number[]) => Buffer.from(b);
const cut = bytes(GS, 0x56, 0x42, 0x00);

/** Every way of splitting `data` into two chunks, plus one byte at a time. */
function splits(data: Buffer): Buffer[][] {
  const out: Buffer[][] = [[data], [...data].map((b) => Buffer.from([b]))];
  for (let i = 1; i < data.length; i++) out.push([data.subarray(0, i), data.subarray(i)]);
  return out;
}

describe('ReceiptFramer', () => {
  it('ends a receipt at each cut and keeps every byte, however the stream is split', () => {
    const receipt1 = Buffer.concat([bytes(ESC, 0x40), text('Table 4\nTOTAL 12.50\n'), cut]);
    const receipt2 = Buffer.concat([text('Table 5\n'), bytes(ESC, 0x69)]);
    const stream = Buffer.concat([receipt1, receipt2]);
    for (const chunks of splits(stream)) {
      const { segments } = frame(chunks);
      expect(segments.map((s) => s.bytes)).toEqual([receipt1, receipt2]);
      expect(segments.map((s) => s.endedBy)).toEqual(['cut', 'cut']);
      expect(segments.every((s) => !s.empty)).toBe(true);
    }
  });

  it('does not take cut bytes inside raster image data for a cut', () => {
    // GS v 0: 4 bytes wide x 2 rows = 8 data bytes that spell "GS V 0" twice.
    const image = bytes(
      GS,
      0x76,
      0x30,
      0x00,
      4,
      0,
      2,
      0,
      GS,
      0x56,
      0x00,
      0x00,
      GS,
      0x56,
      0x00,
      0x00,
    );
    const stream = Buffer.concat([image, text('after the logo\n'), cut]);
    for (const chunks of splits(stream)) {
      const { segments } = frame(chunks);
      expect(segments).toHaveLength(1);
      expect(segments[0].bytes).toEqual(stream);
    }
  });

  it('flags a segment that prints nothing as empty, and keeps its bytes', () => {
    const stream = Buffer.concat([
      text('Receipt\n'),
      cut,
      bytes(ESC, 0x40, DLE, 0x04, 0x01, ESC, 0x70, 0x00, 0x19, 0xfa, 0x0a, 0x0a),
    ]);
    const { segments } = frame([stream]);
    expect(segments).toHaveLength(2);
    expect(segments[0].empty).toBe(false);
    expect(segments[1].empty).toBe(true);
    expect(segments[1].endedBy).toBe('fin');
    expect(Buffer.concat(segments.map((s) => s.bytes))).toEqual(stream);
  });

  it('answers status requests the moment they are complete, even split across chunks', () => {
    const stream = bytes(DLE, 0x04, 0x01, DLE, 0x04, 0x04, GS, 0x61, 0xff, GS, 0x72, 0x01);
    for (const chunks of splits(stream)) {
      const { replies, segments } = frame(chunks);
      expect(Buffer.concat(replies)).toEqual(bytes(0x12, 0x12, 0x10, 0, 0, 0, 0x00));
      expect(segments).toHaveLength(1);
      expect(segments[0].empty).toBe(true);
    }
  });

  it('records each answered request with its offset in the receipt that holds it', () => {
    const job1 = Buffer.concat([
      bytes(DLE, 0x04, 0x01), // asked before the job: offset 0 of the job's receipt
      bytes(ESC, 0x40),
      text('Table 4\n'),
      bytes(GS, 0x72, 0x01), // inside the job: offset 13
      text('TOTAL 9.50\n'),
      cut,
    ]);
    // Asked after the cut: the start of the next receipt, as the next job's first bytes.
    const job2 = Buffer.concat([bytes(GS, 0x61, 0xff), bytes(DLE, 0x05, 0x02), text('B\n'), cut]);
    for (const chunks of splits(Buffer.concat([job1, job2]))) {
      const { segments } = frame(chunks);
      expect(segments.map((s) => s.statusReplies)).toEqual([
        [
          { offset: 0, request: '100401', reply: '12' },
          { offset: 13, request: '1d7201', reply: '00' },
        ],
        // DLE ENQ expects no answer, so none is recorded.
        [{ offset: 0, request: '1d61ff', reply: '10000000' }],
      ]);
    }
  });

  it('keeps the first 64 answered requests of a receipt and counts the rest', () => {
    // A till polling on one open connection: 100 DLE EOT 1, then a receipt.
    const polls = Buffer.concat(Array.from({ length: 100 }, () => bytes(DLE, 0x04, 0x01)));
    const { segments, replies } = frame([polls, text('Table 9\n'), cut]);
    expect(replies).toHaveLength(100); // every poll is still answered
    expect(segments[0].statusReplies).toHaveLength(64);
    expect(segments[0].statusReplies.at(-1)?.offset).toBe(63 * 3);
    expect(segments[0].statusRepliesNotKept).toBe(36);
    expect(frame([text('next\n'), cut]).segments[0].statusRepliesNotKept).toBe(0);
  });

  it('cuts off a receipt past maxReceiptBytes, counts what it dropped, and still finds the cut', () => {
    const big = Buffer.alloc(5000, 0x41);
    const stream = Buffer.concat([big, cut, text('next\n'), cut]);
    const { segments } = frame([stream.subarray(0, 3000), stream.subarray(3000)], 4096);
    expect(segments).toHaveLength(2);
    expect(segments[0].truncated).toBe(true);
    expect(segments[0].bytes.length).toBe(4096);
    expect(segments[0].droppedBytes).toBe(5000 + cut.length - 4096);
    expect(segments[1].bytes).toEqual(Buffer.concat([text('next\n'), cut]));
    expect(segments[1].truncated).toBe(false);
  });

  it('survives garbage: every byte stored, no exception', () => {
    let seed = 42;
    const random = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) & 0xff;
    const garbage = Buffer.from(Array.from({ length: 20_000 }, random));
    const { segments } = frame([garbage.subarray(0, 7777), garbage.subarray(7777)]);
    const total = segments.reduce((n, s) => n + s.bytes.length + s.droppedBytes, 0);
    expect(total).toBe(garbage.length);
  });

  describe('Star printers', () => {
    const starReceipt = (language: 'star-line' | 'star-prnt', line: string) =>
      Buffer.from(
        new ReceiptPrinterEncoder({ language, columns: 48 })
          .initialize()
          .align('center')
          .bold(true)
          .line(line)
          .bold(false)
          .line('2x Espresso   5.00')
          .cut()
          .encode(),
      );

    it.each(['star-line', 'star-prnt'] as const)(
      'splits %s receipts on Star cuts, however the stream is split, and says which dialect',
      (language) => {
        const stream = Buffer.concat([
          starReceipt(language, 'Table 1'),
          starReceipt(language, 'Table 2'),
        ]);
        for (const chunks of splits(stream).slice(0, 40)) {
          const { segments } = frame(chunks);
          // The encoder ends each cut with a line break: a last segment that prints nothing.
          const printed = segments.filter((x) => !x.empty);
          expect(printed.map((x) => x.endedBy)).toEqual(['cut', 'cut']);
          expect(Buffer.concat(segments.map((x) => x.bytes))).toEqual(stream);
          expect(segments.every((x) => x.dialect?.startsWith('star'))).toBe(true);
        }
      },
    );

    it('never splits an ESC/POS receipt on ESC d (a feed there), with the dialect left to detect', () => {
      const receipt = Buffer.concat([
        bytes(ESC, 0x40, ESC, 0x61, 1),
        text('Table 4\n'),
        bytes(ESC, 0x64, 3),
        text('TOTAL 12.50\n'),
        cut,
      ]);
      const { segments } = frame([receipt]);
      expect(segments).toHaveLength(1);
      expect(segments[0].dialect).toBe('escpos');
    });

    it('takes a station set to Star at its word, even with nothing Star-only in the bytes', () => {
      const plain = Buffer.concat([text('Table 9\n'), bytes(ESC, 0x64, 2), text('Table 10\n')]);
      expect(frame([plain], 1 << 20, 'star-line').segments.map((x) => x.endedBy)).toEqual([
        'cut',
        'fin',
      ]);
      expect(frame([plain]).segments).toHaveLength(1);
    });
  });
});
