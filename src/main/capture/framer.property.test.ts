/**
 * Properties of the framer over random and mutated byte streams, however they are chunked:
 * every byte lands in exactly one segment, and the printer's answers do not depend on how TCP
 * happened to split the stream.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Dialect } from '../../shared';
import { defaultSettings } from '../../shared';
import { ReceiptFramer, type Segment } from './framer';
import { createStatusReplier } from './status-replies';

function run(
  stream: Uint8Array,
  cuts: number[],
  maxReceiptBytes = 1 << 20,
  dialect: Dialect | 'auto' = 'auto',
) {
  const segments: Segment[] = [];
  const replies: Buffer[] = [];
  const framer = new ReceiptFramer({
    maxReceiptBytes,
    // Its own replier per run: Star's end-of-job counter is state that must start the same.
    replier: createStatusReplier(defaultSettings().identity),
    dialect,
    onReply: (r) => replies.push(r),
    onSegment: (s) => segments.push(s),
  });
  const points = [...new Set(cuts.map((c) => c % (stream.length + 1)))].sort((a, b) => a - b);
  let from = 0;
  for (const p of [...points, stream.length]) {
    if (p > from) framer.push(Buffer.from(stream.subarray(from, p)));
    from = Math.max(from, p);
  }
  framer.flush('fin');
  return { segments, replies: Buffer.concat(replies) };
}

/** Bytes that look like ESC/POS: prefixes and status requests are common, not rare. */
const posBytes = fc.array(
  fc.oneof(
    fc.integer({ min: 0, max: 255 }),
    fc.constantFrom(
      0x10,
      0x1b,
      0x1c,
      0x1d,
      0x0a,
      0x04,
      0x56,
      0x76,
      0x28,
      0x6b,
      0x61,
      0x72,
      0x49,
      0x00,
    ),
  ),
  { maxLength: 3000 },
);

describe('framer properties', () => {
  it('keeps every byte, in order, in exactly one segment, whatever the chunking', () => {
    fc.assert(
      fc.property(posBytes, fc.array(fc.nat(), { maxLength: 12 }), (bytes, cuts) => {
        const stream = Uint8Array.from(bytes);
        const { segments } = run(stream, cuts);
        expect(Buffer.concat(segments.map((s) => s.bytes))).toEqual(Buffer.from(stream));
        expect(segments.every((s) => s.bytes.length > 0)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('answers the same status requests and finds the same cuts however TCP splits the stream', () => {
    // A station set to a dialect walks one grammar from the first byte. On auto, the bytes
    // before anything decides the dialect are walked as ESC/POS; a POS's job starts with
    // commands that decide it (an init and alignment, a code page...), as these streams do.
    const deciding: Record<Dialect | 'auto', number[]> = {
      escpos: [],
      'star-line': [],
      'star-prnt': [],
      auto: [0x1b, 0x40, 0x1b, 0x61, 0x01], // ESC @, ESC a 1: ESC/POS
    };
    const starAuto = [0x1b, 0x40, 0x1b, 0x1d, 0x61, 0x01]; // ESC @, ESC GS a 1: Star
    const setups = fc.constantFrom(
      ['escpos', deciding.escpos] as const,
      ['star-line', deciding['star-line']] as const,
      ['auto', deciding.auto] as const,
      ['auto', starAuto] as const,
    );
    fc.assert(
      fc.property(posBytes, fc.array(fc.nat(), { maxLength: 12 }), setups, (bytes, cuts, setup) => {
        const [dialect, prefix] = setup;
        const stream = Uint8Array.from([...prefix, ...bytes]);
        const whole = run(stream, [], 1 << 20, dialect);
        const split = run(stream, cuts, 1 << 20, dialect);
        expect(split.replies).toEqual(whole.replies);
        expect(split.segments.map((s) => [s.bytes.length, s.endedBy, s.empty])).toEqual(
          whole.segments.map((s) => [s.bytes.length, s.endedBy, s.empty]),
        );
        // Each receipt records the same answered requests, at offsets where their bytes are.
        const recorded = (r: typeof whole) =>
          r.segments.map((s) => [s.statusReplies, s.statusRepliesNotKept]);
        expect(recorded(split)).toEqual(recorded(whole));
        for (const s of whole.segments) {
          for (const { offset, request } of s.statusReplies) {
            expect(s.bytes.subarray(offset, offset + request.length / 2).toString('hex')).toBe(
              request,
            );
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('never keeps more than maxReceiptBytes per receipt and counts the rest', () => {
    fc.assert(
      fc.property(posBytes, fc.integer({ min: 1024, max: 2048 }), (bytes, max) => {
        const stream = Uint8Array.from(bytes);
        const { segments } = run(stream, [], max);
        expect(segments.every((s) => s.bytes.length <= max)).toBe(true);
        const total = segments.reduce((n, s) => n + s.bytes.length + s.droppedBytes, 0);
        expect(total).toBe(stream.length);
      }),
      { numRuns: 200 },
    );
  });
});
