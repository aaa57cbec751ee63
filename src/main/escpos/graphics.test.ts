/**
 * GS ( L / GS 8 L graphics and FS q / FS p NV bit images, from hand-built commands and from
 * real POS output in the corpus: pictures come back pixel for pixel at the scale asked for, a
 * logo the receipt only names comes back as a placeholder that says so, and lying or cut-short
 * data costs no more memory than was sent and never throws.
 */
import fc from 'fast-check';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import type { ImageBlock } from '../../shared';
import { ESC, FS, GS, Kind, NEED_MORE, measure } from './commands';
import { Graphics } from './graphics';
import { closeImage, rasterImage } from './images';
import { interpret } from './interpret';

/** GS ( L pL pH m=48 fn params. */
const gsL = (fn: number, params: number[] = []): number[] => {
  const p = params.length + 2;
  return [GS, 0x28, 0x4c, p & 0xff, p >> 8, 48, fn, ...params];
};

/** GS 8 L p1 p2 p3 p4 m=48 fn params. */
const gs8L = (fn: number, params: number[] = []): number[] => {
  const p = params.length + 2;
  return [GS, 0x38, 0x4c, p & 0xff, (p >> 8) & 0xff, (p >> 16) & 0xff, p >>> 24, 48, fn, ...params];
};

const u16 = (n: number): number[] => [n & 0xff, n >> 8];

/** Rows of '#' (dot printed) and '.' as a picture of `width` dots; bytes MSB first. */
function rasterBytes(rows: string[]): number[] {
  const rowBytes = Math.ceil(rows[0].length / 8);
  const out: number[] = [];
  for (const row of rows) {
    const bytes = new Array<number>(rowBytes).fill(0);
    [...row].forEach((ch, x) => {
      if (ch === '#') bytes[x >> 3] |= 0x80 >> (x & 7);
    });
    out.push(...bytes);
  }
  return out;
}

/** The same picture in column format: each column top to bottom, whole bytes, MSB on top. */
function columnBytes(rows: string[]): number[] {
  const perColumn = Math.ceil(rows.length / 8);
  const out: number[] = [];
  for (let x = 0; x < rows[0].length; x++) {
    const bytes = new Array<number>(perColumn).fill(0);
    rows.forEach((row, y) => {
      if (row[x] === '#') bytes[y >> 3] |= 0x80 >> (y & 7);
    });
    out.push(...bytes);
  }
  return out;
}

/** What the document says was printed, as rows of '#' and '.'. */
function rows(block: ImageBlock): string[] {
  const bitmap = Buffer.from(block.bitmapBase64, 'base64');
  const rowBytes = Math.ceil(block.width / 8);
  const out: string[] = [];
  for (let y = 0; y < block.height; y++) {
    let row = '';
    for (let x = 0; x < block.width; x++) {
      row += bitmap[y * rowBytes + (x >> 3)] & (0x80 >> (x & 7)) ? '#' : '.';
    }
    out.push(row);
  }
  return out;
}

/**
 * Feeds a receipt to Graphics command by command, as the interpreter does: measure() finds each
 * command; GS ( L / GS 8 L / FS p that print go to print(), other GS ( L / GS 8 L to set(),
 * FS q to defineNvBitImages(), ESC @ to initialize(). A command cut short by the end of the bytes
 * is passed as far as it goes.
 */
function run(input: number[] | Uint8Array): { images: ImageBlock[]; warnings: string[] } {
  const bytes = Uint8Array.from(input);
  const graphics = new Graphics();
  const images: ImageBlock[] = [];
  const warnings: string[] = [];
  for (let i = 0; i < bytes.length;) {
    const m = measure(bytes, i, bytes.length);
    const length = m.length === NEED_MORE ? bytes.length - i : Math.min(m.length, bytes.length - i);
    const [p, c, d] = [bytes[i], bytes[i + 1], bytes[i + 2]];
    const isGraphics = p === GS && (c === 0x28 || c === 0x38) && d === 0x4c;
    let warning: string | null = null;
    if (m.kind === Kind.Print && (isGraphics || (p === FS && c === 0x70))) {
      const printed = graphics.print(bytes, i, length, 'center');
      if (printed.image) {
        closeImage(printed.image, true);
        images.push(printed.image.block);
      }
      warning = printed.warning;
    } else if (isGraphics) {
      warning = graphics.set(bytes, i, length);
    } else if (p === FS && c === 0x71) {
      warning = graphics.defineNvBitImages(bytes, i, length);
    } else if (p === ESC && c === 0x40) {
      graphics.initialize();
    }
    if (warning) warnings.push(warning);
    i += Math.max(length, 1);
  }
  return { images, warnings };
}

const LOGO = ['#........#', '.#......#.', '..######..'];

describe('graphics in the print buffer (fn 112/113, then fn 50/2)', () => {
  it('prints raster graphics at their true size and scale, padding dots cleared', () => {
    const data = rasterBytes(LOGO).map((b, i) => (i % 2 === 1 ? b | 0x3f : b)); // junk padding
    const store = gsL(112, [48, 2, 1, 49, ...u16(10), ...u16(3), ...data]);
    const { images, warnings } = run([...store, ...gsL(50)]);
    expect(warnings).toEqual([]);
    expect(images).toHaveLength(1);
    const [image] = images;
    expect(image).toMatchObject({ source: 'graphics', width: 10, height: 3 });
    expect([image.scaleX, image.scaleY, image.align]).toEqual([2, 1, 'center']);
    expect(rows(image)).toEqual(LOGO);
  });

  it('prints column-format graphics the same way (fn 113, fn 2)', () => {
    const tall = ['#.#', '.#.', '#.#', '...', '...', '...', '...', '...', '###', '#..'];
    const store = gsL(113, [48, 1, 2, 49, ...u16(3), ...u16(10), ...columnBytes(tall)]);
    const { images, warnings } = run([...store, ...gsL(2)]);
    expect(warnings).toEqual([]);
    expect(rows(images[0])).toEqual(tall);
    expect([images[0].scaleX, images[0].scaleY]).toEqual([1, 2]);
  });

  it('empties the buffer when it prints: a second print prints nothing, and says so', () => {
    const store = gsL(112, [48, 1, 1, 49, ...u16(10), ...u16(3), ...rasterBytes(LOGO)]);
    const bytes = [...store, ...gsL(50), ...gsL(50)];
    const { images, warnings } = run(bytes);
    expect(images).toHaveLength(1);
    expect(warnings).toEqual([`Graphics print at byte ${store.length + 7} found nothing stored.`]);
  });

  it('reads GS 8 L (32-bit length) like GS ( L, and measure() calls its prints prints', () => {
    const store = gs8L(112, [48, 1, 1, 49, ...u16(10), ...u16(3), ...rasterBytes(LOGO)]);
    const print = gs8L(50);
    const bytes = Uint8Array.from([...store, ...print]);
    expect(measure(bytes, 0, bytes.length)).toMatchObject({ length: store.length });
    expect(measure(bytes, 0, bytes.length).kind).toBe(Kind.Setting);
    expect(measure(bytes, store.length, bytes.length).kind).toBe(Kind.Print);
    for (const fn of [2, 50, 69, 85]) {
      const command = Uint8Array.from(gs8L(fn, [65, 66, 1, 1].slice(0, fn > 50 ? 4 : 0)));
      expect(measure(command, 0, command.length).kind).toBe(Kind.Print);
    }
    const { images, warnings } = run(bytes);
    expect(warnings).toEqual([]);
    expect(rows(images[0])).toEqual(LOGO);
  });

  it('draws a second colour in black over the first, and notes it', () => {
    const red = ['..........', '....##....', '..........'];
    const black = gsL(112, [48, 1, 1, 49, ...u16(10), ...u16(3), ...rasterBytes(LOGO)]);
    const second = gsL(112, [48, 1, 1, 50, ...u16(10), ...u16(3), ...rasterBytes(red)]);
    const { images, warnings } = run([...second, ...black, ...gsL(50)]);
    expect(warnings).toEqual([]);
    expect(rows(images[0])).toEqual(['#........#', '.#..##..#.', '..######..']);
    expect(images[0].note).toBe('Printed in 2 colours; all are drawn in black here.');
  });
});

describe('graphics defined under a key (NV fn 67/68, download fn 83/84)', () => {
  const key = [0x4c, 0x47]; // "LG"

  it.each([
    ['NV raster', 67, 69, 'nv-logo', rasterBytes],
    ['NV column', 68, 69, 'nv-logo', columnBytes],
    ['download raster', 83, 85, 'graphics', rasterBytes],
    ['download column', 84, 85, 'graphics', columnBytes],
  ] as const)(
    '%s: prints what was defined, as often as asked',
    (_, define, print, source, encode) => {
      const definition = gsL(define, [48, ...key, 1, ...u16(10), ...u16(3), 49, ...encode(LOGO)]);
      const { images, warnings } = run([
        ...definition,
        ...gsL(print, [...key, 2, 2]),
        ...gs8L(print, [...key, 1, 1]),
      ]);
      expect(warnings).toEqual([]);
      expect(images.map((i) => [i.source, i.width, i.height, i.scaleX, i.scaleY])).toEqual([
        [source, 10, 3, 2, 2],
        [source, 10, 3, 1, 1],
      ]);
      expect(rows(images[0])).toEqual(LOGO);
      expect(rows(images[1])).toEqual(LOGO);
    },
  );

  it('merges the colours of a two-colour definition', () => {
    const red = ['..........', '....##....', '..........'];
    const definition = gsL(67, [
      ...[48, ...key, 2, ...u16(10), ...u16(3)],
      ...[49, ...rasterBytes(LOGO)],
      ...[50, ...rasterBytes(red)],
    ]);
    const { images, warnings } = run([...definition, ...gsL(69, [...key, 1, 1])]);
    expect(warnings).toEqual([]);
    expect(rows(images[0])).toEqual(['#........#', '.#..##..#.', '..######..']);
    expect(images[0].note).toMatch(/2 colours/);
  });

  it('shows a key this receipt never defined as a placeholder that says where the logo is', () => {
    const { images, warnings } = run([...gsL(69, [0x41, 0x31, 2, 1]), ...gsL(85, [...key, 1, 2])]);
    expect(warnings).toEqual([]);
    expect(images).toEqual([
      {
        kind: 'image',
        source: 'nv-logo',
        width: 0,
        height: 0,
        bitmapBase64: '',
        scaleX: 2,
        scaleY: 1,
        align: 'center',
        note: 'This logo is stored in the printer (NV graphics "A1") and was not sent with this receipt.',
      },
      expect.objectContaining({ source: 'graphics', width: 0, height: 0, scaleX: 1, scaleY: 2 }),
    ]);
    expect(images[1].note).toBe(
      'This picture was sent to the printer earlier (download graphics "LG") and was not sent with this receipt.',
    );
  });

  it('prints nothing for keys deleted in this receipt; ESC @ forgets download graphics only', () => {
    const nv = gsL(67, [48, ...key, 1, ...u16(10), ...u16(3), 49, ...rasterBytes(LOGO)]);
    const dl = gsL(83, [48, ...key, 1, ...u16(10), ...u16(3), 49, ...rasterBytes(LOGO)]);
    const deleteKey = run([...nv, ...gsL(66, key), ...gsL(69, [...key, 1, 1])]);
    expect(deleteKey.images).toEqual([]);
    expect(deleteKey.warnings[0]).toMatch(/^NV graphics "LG" printed at byte \d+ were deleted/);
    const deleteAll = run([...gsL(65, [67, 76, 82]), ...gsL(69, [0x41, 0x31, 1, 1])]);
    expect(deleteAll.images).toEqual([]);
    expect(deleteAll.warnings).toHaveLength(1);
    const reset = run([
      ...nv,
      ...dl,
      ESC,
      0x40,
      ...gsL(69, [...key, 1, 1]),
      ...gsL(85, [...key, 1, 1]),
    ]);
    expect(reset.images.map((i) => i.source)).toEqual(['nv-logo']);
    expect(reset.warnings[0]).toMatch(/^Download graphics "LG" printed at byte \d+ were deleted/);
  });
});

describe('NV bit images (FS q, FS p)', () => {
  // FS q: x bytes across (x * 8 dots), y bytes down (y * 8 dots), column format.
  const square = Array.from({ length: 8 }, (_, y) =>
    y === 0 || y === 7 ? '########' : '#......#',
  );
  const tall = Array.from({ length: 16 }, (_, y) => (y % 2 ? '.#.#.#.#' : '#.#.#.#.'));
  const define = [
    FS,
    0x71,
    2,
    1,
    0,
    1,
    0,
    ...columnBytes(square),
    1,
    0,
    2,
    0,
    ...columnBytes(tall),
  ];

  it('prints the image asked for at the scale asked for', () => {
    const { images, warnings } = run([...define, FS, 0x70, 2, 48, FS, 0x70, 1, 3]);
    expect(warnings).toEqual([]);
    expect(images.map((i) => [i.source, i.width, i.height, i.scaleX, i.scaleY])).toEqual([
      ['nv-logo', 8, 16, 1, 1],
      ['nv-logo', 8, 8, 2, 2],
    ]);
    expect(rows(images[0])).toEqual(tall);
    expect(rows(images[1])).toEqual(square);
  });

  it('prints nothing for a number FS q did not define, a placeholder when FS q was not sent', () => {
    const missing = run([...define, FS, 0x70, 3, 0]);
    expect(missing.images).toEqual([]);
    expect(missing.warnings).toEqual([
      `NV bit image 3 printed at byte ${define.length} is not among the 2 this receipt defined; none printed.`,
    ]);
    const stored = run([FS, 0x70, 1, 49]);
    expect(stored.warnings).toEqual([]);
    expect(stored.images[0]).toMatchObject({ source: 'nv-logo', width: 0, height: 0, scaleX: 2 });
    expect(stored.images[0].note).toBe(
      'This logo is stored in the printer (NV bit image 1) and was not sent with this receipt.',
    );
  });
});

describe('commands that print nothing', () => {
  it('consumes capacity and key-list requests and the density setting quietly', () => {
    const bytes = [
      ...gsL(48),
      ...gsL(0),
      ...gsL(49, [50, 50]),
      ...gsL(51),
      ...gsL(52),
      ...gsL(64, [75, 67]),
      ...gsL(80, [75, 67]),
      ...gsL(81, [67, 76, 82]),
      ...gsL(82, [0x41, 0x31]),
    ];
    expect(run(bytes)).toEqual({ images: [], warnings: [] });
  });

  it('names a function ESC/POS does not define, with its byte', () => {
    expect(run([0, 0, ...gsL(99)]).warnings).toEqual([
      'Graphics function 99 at byte 2 is not one ESC/POS defines; ignored.',
    ]);
  });
});

describe('lying and cut-short data', () => {
  it('does not allocate what a header claims beyond the data sent', () => {
    // fn 112 claiming 65535 x 65535 dots with 20 bytes of data: nothing stored, nothing printed.
    const lie = gsL(112, [48, 1, 1, 49, 0xff, 0xff, 0xff, 0xff, ...Array(20).fill(0xaa)]);
    const { images, warnings } = run([...lie, ...gsL(50)]);
    expect(images).toEqual([]);
    expect(warnings).toEqual([
      'Graphics at byte 0 claim 65535 x 65535 dots but carry 20 bytes of data; drew nothing.',
      `Graphics print at byte ${lie.length} found nothing stored.`,
    ]);
  });

  it('draws the whole rows or columns that came, and says what was missing', () => {
    const raster = gsL(112, [48, 1, 1, 49, ...u16(10), ...u16(200), ...rasterBytes(LOGO)]);
    const logo10 = [...LOGO, ...Array<string>(7).fill('..........')]; // 10 dots tall
    const column = gsL(68, [48, 65, 49, 1, ...u16(500), ...u16(10), 49, ...columnBytes(logo10)]);
    const { images, warnings } = run([
      ...raster,
      ...gsL(50),
      ...column,
      ...gsL(69, [65, 49, 1, 1]),
    ]);
    expect(rows(images[0])).toEqual(LOGO);
    expect(images[1]).toMatchObject({ width: 10, height: 10 });
    expect(rows(images[1])).toEqual(logo10);
    expect(warnings).toEqual([
      'Graphics at byte 0 claim 10 x 200 dots but carry 6 bytes of data; drew 10 x 3.',
      `Graphics at byte ${raster.length + 7} claim 500 x 10 dots but carry 20 bytes of data; drew 10 x 10.`,
    ]);
  });

  it('reads a GS 8 L whose 32-bit length runs past the end of the receipt', () => {
    const store = gs8L(112, [48, 1, 1, 49, ...u16(10), ...u16(3), ...rasterBytes(LOGO)]);
    store.splice(3, 4, 0xff, 0xff, 0xff, 0xff);
    const { warnings } = run(store);
    expect(warnings).toEqual([]); // the data the header asks for all came; the rest never did
    const cut = run(store.slice(0, 12));
    expect(cut.warnings).toEqual(['Graphics at byte 0 are cut short before their size.']);
  });

  it('never throws, and never holds more bitmap than the bytes it was given', () => {
    const command = fc.oneof(
      fc
        .tuple(
          fc.constantFrom(2, 50, 67, 68, 69, 83, 84, 85, 112, 113),
          fc.uint8Array({ maxLength: 40 }),
        )
        .map(([fn, params]) => gsL(fn, [...params])),
      fc
        .tuple(fc.constantFrom(67, 112, 50), fc.uint8Array({ maxLength: 40 }))
        .map(([fn, params]) => gs8L(fn, [...params])),
      fc.uint8Array({ maxLength: 40 }).map((d) => [FS, 0x71, ...d]),
      fc.tuple(fc.nat(4), fc.nat(255)).map(([n, m]) => [FS, 0x70, n, m]),
      fc.uint8Array({ maxLength: 4 }).map((d) => [...d]),
    );
    fc.assert(
      fc.property(fc.array(command, { maxLength: 8 }), (commands) => {
        const bytes = commands.flat();
        const { images } = run(bytes);
        for (const image of images) {
          const bitmap = Buffer.from(image.bitmapBase64, 'base64');
          expect(bitmap.length).toBe(Math.ceil(image.width / 8) * image.height);
          // A picture one dot wide still takes a byte per row: at most 8 bytes per byte sent.
          expect(bitmap.length).toBeLessThanOrEqual(8 * bytes.length);
        }
      }),
      { numRuns: 500 },
    );
  });
});

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const corpus = path.resolve(repoRoot, '../shared/corpus');
const present = existsSync(corpus);
if (!present) console.log(`Corpus graphics tests skipped: ${corpus} is not there.`);

describe.skipIf(!present)('graphics from real POS output (../shared/corpus)', () => {
  const read = (file: string): Uint8Array => new Uint8Array(readFileSync(path.join(corpus, file)));

  it('receipt-with-logo.bin: the GS ( L logo matches escimages, dot for dot', () => {
    const { images, warnings } = run(read('escpos-tools/receipt-with-logo.bin'));
    expect(warnings).toEqual([]);
    expect(images).toHaveLength(1);
    const [logo] = images;
    expect(logo).toMatchObject({ source: 'graphics', width: 300, height: 236, scaleX: 1 });
    // escimages' PNG is the logo at half size in 8-bit grey (150 x 118), not 1-bit: each of its
    // pixels is the 2 x 2 dots below it, averaged and smoothed. So each pixel's grey must be
    // within one dot of the four (64 of 255) of the dots' average, and where the four dots are
    // not split 2 to 2 the pixel is dark exactly when three or four of them are printed.
    const png = PNG.sync.read(Buffer.from(read('escpos-tools/receipt-with-logo-img.png')));
    expect([png.width * 2, png.height * 2]).toEqual([logo.width, logo.height]);
    const dots = rows(logo);
    const bad: string[] = [];
    for (let y = 0; y < png.height; y++) {
      for (let x = 0; x < png.width; x++) {
        const n = [dots[2 * y][2 * x], dots[2 * y][2 * x + 1], dots[2 * y + 1][2 * x]]
          .concat(dots[2 * y + 1][2 * x + 1])
          .filter((d) => d === '#').length;
        const grey = png.data[(y * png.width + x) * 4];
        const near = Math.abs(grey - 255 * (1 - n / 4)) <= 64;
        const side = n === 2 || grey < 128 === n >= 3;
        if (!near || !side) bad.push(`${x},${y}: grey ${grey}, ${n} of 4 dots`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('graphics.bin: Tux at four scales, the same dots GS v 0 prints in bit-image.bin', () => {
    const { images, warnings } = run(read('escpos-php/graphics.bin'));
    expect(warnings).toEqual([]);
    expect(images.map((i) => [i.width, i.height, i.scaleX, i.scaleY])).toEqual([
      [125, 148, 1, 1],
      [125, 148, 2, 1],
      [125, 148, 1, 2],
      [125, 148, 2, 2],
    ]);
    const raster = read('escpos-php/bit-image.bin');
    const at = Buffer.from(raster).indexOf(Buffer.from([GS, 0x76, 0x30]));
    const tux = rasterImage(raster, at, 'left')!;
    closeImage(tux, true);
    const tuxRows = rows(tux.block).map((row) => row.slice(0, 125));
    for (const image of images) expect(rows(image)).toEqual(tuxRows);
  });

  it('print-from-pdf.bin (267 KB): a two-page PDF printed three ways, at its sizes', () => {
    const { images, warnings } = run(read('escpos-php/history/print-from-pdf.bin'));
    expect(warnings).toEqual([]);
    expect(images.map((i) => [i.width, i.height, i.scaleX, i.scaleY])).toEqual([
      [569, 802, 1, 1],
      [569, 802, 1, 1],
      [269, 379, 2, 2],
      [269, 379, 2, 2],
      [596, 840, 1, 1],
      [596, 840, 1, 1],
    ]);
    for (const page of images) expect(rows(page).some((row) => row.includes('#'))).toBe(true);
  });
});

describe('GS * downloaded bit image and GS / through the interpreter', () => {
  it('draws the image GS * defined, at the scale GS / asks for, and a placeholder without one', () => {
    // 8 x 8 dots, one column byte each: column x has only its dot x set, a diagonal.
    const diagonal = [0x80, 0x40, 0x20, 0x10, 0x08, 0x04, 0x02, 0x01];
    const out = interpret(new Uint8Array([GS, 0x2a, 1, 1, ...diagonal, GS, 0x2f, 3]));
    expect(out.document.warnings).toEqual([]);
    const [block] = out.document.blocks.filter((b): b is ImageBlock => b.kind === 'image');
    expect([block.width, block.height, block.scaleX, block.scaleY]).toEqual([8, 8, 2, 2]);
    expect([...Buffer.from(block.bitmapBase64, 'base64')]).toEqual(diagonal);
    const alone = interpret(new Uint8Array([GS, 0x2f, 0]));
    const [placeholder] = alone.document.blocks.filter((b): b is ImageBlock => b.kind === 'image');
    expect(placeholder.note).toMatch(/sent to the printer earlier/);
  });
});
