/**
 * The public ESC/POS corpus beside the project (../shared/corpus, see its SOURCES.md): real byte
 * streams from escpos-php, escpos-tools, escpos-netprinter and QZ Tray. Every file must read
 * without unknown or cut-short commands; where the upstream project publishes what the receipt
 * looks like, the interpretation must match it: the logo escimages extracted, esc2text's dump
 * where esc2text is right, the photo of a real print by its layout. The awkward files get their
 * own checks. A clone without ../shared skips this file with one line saying so.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { interpret } from '../../src/main/escpos';
import type {
  BarcodeBlock,
  Block,
  ImageBlock,
  Interpretation,
  TextBlock,
  TextRun,
} from '../../src/shared';
import { documentBands, photoBands } from './paper-layout';
import { dotAt, pictureDifferences, readGrey, readPng } from './pictures';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const CORPUS = path.resolve(REPO, '../shared/corpus');
const present = existsSync(path.join(CORPUS, 'SOURCES.md'));
if (!present) {
  console.log(`Corpus tests skipped: no ESC/POS corpus at ${CORPUS} (it sits beside a checkout).`);
}

const read = (file: string) => readFileSync(path.join(CORPUS, file));
const run = (file: string): Interpretation => interpret(read(file));

function binFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return binFiles(full);
    return name.endsWith('.bin') ? [path.relative(CORPUS, full)] : [];
  });
}

const images = (blocks: Block[]) => blocks.filter((b): b is ImageBlock => b.kind === 'image');
const barcodes = (blocks: Block[]) => blocks.filter((b): b is BarcodeBlock => b.kind === 'barcode');
const lines = (blocks: Block[]) => blocks.filter((b): b is TextBlock => b.kind === 'text');
const lineText = (b: TextBlock) => b.runs.map((r) => r.text).join('');
/** The text line whose words include `words`, and its run holding them. */
function find(out: Interpretation, words: string): { line: TextBlock; run: TextRun } {
  const line = lines(out.document.blocks).find((b) => b.runs.some((r) => r.text.includes(words)));
  if (!line) throw new Error(`no line says "${words}"`);
  return { line, run: line.runs.find((r) => r.text.includes(words))! };
}

/**
 * Notes the interpreter rightly adds to a file: what the POS sent is not what the printer
 * documents, and the reader should know.
 */
const EXPECTED_NOTES: Record<string, RegExp> = {
  // A CODE128 without {A/{B/{C, read as code set B.
  'escpos-netprinter/barcodes.bin': /Code 128 without a code set/u,
  // UTF-8 "ª" sent after ESC t 19 (CP858).
  'qz-tray/escpos_sample.bin': /UTF-8 sent while code table cp858/u,
  // "Hello" and "World" drawn in GNU Unifont glyphs downloaded with ESC & and selected by ESC %.
  'escpos-php/unifont-print-buffer.bin': /glyphs the POS downloaded/u,
};

describe.skipIf(!present)('the public ESC/POS corpus', () => {
  describe.each(binFiles(CORPUS))('%s', (file) => {
    it('reads without unknown or cut-short commands', () => {
      const out = run(file);
      const notes = out.document.warnings.filter(
        (w) =>
          !(
            EXPECTED_NOTES[file] &&
            w.code === 'undecodable' &&
            EXPECTED_NOTES[file].test(w.message)
          ),
      );
      expect(notes.map((w) => `byte ${w.offset}: ${w.code}: ${w.message}`)).toEqual([]);
    });
  });

  describe('receipt-with-logo (escpos-tools publishes its logo, text dump and a photo)', () => {
    const file = 'escpos-tools/receipt-with-logo.bin';

    it('is the same job in both projects', () => {
      expect(read(file).equals(read('escpos-php/receipt-with-logo.bin'))).toBe(true);
    });

    it('has the logo escimages extracted, dot for dot', () => {
      const [logo] = images(run(file).document.blocks);
      expect(logo).toMatchObject({
        source: 'graphics',
        width: 300,
        height: 236,
        scaleX: 1,
        scaleY: 1,
      });
      // escimages wrote it at half size in grey: each PNG pixel shows how many of the 2x2 dots
      // under it are black (grey 255 none, 0 all four). Every pixel must be within one
      // dot of the block it stands for: a shift or a wrong row anywhere breaks that.
      const png = readGrey(read('escpos-tools/receipt-with-logo-img.png'));
      expect([png.width, png.height]).toEqual([150, 118]);
      const bits = Buffer.from(logo.bitmapBase64, 'base64');
      const dot = (x: number, y: number) => (dotAt(logo, bits, x, y) ? 1 : 0);
      const off: string[] = [];
      for (let y = 0; y < png.height; y++) {
        for (let x = 0; x < png.width; x++) {
          const [l, r, t, b] = [2 * x, 2 * x + 1, 2 * y, 2 * y + 1];
          const black = dot(l, t) + dot(r, t) + dot(l, b) + dot(r, b);
          const shown = ((255 - png.grey[y * png.width + x]) / 255) * 4;
          if (Math.abs(shown - black) >= 1) {
            off.push(`${x},${y}: ${black} black dots, the PNG shows ${shown.toFixed(1)}`);
          }
        }
      }
      expect(off.slice(0, 5)).toEqual([]);
    });

    it("reads as esc2text's dump where esc2text is right", () => {
      // esc2text ignores ESC a (centring) and prints ESC d 2 as one blank line: compare the
      // words of each line and where blank lines are; indents and blank-line counts are the
      // photo's business below.
      const norm = (text: string) =>
        text
          .split('\n')
          .map((l) => l.trim())
          .join('\n')
          .replace(/\n{3,}/gu, '\n\n')
          .trim();
      const dump = read('escpos-tools/receipt-with-logo.esc2text.txt').toString('utf8');
      expect(norm(run(file).text)).toBe(norm(dump));
    });

    it('is laid out as the photo of the real print shows it', () => {
      const out = run(file);
      const photo = readPng(read('escpos-tools/receipt-with-logo-small.png'));
      // Bands 5-9 of the photo are the four items and the subtotal: 48 columns each.
      const seen = photoBands(photo, 48, [5, 9], 6);
      const printed = documentBands(out.document.blocks, 48, 576);
      const show = (b: (typeof seen)[number]) =>
        `${b.kind} ${b.blankAbove} blank above, columns ${b.left.toFixed(1)}-${b.right.toFixed(1)}`;
      expect(printed.length).toBe(seen.length);
      const off = printed.flatMap((b, k) => {
        const p = seen[k];
        const same =
          b.kind === p.kind &&
          b.blankAbove === p.blankAbove &&
          Math.abs(b.left - p.left) <= 1.5 &&
          Math.abs(b.right - p.right) <= 1.5;
        return same ? [] : [`band ${k}: printed ${show(b)}; photo ${show(p)}`];
      });
      expect(off).toEqual([]);
      expect(out.events).toMatchObject({ cut: 1, 'drawer-kick': 1 });
    });
  });

  it('qz-tray: ASCII-digit arguments, ESC E with CR/LF, UTF-8 after a code table', () => {
    const out = run('qz-tray/escpos_sample.bin');
    // ESC a '1' centres, ESC a '0' and '2' set left and right.
    expect(find(out, 'Canastota, NY 13032').line.align).toBe('center');
    expect(find(out, 'Baklava (Qty 4)').line.align).toBe('left');
    // ESC E 0x0D: the low bit turns bold on; ESC E 0x0A turns it off again.
    expect(find(out, "Here's some bold text!").run.style).toEqual({ bold: true });
    // ESC a '2' then ESC ! '0' (0x30: double width and height), not bold.
    const drink = find(out, 'DRINK ME');
    expect(drink.line.align).toBe('right');
    expect(drink.run.style).toEqual({ width: 2, height: 2 });
    // ESC M '1' is font B, ESC M '0' font A.
    expect(find(out, 'EAT ME').run.style).toEqual({ font: 'B' });
    expect(find(out, 'normal text').run.style).toEqual({});
    // ESC t 19 then C2 AA: the POS meant "ª" (UTF-8); the note says what the paper shows.
    expect(out.text.split('\n')).toContain('Baklava (Qty 4)       9.00ª');
    expect(out.document.warnings).toEqual([
      expect.objectContaining({
        offset: 135,
        code: 'undecodable',
        message: expect.stringContaining('┬¬'),
      }),
    ]);
  });

  it("qz-tray: ESC i is Epson's partial cut", () => {
    // ESC i: "partial cut (one point left uncut)" in Epson's reference (ESC m leaves three).
    expect(run('qz-tray/escpos_sample.bin').events).toEqual({
      cut: 0,
      'partial-cut': 1,
      'drawer-kick': 1,
      buzzer: 0,
    });
  });

  it('netprinter barcodes: each symbology, and CODE128 without a code-set prefix', () => {
    const out = run('escpos-netprinter/barcodes.bin');
    expect(barcodes(out.document.blocks).map((b) => [b.symbology, b.data])).toEqual([
      ['code128', '012z !.,'], // sent without {A/{B/{C: read as code set B, as the POS meant
      ['code93', '012.ABZ'],
      ['codabar', 'A012$+-./:A'],
      ['code39', 'ABCZ012'],
      ['ean8', '01234565'], // 7 digits sent, the printer adds the check digit
      ['ean13', '0123456789012'],
      ['upc-e', '12345670'],
      ['upc-a', '036000291452'],
      ['itf', '0123456789'],
    ]);
    // ESC ! 0x38 headings: bold, double width and height, centred; HRI below each symbol.
    expect(find(out, 'Code128:').run.style).toEqual({ bold: true, width: 2, height: 2 });
    expect(out.text).toMatch(/^ +012z !\.,$/mu);
  });

  it('the Arabic line switching CP1256 and CP864 within one line', () => {
    const out = run('escpos-php/history/rtl-example.bin');
    // Pre-reversed for a left-to-right printer: letters from CP1256 (ESC t 50), Arabic-Indic
    // digits from CP864 (ESC t 37). Read in reverse: "P.O. Box 1106, P.C. 113, Sohar, Oman".
    expect(out.text).toBe('نامع ةنطلس ،راحص ٣١١ .ب.ر ١١٠٦ .ب.ص');
    expect(out.document.codePages.map((c) => c.codePage)).toEqual([
      'windows1256',
      'cp864',
      'windows1256',
      'cp864',
      'windows1256',
    ]);
  });

  it('the 267 KB PDF raster: six GS ( L pages in three prints, each cut', () => {
    const out = run('escpos-php/history/print-from-pdf.bin');
    const kinds = out.document.blocks.map((b) => (b.kind === 'event' ? b.event : b.kind));
    expect(kinds).toEqual([
      'image',
      'image',
      'cut',
      'image',
      'image',
      'cut',
      'image',
      'image',
      'cut',
    ]);
    const pages = images(out.document.blocks).map((b) => [b.source, b.width, b.height, b.scaleX]);
    expect(pages).toEqual([
      ['graphics', 569, 802, 1],
      ['graphics', 569, 802, 1],
      ['graphics', 269, 379, 2], // half the resolution, printed at double size
      ['graphics', 269, 379, 2],
      ['graphics', 596, 840, 1],
      ['graphics', 596, 840, 1],
    ]);
    expect(out.text).toBe('');
  });

  it('Tux is the same picture as a raster image (GS v 0) and as graphics (GS ( L)', () => {
    const raster = images(run('escpos-php/bit-image.bin').document.blocks);
    const graphics = images(run('escpos-php/graphics.bin').document.blocks);
    const scales = (list: ImageBlock[]) => list.map((b) => [b.scaleX, b.scaleY]);
    expect(scales(raster)).toEqual([
      [1, 1],
      [2, 1],
      [1, 2],
      [2, 2],
    ]);
    expect(scales(graphics)).toEqual(scales(raster));
    // GS ( L knows Tux is 125 dots wide; GS v 0 sends whole bytes (128 dots, 3 white).
    const tux = graphics[0];
    const bits = Buffer.from(tux.bitmapBase64, 'base64');
    const picture = {
      width: tux.width,
      height: tux.height,
      dark: Array.from({ length: tux.width * tux.height }, (_, i) =>
        dotAt(tux, bits, i % tux.width, Math.floor(i / tux.width)),
      ),
    };
    expect([tux.width, tux.height, raster[0].width]).toEqual([125, 148, 128]);
    for (const image of [...raster, ...graphics])
      expect(pictureDifferences(image, picture)).toEqual([]);
  });

  describe('character-encodings: pangrams through about 20 code tables', () => {
    const text = () => run('escpos-php/character-encodings.bin').text;
    // The job's lines are longer than the paper: the printer wraps them, so join the lines.
    const joined = () => text().replace(/\n/gu, '');
    it.each([
      [
        'Danish',
        'Quizdeltagerne spiste jordbær med fløde, mens cirkusklovnen Wolther spillede på xylofon.',
      ],
      ['German', 'Falsches Üben von Xylophonmusik quält jeden größeren Zwerg.'],
      ['Greek', 'Ξεσκεπάζω την ψυχοφθόρα βδελυγμία'],
      [
        'Spanish',
        'El pingüino Wenceslao hizo kilómetros bajo exhaustiva lluvia y frío, añoraba a su querido cachorro.',
      ],
      [
        'French',
        "Le cœur déçu mais l'âme plutôt naïve, Louÿs rêva de crapaüter en canoë au delà des îles, près du mälström où brûlent les novæ.",
      ],
      ['Irish', "D'fhuascail Íosa, Úrmhac na hÓighe Beannaithe, pór Éava agus Ádhaimh."],
      ['Hungarian', 'Árvíztűrő tükörfúrógép.'],
      ['Icelandic', 'Kæmi ný öxi hér ykist þjófum nú bæði víl og ádrepa.'],
      ['Latvian', 'Glāžšķūņa rūķīši dzērumā čiepj Baha koncertflīģeļu vākus.'],
      ['Polish', 'Pchnąć w tę łódź jeża lub ośm skrzyń fig.'],
      ['Russian', 'В чащах юга жил бы цитрус? Да, но фальшивый экземпляр!'],
      ['Turkish', 'Pijamalı hasta, yağız şoföre çabucak güvendi.'],
      ['Japanese (half-width Katakana)', 'ｲﾛﾊﾆﾎﾍﾄ ﾁﾘﾇﾙｦ ﾜｶﾖﾀﾚｿ ﾂﾈﾅﾗﾑ'],
      [
        'Vietnamese',
        'Tiếng Việt, còn gọi tiếng Việt Nam hay Việt ngữ, là ngôn ngữ của người Việt (người Kinh) và là ngôn ngữ chính thức tại Việt Nam.',
      ],
      ['Thai', 'นายสังฆภัณฑ์ เฮงพิทักษ์ฝั่ง ผู้เฒ่าซึ่งมีอาชีพเป็นฅนขายฃวด'],
      ['Hebrew', 'דג סקרן שט בים מאוכזב ולפתע מצא לו חברה'],
    ])('%s', (_language, pangram) => {
      expect(joined()).toContain(pangram);
    });

    it('wraps Thai where the paper does: combining marks take no column', () => {
      // Thai vowel and tone marks print over or under the letter before them, so a wrapped
      // line never starts with one.
      const starts = text()
        .split('\n')
        .filter((l) => /^\p{M}/u.test(l));
      expect(starts).toEqual([]);
    });
  });

  it('text-size: GS ! up to 8 x 8', () => {
    const all = lines(run('escpos-php/text-size.bin').document.blocks);
    const largest = all.findIndex((b) => lineText(b).includes('Largest possible text'));
    // 'Hello world!' at 8 x 8 is 1152 dots: the paper wraps it after "Hello ".
    const after = all.slice(largest + 1).filter((b) => lineText(b).trim() !== '');
    expect(after.map((b) => b.runs.map((r) => [r.text.trim(), r.style]))).toEqual([
      [['Hello', { width: 8, height: 8 }]],
      [['world!', { width: 8, height: 8 }]],
    ]);
  });
});
