/**
 * Dialect detection on what real POS software sends: every Star receipt from the three encoders
 * is called Star, every ESC/POS one (from the same encoders, and every file of the shared corpus)
 * is called ESC/POS, and no part of either, cut off anywhere, is ever called the other.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { detectDialect, starVariant } from './dialect';
import { type Sample, allSamples } from './encoder-samples.fixture';

let samples: Sample[] = [];
beforeAll(async () => {
  samples = await allSamples();
});

const bytes = (...parts: (string | number[])[]): Uint8Array =>
  Uint8Array.from(
    parts.flatMap((p) => (typeof p === 'string' ? [...Buffer.from(p, 'latin1')] : p)),
  );

/** Every prefix up to 600 bytes, then every 97th: the first bytes are where detection runs. */
function cuts(length: number): number[] {
  const out: number[] = [];
  for (let n = 1; n <= length; n += n < 600 ? 1 : 97) out.push(n);
  out.push(length);
  return out;
}

describe('receipts from real encoders', () => {
  it('calls every Star receipt Star', () => {
    for (const s of samples.filter((x) => x.family === 'star')) {
      expect(detectDialect(s.bytes) ?? 'undecided', s.name).toMatch(/^star-/);
    }
  });

  it('calls every ESC/POS receipt ESC/POS', () => {
    const escpos = samples.filter((x) => x.family === 'escpos');
    expect(escpos.length).toBeGreaterThan(40);
    for (const s of escpos) expect(detectDialect(s.bytes), s.name).toBe('escpos');
  });

  it('never calls the first bytes of one the other, wherever they stop', () => {
    for (const s of samples) {
      const other = s.family === 'star' ? 'escpos' : /^star/;
      for (const n of cuts(s.bytes.length)) {
        const d = detectDialect(s.bytes, 0, n);
        if (d !== null) expect(d, `${s.name}, first ${n} bytes`).not.toMatch(other);
      }
    }
  });

  it('decides a Star receipt within its first bytes when it starts with Star settings', () => {
    for (const s of samples.filter((x) => x.family === 'star')) {
      // Encoders open with ESC GS / ESC RS settings, or at the latest the cut ends the job.
      const first = Math.min(s.bytes.length, 64);
      const d = detectDialect(s.bytes, 0, first) ?? detectDialect(s.bytes, 0, s.cutAt! + 5);
      expect(d ?? 'undecided', s.name).toMatch(/^star-/);
    }
  });

  it('tells StarPRNT graphics from Star Line bit images where receiptline prints pictures', () => {
    const pictures = samples.filter(
      (s) => s.name.startsWith('receiptline/star') && /image|qr code/.test(s.name),
    );
    expect(pictures.length).toBeGreaterThan(10);
    for (const s of pictures) expect(starVariant(s.bytes), s.name).toBe(s.variant);
    // Nothing in a Star Line receipt is ever taken for StarPRNT.
    for (const s of samples.filter((x) => x.variant === 'star-line')) {
      expect(detectDialect(s.bytes), s.name).toBe('star-line');
    }
  });

  it('reads bytes between from and to only', () => {
    const star = samples.find((s) => s.name === 'receipt-printer-encoder/star-line: styled text')!;
    const escpos = samples.find((s) => s.name === 'receipt-printer-encoder/esc-pos: styled text')!;
    const joined = new Uint8Array([...escpos.bytes, ...star.bytes]);
    expect(detectDialect(joined)).toBe('escpos');
    expect(detectDialect(joined, escpos.bytes.length)).toBe('star-line');
    expect(detectDialect(joined, 0, 2)).toBeNull();
  });
});

describe('the commands that decide', () => {
  const ESC = 0x1b;
  it.each<[string, Uint8Array, string | null]>([
    ['ESC GS a alignment', bytes([ESC, 0x40, ESC, 0x1d, 0x61, 1], 'Hi\n'), 'star-line'],
    ['ESC GS t code page', bytes([ESC, 0x1d, 0x74, 4], 'Hi\n'), 'star-line'],
    ['ESC RS a status setting', bytes([ESC, 0x1e, 0x61, 0]), 'star-line'],
    ['ESC * r A raster mode', bytes([ESC, 0x2a, 0x72, 0x41, 0x62, 1, 0, 0xff]), 'star-line'],
    ['ESC E without a parameter', bytes([ESC, 0x45], 'TOTAL 9.50\n'), 'star-line'],
    ['ESC F bold off', bytes('Hi', [ESC, 0x46], '\n'), 'star-line'],
    ['ESC 4 inverse', bytes([ESC, 0x34], 'VOID'), 'star-line'],
    ['ESC i n1 n2 expansion', bytes([ESC, 0x69, 1, 1], 'Big\n'), 'star-line'],
    ['ESC d "3" cut', bytes('Hi\n', [ESC, 0x64, 0x33]), 'star-line'],
    ['ESC d 2 then ESC @', bytes('Hi\n', [ESC, 0x64, 2, ESC, 0x40]), 'star-line'],
    ['ESC b bar code', bytes([ESC, 0x62, 6, 2, 3, 0x50], '42', [0x1e]), 'star-line'],
    ['ESC BEL n1 n2 BEL drawer kick', bytes([ESC, 0x07, 20, 20, 0x07]), 'star-line'],
    ['ESC GS y QR (Star Line has it too)', bytes([ESC, 0x1d, 0x79, 0x50]), 'star-line'],
    ['ESC GS S StarPRNT graphics', bytes([ESC, 0x1d, 0x53, 1, 1, 0, 1, 0, 0, 0xff]), 'star-prnt'],
    ['GS V cut', bytes('Hi\n', [0x1d, 0x56, 0x00]), 'escpos'],
    ['GS v 0 raster', bytes([0x1d, 0x76, 0x30, 0, 1, 0, 1, 0, 0xff]), 'escpos'],
    ['GS ( k QR', bytes([0x1d, 0x28, 0x6b, 3, 0, 0x31, 0x51, 0x30]), 'escpos'],
    ['ESC t code table', bytes([ESC, 0x74, 16], 'Hi'), 'escpos'],
    ['ESC a justification', bytes([ESC, 0x61, 1], 'Hi\n'), 'escpos'],
    ['ESC ! print mode', bytes([ESC, 0x21, 0x30], 'Hi\n'), 'escpos'],
    ['DLE EOT status', bytes([0x10, 0x04, 1]), 'escpos'],
    ['ESC E n with its parameter', bytes([ESC, 0x40, ESC, 0x45, 1], 'Hi\n'), null],
    ['ESC d n at the end (a feed, or a cut?)', bytes('Hi\n', [ESC, 0x64, 3]), null],
    ['plain text', bytes('Table 4\n2 Coffee\n'), null],
    ['nothing', bytes(), null],
  ])('%s', (_name, input, dialect) => {
    expect(detectDialect(input)).toBe(dialect);
  });

  it('is not fooled by Star-looking bytes inside ESC/POS image data', () => {
    // GS v 0 raster whose pixels spell ESC GS a 1 and ESC * r A
    const input = bytes(
      [0x1d, 0x76, 0x30, 0, 8, 0, 1, 0],
      [ESC, 0x1d, 0x61, 1, ESC, 0x2a, 0x72, 0x41],
    );
    expect(detectDialect(input)).toBe('escpos');
    // An ESC/POS bit image first, then its text: ESC * m nL nH is ESC/POS, the data is skipped.
    const bitImage = bytes([ESC, 0x2a, 0, 4, 0], [ESC, 0x1d, 0x61, 1], 'x\n');
    expect(detectDialect(bitImage)).toBe('escpos');
  });

  it('is not fooled by ESC/POS-looking bytes inside Star image data', () => {
    const input = bytes([ESC, 0x1d, 0x53, 1, 4, 0, 1, 0, 0], [0x1d, 0x56, 0x00, 0x10], 'x\n');
    expect(detectDialect(input)).toBe('star-prnt');
    const line = bytes([ESC, 0x6b, 1, 0], new Array<number>(24).fill(0x1d), [ESC, 0x64, 0x32]);
    expect(detectDialect(line)).toBe('star-line');
  });
});

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const corpus = path.resolve(repoRoot, '../shared/corpus');
const present = existsSync(corpus);
if (!present) console.log(`Corpus dialect tests skipped: ${corpus} is not there.`);

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

describe.skipIf(!present)('the shared ESC/POS corpus (../shared/corpus)', () => {
  it('calls no file Star, and every receipt ESC/POS', () => {
    const files = filesUnder(corpus);
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) {
      const input = new Uint8Array(readFileSync(file));
      const d = detectDialect(input);
      const name = path.relative(corpus, file);
      if (file.endsWith('.bin')) expect(d, name).toBe('escpos');
      else expect(d ?? 'undecided', name).not.toMatch(/^star/);
      for (const n of cuts(Math.min(input.length, 4096))) {
        expect(detectDialect(input, 0, n) ?? 'undecided', `${name}, first ${n} bytes`).not.toMatch(
          /^star/,
        );
      }
    }
  });
});
