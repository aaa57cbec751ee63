/**
 * The Star grammar against real encoders: every receipt they print walks from its first byte to
 * its last on whole commands (nothing unknown, nothing cut short), and the cuts are found exactly
 * where the encoder put them. Then the spec's own commands, one by one, with their lengths.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { Kind, NEED_MORE } from './commands';
import { type Sample, allSamples } from './encoder-samples.fixture';
import { type StarMode, measureStar, newStarMode } from './star-commands';

interface Step {
  at: number;
  length: number;
  kind: Kind;
  /** The mode the command was read in. */
  mode: StarMode;
}

/** Walks bytes with the Star grammar the way the framer does, one command at a time. */
function walk(bytes: Uint8Array, mode: StarMode = newStarMode()): Step[] {
  const steps: Step[] = [];
  let i = 0;
  while (i < bytes.length) {
    const before = { ...mode };
    const m = measureStar(bytes, i, bytes.length, mode);
    steps.push({ at: i, length: m.length, kind: m.kind, mode: before });
    if (m.length === NEED_MORE) break;
    i += m.length;
  }
  return steps;
}

const hex = (bytes: Uint8Array, at: number): string =>
  Buffer.from(bytes.subarray(at, at + 8)).toString('hex');

let samples: Sample[] = [];
beforeAll(async () => {
  samples = await allSamples();
});

describe('Star receipts from real encoders', () => {
  it('has Star samples from every encoder', () => {
    const star = samples.filter((s) => s.family === 'star').map((s) => s.name.split('/')[0]);
    expect(new Set(star)).toEqual(
      new Set(['receiptline', 'receipt-printer-encoder', 'node-thermal-printer']),
    );
  });

  it('between them print raster images, bit images, bar codes, 2D codes and drawer kicks', () => {
    const seen = new Set<string>();
    for (const s of samples.filter((x) => x.family === 'star')) {
      for (const st of walk(s.bytes)) {
        const b = s.bytes;
        if (st.kind === Kind.Print) {
          const c = b[st.at + 1];
          seen.add(
            b[st.at] === 0x62
              ? 'raster line'
              : c === 0x1d
                ? `ESC GS ${String.fromCharCode(b[st.at + 2])}`
                : `ESC ${String.fromCharCode(c)}`,
          );
        }
        if (st.kind === Kind.Drawer) seen.add('drawer');
      }
    }
    expect([...seen].sort()).toEqual([
      'ESC GS S',
      'ESC GS x',
      'ESC GS y',
      'ESC K',
      'ESC X',
      'ESC b',
      'ESC k',
      'drawer',
      'raster line',
    ]);
  });

  it('walks each one on whole commands, landing exactly on its last byte', () => {
    for (const s of samples.filter((x) => x.family === 'star')) {
      const steps = walk(s.bytes);
      const bad = steps.find((st) => st.kind === Kind.Unknown || st.length === NEED_MORE);
      expect(bad && `${s.name}: 0x${hex(s.bytes, bad.at)} at ${bad.at}`).toBeUndefined();
      const last = steps[steps.length - 1];
      expect(last.at + last.length, s.name).toBe(s.bytes.length);
    }
  });

  it('finds one cut, where the encoder cut, and tells partial from full', () => {
    for (const s of samples.filter((x) => x.family === 'star')) {
      const cuts = walk(s.bytes).filter((st) => st.kind === Kind.Cut);
      expect(
        cuts.map((c) => c.at),
        s.name,
      ).toEqual([s.cutAt]);
      const c = s.bytes[s.cutAt! + 1] === 0x64 ? s.bytes[s.cutAt! + 2] & 0x01 : -1;
      if (c >= 0) expect(c === 1, `${s.name}: partial`).toBe(s.partial);
    }
  });

  it('finds no cut where the receipt has none', () => {
    for (const s of samples.filter((x) => x.family === 'star')) {
      const uncut = s.bytes.subarray(0, s.cutAt!);
      const cuts = walk(uncut).filter((st) => st.kind === Kind.Cut);
      expect(cuts, s.name).toEqual([]);
    }
  });

  it('asks for more bytes, never misreads, when a receipt arrives cut short anywhere', () => {
    for (const s of samples.filter((x) => x.family === 'star')) {
      const whole = walk(s.bytes);
      for (const st of whole) {
        if (st.length <= 1) continue;
        for (const end of [st.at + 1, st.at + Math.floor(st.length / 2), st.at + st.length - 1]) {
          const m = measureStar(s.bytes, st.at, end, { ...st.mode });
          // Either the length is known from what arrived (and is the same), or more is needed.
          if (m.length !== NEED_MORE) expect(m.length, `${s.name} at ${st.at}`).toBe(st.length);
        }
      }
    }
  });
});

/** [name, bytes, length, kind]: commands from the Star Line mode and StarPRNT specifications. */
const SPEC: [string, number[], number, Kind][] = [
  ['ESC @ initialise', [0x1b, 0x40], 2, Kind.Init],
  ['CAN cancel and initialise', [0x18], 1, Kind.Init],
  ['ESC E bold on', [0x1b, 0x45, 0x41], 2, Kind.Setting],
  ['ESC F bold off', [0x1b, 0x46], 2, Kind.Setting],
  ['ESC - n underline', [0x1b, 0x2d, 0x01], 3, Kind.Setting],
  ['ESC 4 inverse on', [0x1b, 0x34], 2, Kind.Setting],
  ['ESC i n1 n2 expansion', [0x1b, 0x69, 1, 1], 4, Kind.Setting],
  ['ESC W n double width', [0x1b, 0x57, 1], 3, Kind.Setting],
  ['ESC h n double height', [0x1b, 0x68, 1], 3, Kind.Setting],
  ['ESC GS a n alignment', [0x1b, 0x1d, 0x61, 1], 4, Kind.Setting],
  ['ESC GS t n code page', [0x1b, 0x1d, 0x74, 4], 4, Kind.Setting],
  ['ESC R n international set', [0x1b, 0x52, 0], 3, Kind.Setting],
  ['ESC RS F n font', [0x1b, 0x1e, 0x46, 1], 4, Kind.Setting],
  ['ESC a n feed lines', [0x1b, 0x61, 3], 3, Kind.Layout],
  ['ESC J n feed n/4 mm', [0x1b, 0x4a, 8], 3, Kind.Layout],
  ['ESC I n feed n/8 mm', [0x1b, 0x49, 8], 3, Kind.Layout],
  ['ESC z n line spacing', [0x1b, 0x7a, 1], 3, Kind.Setting],
  ['ESC 0 line spacing 3 mm', [0x1b, 0x30], 2, Kind.Setting],
  ['ESC 3 n line spacing', [0x1b, 0x33, 30], 3, Kind.Setting],
  ['ESC l n left margin', [0x1b, 0x6c, 2], 3, Kind.Setting],
  ['ESC Q n right margin', [0x1b, 0x51, 46], 3, Kind.Setting],
  ['ESC C n page length', [0x1b, 0x43, 42], 3, Kind.Setting],
  ['ESC C NUL n page length in 24 mm', [0x1b, 0x43, 0, 4], 4, Kind.Setting],
  ['ESC GS A n1 n2 absolute position', [0x1b, 0x1d, 0x41, 0x20, 0x01], 5, Kind.Setting],
  ['ESC GS R n1 n2 relative position', [0x1b, 0x1d, 0x52, 0x20, 0x00], 5, Kind.Setting],
  ['HT tab', [0x09], 1, Kind.Layout],
  ['ESC D n.. NUL tab stops', [0x1b, 0x44, 8, 16, 24, 0], 6, Kind.Setting],
  ['ESC B n.. NUL vertical tabs', [0x1b, 0x42, 2, 0], 4, Kind.Setting],
  ['ESC d 0 full cut', [0x1b, 0x64, 0], 3, Kind.Cut],
  ['ESC d 3 partial cut after feed', [0x1b, 0x64, 0x33], 3, Kind.Cut],
  ['BEL drawer 1', [0x07], 1, Kind.Drawer],
  ['FS drawer 1 at once', [0x1c], 1, Kind.Drawer],
  ['SUB drawer 2 at once', [0x1a], 1, Kind.Drawer],
  ['ESC BEL n1 n2 drive pulse', [0x1b, 0x07, 20, 20], 4, Kind.Setting],
  ['ESC GS BEL m t1 t2 buzzer', [0x1b, 0x1d, 0x07, 1, 10, 10], 6, Kind.Buzzer],
  ['ESC GS EM DC1 m n1 n2 buzzer pulse', [0x1b, 0x1d, 0x19, 0x11, 1, 5, 5], 7, Kind.Setting],
  ['ESC GS EM DC2 m n1 n2 ring buzzer', [0x1b, 0x1d, 0x19, 0x12, 1, 2, 0], 7, Kind.Buzzer],
  ['ESC b ... RS bar code', [0x1b, 0x62, 0x36, 0x32, 0x32, 0x50, 0x41, 0x42, 0x1e], 9, Kind.Print],
  ['ESC GS y S 0 n QR model', [0x1b, 0x1d, 0x79, 0x53, 0x30, 2], 6, Kind.Setting],
  ['ESC GS y D 1 m nL nH QR data', [0x1b, 0x1d, 0x79, 0x44, 0x31, 0, 2, 0, 0x41, 0x42], 10, 2],
  ['ESC GS y P print QR', [0x1b, 0x1d, 0x79, 0x50], 4, Kind.Print],
  ['ESC GS y I QR information', [0x1b, 0x1d, 0x79, 0x49], 4, Kind.Status],
  ['ESC GS x S 0 n p1 p2 PDF417 size', [0x1b, 0x1d, 0x78, 0x53, 0x30, 0, 1, 2], 8, 2],
  ['ESC GS x S 1 n PDF417 ECC', [0x1b, 0x1d, 0x78, 0x53, 0x31, 2], 6, Kind.Setting],
  ['ESC GS x D nL nH PDF417 data', [0x1b, 0x1d, 0x78, 0x44, 1, 0, 0x41], 7, Kind.Setting],
  ['ESC GS x P print PDF417', [0x1b, 0x1d, 0x78, 0x50], 4, Kind.Print],
  ['ESC K n1 n2 8-dot image', [0x1b, 0x4b, 2, 0, 0xff, 0x81], 6, Kind.Print],
  ['ESC L n1 n2 8-dot double density', [0x1b, 0x4c, 1, 0, 0xff], 5, Kind.Print],
  ['ESC k n1 n2 24-row image', [0x1b, 0x6b, 1, 0, ...new Array<number>(24).fill(0xaa)], 28, 3],
  ['ESC X n1 n2 24-dot columns', [0x1b, 0x58, 2, 0, 1, 2, 3, 4, 5, 6], 10, Kind.Print],
  ['ESC ^ m n1 n2 9-dot image', [0x1b, 0x5e, 0, 2, 0, 1, 2, 3, 4], 9, Kind.Print],
  ['ESC GS S graphics', [0x1b, 0x1d, 0x53, 1, 1, 0, 2, 0, 0, 0xf0, 0x0f], 11, Kind.Print],
  ['ESC FS p n m print logo', [0x1b, 0x1c, 0x70, 1, 0], 5, Kind.Print],
  [
    'ESC FS q n [..] register logo',
    [0x1b, 0x1c, 0x71, 1, 1, 0, 1, 0, 1, 2, 3, 4, 5, 6, 7, 8],
    16,
    2,
  ],
  ['ESC RS L m print logos', [0x1b, 0x1e, 0x4c, 0], 4, Kind.Print],
  [
    'ESC & 1 1 n d1..d48 download',
    [0x1b, 0x26, 1, 1, 0x41, ...new Array<number>(48).fill(1)],
    53,
    2,
  ],
  ['ESC & 1 0 n delete download', [0x1b, 0x26, 1, 0, 0x41], 5, Kind.Setting],
  ['ENQ status', [0x05], 1, Kind.Status],
  ['EOT status', [0x04], 1, Kind.Status],
  ['ETB print end status', [0x17], 1, Kind.Status],
  ['ESC ACK SOH automatic status', [0x1b, 0x06, 0x01], 3, Kind.Status],
  ['ESC RS a n status setting', [0x1b, 0x1e, 0x61, 0], 4, Kind.Setting],
  ['ESC RS E n clears the ETB counter', [0x1b, 0x1e, 0x45, 0], 4, Kind.Status],
  ['ESC GS ETX s n1 n2 print end counter', [0x1b, 0x1d, 0x03, 1, 0, 0], 6, Kind.Status],
  ['ESC SYN 3 n presenter counter', [0x1b, 0x16, 0x33, 0], 4, Kind.Status],
  ['ESC GS g 1 m n print start timer', [0x1b, 0x1d, 0x67, 0x31, 0, 10], 6, Kind.Setting],
  ['ESC GS P 0 page mode', [0x1b, 0x1d, 0x50, 0x30], 4, Kind.Setting],
  ['ESC ? LF NUL reset', [0x1b, 0x3f, 0x0a, 0], 4, Kind.Init],
  ['ESC * r A enter raster mode', [0x1b, 0x2a, 0x72, 0x41], 4, Kind.Setting],
  ['ESC * r P n NUL page length', [0x1b, 0x2a, 0x72, 0x50, 0x30, 0], 6, Kind.Setting],
  ['ESC * r m l n NUL left margin', [0x1b, 0x2a, 0x72, 0x6d, 0x6c, 0x31, 0x32, 0], 8, 2],
  ['ESC * r N n NUL discard n bytes', [0x1b, 0x2a, 0x72, 0x4e, 0x32, 0, 9, 9], 8, Kind.Setting],
  ['GS is not a Star command', [0x1d, 0x56, 0x00], 1, Kind.Unknown],
  ['DLE is not a Star command', [0x10, 0x04, 0x01], 1, Kind.Unknown],
  ['an unknown ESC command is its prefix', [0x1b, 0x7e, 0x01], 2, Kind.Unknown],
];

describe('Star commands from the specifications', () => {
  it.each(SPEC)('%s', (_name, bytes, length, kind) => {
    const buf = Uint8Array.from(bytes);
    const m = measureStar(buf, 0, buf.length);
    expect({ length: m.length, kind: m.kind }).toEqual({ length, kind });
    // Cut short after the first byte, a multi-byte command cannot be measured yet.
    if (bytes.length > 1 && bytes[0] === 0x1b) {
      expect(measureStar(buf, 0, 1).length).toBe(NEED_MORE);
    }
  });

  it('reads raster mode: b n1 n2 lines, ESC * r Y feeds, ESC FF cuts, ESC * r B leaves', () => {
    const raster = Uint8Array.from([
      ...[0x1b, 0x2a, 0x72, 0x41], // ESC * r A
      ...[0x62, 2, 0, 0x1b, 0x1d], // b 2 0: a raster line whose data looks like ESC GS
      ...[0x1b, 0x2a, 0x72, 0x59, 0x32, 0x34, 0], // ESC * r Y 24 NUL
      ...[0x1b, 0x0c, 0], // ESC FF NUL: form feed, cut in the default mode
      ...[0x62, 1, 0, 0xff], // another page
      ...[0x1b, 0x2a, 0x72, 0x42], // ESC * r B: ends the pending page, cutting
      ...[0x62, 0x43], // text again: "bC"
    ]);
    const steps = walk(raster).map((s) => [s.at, s.length, s.kind]);
    expect(steps).toEqual([
      [0, 4, Kind.Setting],
      [4, 5, Kind.Print],
      [9, 7, Kind.Layout],
      [16, 3, Kind.Cut],
      [19, 4, Kind.Print],
      [23, 4, Kind.Cut],
      [27, 1, Kind.Text],
      [28, 1, Kind.Text],
    ]);
  });

  it('follows ESC * r E n NUL: a document end that only feeds is not a cut', () => {
    const raster = Uint8Array.from([
      ...[0x1b, 0x2a, 0x72, 0x41],
      ...[0x1b, 0x2a, 0x72, 0x45, 0x31, 0], // ESC * r E 1 NUL: form feed only
      ...[0x62, 1, 0, 0xff],
      ...[0x1b, 0x0c, 0x04], // ESC FF EOT
      ...[0x62, 1, 0, 0xff],
      ...[0x1b, 0x2a, 0x72, 0x42],
    ]);
    expect(walk(raster).filter((s) => s.kind === Kind.Cut)).toEqual([]);
  });
});
