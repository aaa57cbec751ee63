/**
 * The Star interpreter against the ESC/POS one: each encoder prints the same receipt in a Star
 * language and in ESC/POS, and the two interpretations must tell the restaurant the same thing:
 * the same lines of text, styles and positions, barcodes as scanned, 2D code data, pictures, cuts
 * and drawer kicks. Then what only Star has: raster mode, its code page numbers, its bar code
 * data rules, dot-impact bit images.
 */
import CodepageEncoder from '@point-of-sale/codepage-encoder';
import ReceiptPrinterEncoder from '@point-of-sale/receipt-printer-encoder';
import fc from 'fast-check';
import receiptline from 'receiptline';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Block, ImageBlock, Interpretation } from '../../shared';
import { CASES, type Sample, allSamples } from './encoder-samples.fixture';
import { interpretEscPos } from './interpreter';
import { STAR_CODE_PAGES } from './star-code-pages';
import { decodeStarCode128, upcE } from './star-codes';
import { interpretStar } from './star-interpreter';

let samples: Sample[] = [];
beforeAll(async () => {
  samples = await allSamples();
});

/** Star language -> the ESC/POS language of the same encoder. */
const ESCPOS_TWIN: Record<string, string> = {
  'receipt-printer-encoder/star-line': 'receipt-printer-encoder/esc-pos',
  'receipt-printer-encoder/star-prnt': 'receipt-printer-encoder/esc-pos',
  'receiptline/starsbcs': 'receiptline/escpos',
  'receiptline/starlinesbcs': 'receiptline/escpos',
  'receiptline/emustarlinesbcs': 'receiptline/escpos',
  'node-thermal-printer/star': 'node-thermal-printer/epson',
};

/** Where an encoder itself prints something else in its Star and its ESC/POS language. */
const ENCODER_DIFFERENCES: Record<string, string> = {
  'node-thermal-printer/star: barcodes':
    'its Epson printBarcode numbers types differently (3 is EAN-8) and prints no HRI by default',
  'node-thermal-printer/star: qr code':
    'its Star printQR leaves out ESC GS y D 1 0, so the printer prints the URL as text, no QR',
  'node-thermal-printer/star: pdf417 and drawer':
    'its Star PDF417 sends a line feed after the data and other settings than its Epson one',
};

/** receiptline's Star graphic mode prints pictures only, its dot-impact modes no codes. */
function printsNothing(name: string): boolean {
  if (name.startsWith('receiptline/stargraphic')) return !name.endsWith(': image');
  return name.startsWith('receiptline/starimpact') && /: (barcodes|qr code)$/.test(name);
}

function pairs(): [Sample, Sample][] {
  const out: [Sample, Sample][] = [];
  for (const s of samples) {
    const [encoder, receipt] = s.name.split(': ');
    const twin = ESCPOS_TWIN[encoder];
    if (twin) out.push([s, samples.find((x) => x.name === `${twin}: ${receipt}`)!]);
  }
  return out;
}

/**
 * What a reader of the receipt sees, block by block: text with its style and position,
 * barcodes and 2D codes as scanned, events. Line spacing and underline thickness are left out:
 * Star has its own spacing steps and one underline.
 */
function seen(r: Interpretation): unknown[] {
  return r.document.blocks.map((x: Block) => {
    switch (x.kind) {
      case 'text':
        return {
          align: x.align,
          runs: x.runs.map((run) => ({
            ...run,
            style: { ...run.style, underline: run.style.underline ? 1 : undefined },
          })),
        };
      case 'barcode':
        return { symbology: x.symbology, data: x.data, hri: x.hri, align: x.align };
      case 'code2d':
        return { symbology: x.symbology, data: x.data };
      case 'image':
        return { image: x.align };
      case 'event':
        return { event: x.event, detail: x.detail };
      default:
        return x;
    }
  });
}

/** The dots of an image as "x,y" strings, at its true size (scale applied). */
function dots(image: ImageBlock): Set<string> {
  const bits = Buffer.from(image.bitmapBase64, 'base64');
  const rowBytes = bits.length / image.height;
  const out = new Set<string>();
  for (let y = 0; y < image.height; y++) {
    for (let x = 0; x < rowBytes * 8; x++) {
      if (!(bits[y * rowBytes + (x >> 3)] & (0x80 >> (x & 7)))) continue;
      for (let sy = 0; sy < image.scaleY; sy++) {
        for (let sx = 0; sx < image.scaleX; sx++) {
          out.add(`${x * image.scaleX + sx},${y * image.scaleY + sy}`);
        }
      }
    }
  }
  return out;
}

/** The dots moved so the picture's top left dot is at 0,0 (margins and padding don't count). */
function cropped(set: Set<string>): string[] {
  const points = [...set].map((p) => p.split(',').map(Number));
  const x0 = Math.min(...points.map((p) => p[0]));
  const y0 = Math.min(...points.map((p) => p[1]));
  return points.map(([x, y]) => `${x - x0},${y - y0}`).sort();
}

const images = (r: Interpretation): ImageBlock[] =>
  r.document.blocks.filter((x): x is ImageBlock => x.kind === 'image');

describe('Star receipts read like their ESC/POS twins', () => {
  it('pairs every case of every encoder', () => {
    expect(pairs()).toHaveLength(CASES.length * Object.keys(ESCPOS_TWIN).length);
  });

  it('has the same plain text, line for line', () => {
    for (const [star, escpos] of pairs()) {
      if (star.name in ENCODER_DIFFERENCES) continue;
      expect(interpretStar(star.bytes).text, star.name).toBe(interpretEscPos(escpos.bytes).text);
    }
  });

  it('has the same blocks: styled runs at their positions, codes as scanned, cuts, kicks', () => {
    for (const [star, escpos] of pairs()) {
      if (star.name in ENCODER_DIFFERENCES) continue;
      expect(seen(interpretStar(star.bytes)), star.name).toEqual(
        seen(interpretEscPos(escpos.bytes)),
      );
    }
  });

  it('has the same pictures, dot for dot', () => {
    for (const [star, escpos] of pairs()) {
      const a = images(interpretStar(star.bytes));
      const e = images(interpretEscPos(escpos.bytes));
      expect(a.length, star.name).toBe(e.length);
      a.forEach((img, k) => {
        // Star bit images come in bands of 24 rows and whole bytes: the extra dots are blank.
        expect(cropped(dots(img)), star.name).toEqual(cropped(dots(e[k])));
        expect(img.height * img.scaleY, star.name).toBeGreaterThanOrEqual(
          e[k].height * e[k].scaleY,
        );
      });
    }
  });

  it('counts the same cuts and drawer kicks, and warns about nothing', () => {
    for (const [star, escpos] of pairs()) {
      const a = interpretStar(star.bytes);
      expect(a.events, star.name).toEqual(interpretEscPos(escpos.bytes).events);
      if (star.name === 'node-thermal-printer/star: qr code') {
        expect(a.document.warnings.map((w) => w.code)).toEqual(['undecodable']); // no QR data
      } else {
        expect(a.document.warnings, star.name).toEqual([]);
      }
    }
  });

  it('reads every Star receipt of every language without a warning, as the dialect it is', () => {
    for (const s of samples.filter((x) => x.family === 'star')) {
      if (s.name === 'node-thermal-printer/star: qr code') continue;
      const r = interpretStar(s.bytes, {}, s.variant ?? 'star-line');
      expect(r.document.warnings, s.name).toEqual([]);
      expect(r.document.dialect).toBe(s.variant ?? 'star-line');
      expect(r.empty, s.name).toBe(printsNothing(s.name));
    }
  });
});

describe('what only Star has', () => {
  it('reads the picture of a Star graphic mode (raster) receipt', () => {
    const star = samples.find((s) => s.name === 'receiptline/stargraphic: image')!;
    const escpos = samples.find((s) => s.name === 'receiptline/escpos: image')!;
    const r = interpretStar(star.bytes);
    expect(images(r)).toHaveLength(1);
    expect(cropped(dots(images(r)[0]))).toEqual(
      cropped(dots(images(interpretEscPos(escpos.bytes))[0])),
    );
    expect(r.events).toMatchObject({ cut: 1 }); // ESC * r B ends the page in the default mode
  });

  it('reads dot-impact bit images (ESC K, each dot three wide and three tall)', () => {
    const star = samples.find((s) => s.name === 'receiptline/starimpact: image')!;
    const [image] = images(interpretStar(star.bytes));
    expect(image).toMatchObject({ source: 'bit-image', width: 40, scaleX: 3, scaleY: 3 });
    expect(image.height).toBe(32); // four 8-dot bands for a 30-row picture
  });

  it('decodes every Star code page as receipt-printer-encoder encodes it', () => {
    const names = [...new Set(Object.values(STAR_CODE_PAGES))];
    let tested = 0;
    for (const name of names) {
      // receipt-printer-encoder has no Thai pages (ESC GS t 96..102) for Star.
      if (name.startsWith('thai')) continue;
      tested++;
      const points = CodepageEncoder.getCodepoints(name, true);
      let text = '';
      for (let byte = 0x80; byte < 0x100; byte++) {
        const cp = points[byte];
        // Star's standard page also has legacy-computing symbols past U+FFFF, which the
        // 16-bit decode tables of code-pages.ts cannot hold: those are left out here, and so
        // are characters the page also has below 0x20 (the encoder would send a control code).
        if (
          points.indexOf(cp as number) >= 0x80 &&
          typeof cp === 'number' &&
          cp >= 0xa0 &&
          cp <= 0xffff &&
          !text.includes(String.fromCodePoint(cp))
        ) {
          text += String.fromCodePoint(cp);
        }
      }
      const e = new ReceiptPrinterEncoder({ language: 'star-prnt', columns: 48 });
      const bytes = e.initialize().codepage(name).text(text.slice(0, 40)).encode();
      expect(interpretStar(bytes).text, name).toBe(text.slice(0, 40));
    }
    expect(tested).toBeGreaterThanOrEqual(40);
  });

  it('reads Code 128 data as scanned: %0 is a percent sign, %@..%_ control characters', () => {
    expect(decodeStarCode128('A%0B')).toBe('A%B');
    expect(decodeStarCode128('%6AB%J%5')).toBe('AB\n\x7f');
    expect(decodeStarCode128('%1(01)123%1X')).toBe('(01)123\x1dX'); // FNC1 first is GS1's mark
    const doc = '{code:50%OFF; option:code128,2,72,hri}\n';
    const star = receiptline.transform(doc, { command: 'starsbcs', cutting: false });
    const [barcode] = interpretStar(Buffer.from(star, 'binary')).document.blocks;
    expect(barcode).toMatchObject({ kind: 'barcode', symbology: 'code128', data: '50%OFF' });
  });

  it('reads UPC-E from the UPC-A digits Star takes, as the 8 digits a scanner reads', () => {
    expect(upcE('04210000526')).toBe('04252614');
    expect(upcE('012345000065')).toBe('01234565');
    expect(upcE('01234567890')).toBe('01234567890'); // not zero-suppressible: left as sent
  });

  it('reads raster cut modes: ESC * r E 12 NUL ends the page with a partial cut', () => {
    const bytes = Uint8Array.from([
      ...[0x1b, 0x2a, 0x72, 0x41],
      ...[0x1b, 0x2a, 0x72, 0x45, 0x31, 0x32, 0],
      ...[0x62, 1, 0, 0xf0],
      ...[0x1b, 0x0c, 0x04],
      ...[0x1b, 0x2a, 0x72, 0x42],
    ]);
    expect(interpretStar(bytes).events).toMatchObject({ 'partial-cut': 1, cut: 0 });
  });

  it('reads positions, margins, sizes and drawer 2 as Star defines them', () => {
    const ESC = 0x1b;
    const bytes = Uint8Array.from([
      ...[ESC, 0x6c, 2, ESC, 0x51, 42], // margins: characters 2 to 42
      ...[ESC, 0x57, 0x31, ...Buffer.from('AB'), ESC, 0x57, 0x30], // ESC W "1": double width
      ...[ESC, 0x1d, 0x41, 120, 0, ...Buffer.from('C'), 0x0a], // ESC GS A 120: dot 120
      ...[0x0e, ...Buffer.from('D'), 0x14, 0x0a], // SO/DC4 double width
      0x1a, // SUB: drawer 2 at once
    ]);
    const r = interpretStar(bytes);
    const [first, second, kick] = r.document.blocks;
    expect(first).toMatchObject({
      kind: 'text',
      marginLeft: 24,
      areaWidth: 480,
      runs: [
        { text: 'AB', style: { width: 2 } },
        { text: 'C', style: {}, x: 120 },
      ],
    });
    expect(second).toMatchObject({ runs: [{ text: 'D', style: { width: 2 } }] });
    expect(kick).toMatchObject({ kind: 'event', event: 'drawer-kick', detail: 'pin 5' });
  });

  it('warns about unknown commands at their offset and a command cut short at the end', () => {
    const bytes = Uint8Array.from([0x41, 0x1d, 0x56, 0x00, 0x42, 0x1b, 0x62, 6, 2]);
    const r = interpretStar(bytes);
    expect(r.document.warnings.map((w) => [w.offset, w.code])).toEqual([
      [1, 'unknown-command'],
      [5, 'truncated-command'],
    ]);
    expect(r.text).toBe('AVB');
  });
});

describe('bad input', () => {
  it('never throws, and reads the same bytes the same way, however they are mangled', () => {
    const star = samples.filter((s) => s.family === 'star').map((s) => s.bytes);
    const mutated = fc
      .tuple(
        fc.constantFrom(...star),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 8 }),
        fc.nat(),
      )
      .map(([bytes, edits, cut]) => {
        const out = Uint8Array.from(bytes);
        for (const [at, value] of edits) out[at % out.length] = value;
        return out.subarray(0, cut % (out.length + 1));
      });
    fc.assert(
      fc.property(fc.oneof(fc.uint8Array({ maxLength: 2000 }), mutated), (bytes) => {
        const a = interpretStar(bytes, { maxImageBytes: 1 << 20 });
        expect(interpretStar(bytes, { maxImageBytes: 1 << 20 })).toEqual(a);
      }),
      { numRuns: 300 },
    );
  });
});
