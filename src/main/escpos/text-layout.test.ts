/**
 * Text and layout as the manager reads it: positions, tabs, margins, wrapping, styles, Kanji
 * and international characters, each from the bytes a POS sends.
 */
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import type { TextBlock } from '../../shared';
import { interpret } from './interpret';

const ESC = 0x1b;
const GS = 0x1d;
const FS = 0x1c;
const bytes = (...parts: (number[] | string | Buffer)[]): Uint8Array =>
  Buffer.concat(
    parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))),
  );
const lines = (text: string): string[] => text.split('\n');
const textBlocks = (b: Uint8Array, options = {}): TextBlock[] =>
  interpret(b, options).document.blocks.filter((x): x is TextBlock => x.kind === 'text');

describe('layout', () => {
  it('moves to tab stops: every 8 columns by default, ESC D sets others', () => {
    expect(interpret(bytes('Qty\tItem\n')).text).toBe('Qty     Item');
    const set = bytes([ESC, 0x44, 4, 30, 0], 'A\tB\tC\n');
    expect(interpret(set).text).toBe('A   B                         C');
    const block = textBlocks(set)[0];
    expect(block.runs.map((r) => [r.text, r.x])).toEqual([
      ['A', undefined],
      ['B', 48],
      ['C', 360],
    ]);
  });

  it('places text at ESC $ absolute and ESC \\ relative positions', () => {
    const b = bytes('Item', [ESC, 0x24, 0x20, 0x01], '9.50\n'); // 288 dots = column 24
    expect(interpret(b).text).toBe('Item                    9.50');
    const rel = bytes('A', [ESC, 0x5c, 24, 0], 'B\n'); // 2 columns further right
    expect(interpret(rel).text).toBe('A  B');
  });

  it('keeps a double-width character one character in the text and aligns by its width', () => {
    const b = bytes([ESC, 0x61, 2, GS, 0x21, 0x10], 'TOTAL 12.00\n');
    const out = interpret(b);
    expect(out.text).toBe(`${' '.repeat(48 - 22)}TOTAL 12.00`);
    expect(out.text.trim()).toBe('TOTAL 12.00');
    expect(textBlocks(b)[0].runs[0].style).toEqual({ width: 2 });
  });

  it('wraps at the print area like paper: 48 columns, 24 when double width', () => {
    const long = 'x'.repeat(50);
    expect(lines(interpret(bytes(long, '\n')).text)).toEqual(['x'.repeat(48), 'xx']);
    const wide = bytes([ESC, 0x21, 0x20], 'y'.repeat(30), '\n');
    expect(lines(interpret(wide).text)).toEqual(['y'.repeat(24), 'y'.repeat(6)]);
    expect(lines(interpret(bytes('z'.repeat(48), '\n', 'next\n')).text)).toEqual([
      'z'.repeat(48),
      'next',
    ]);
  });

  it('honours GS L margins and GS W print area for position, alignment and wrapping', () => {
    const margin = bytes([GS, 0x4c, 48, 0], 'Indented\n'); // 48 dots = 4 columns
    expect(interpret(margin).text).toBe('    Indented');
    expect(textBlocks(margin)[0].marginLeft).toBe(48);
    const area = bytes([GS, 0x57, 0x20, 0x01, ESC, 0x61, 2], 'R\n'); // 288 dots, right-aligned
    expect(interpret(area).text).toBe(`${' '.repeat(23)}R`);
    expect(textBlocks(area)[0].areaWidth).toBe(288);
    expect(lines(interpret(bytes([GS, 0x57, 120, 0], 'abcdefghijkl\n')).text)).toEqual([
      'abcdefghij',
      'kl',
    ]);
  });

  it('counts ESC SP character spacing when lines wrap, and keeps ESC 3 line spacing', () => {
    const spaced = bytes([ESC, 0x20, 12], 'a'.repeat(30), '\n'); // 24 dots a character
    expect(lines(interpret(spaced).text)).toEqual(['a'.repeat(24), 'a'.repeat(6)]);
    expect(textBlocks(bytes([ESC, 0x33, 40], 'tall\n'))[0].lineSpacing).toBe(40);
    expect(textBlocks(bytes([ESC, 0x33, 40, ESC, 0x32], 'normal\n'))[0].lineSpacing).toBe(
      undefined,
    );
  });

  it('feeds: ESC d prints and feeds lines, ESC J feeds dots', () => {
    expect(interpret(bytes('a', [ESC, 0x64, 3], 'b\n')).text).toBe('a\n\n\nb');
    const out = interpret(bytes('a\n', [ESC, 0x4a, 60], 'b\n'));
    expect(out.text).toBe('a\n\n\nb');
    expect(out.document.blocks.some((x) => x.kind === 'feed' && x.dots === 60)).toBe(true);
  });
});

describe('styles', () => {
  it('reads every style command into the runs', () => {
    const b = bytes(
      [ESC, 0x45, 1],
      'bold',
      [ESC, 0x45, 0, ESC, 0x2d, 2],
      'thick',
      [ESC, 0x2d, 0, GS, 0x42, 1],
      'inverse',
      [GS, 0x42, 0, ESC, 0x7b, 1],
      'upside',
      [ESC, 0x7b, 0, ESC, 0x56, 1],
      'rotated',
      [ESC, 0x56, 0, ESC, 0x4d, 1],
      'fontB',
      [ESC, 0x4d, 0x32],
      'fontC\n',
      [ESC, 0x4d, 0, GS, 0x21, 0x77],
      'huge',
      [GS, 0x21, 0x00, ESC, 0x47, 1],
      'strike\n',
    );
    const runs = textBlocks(b).flatMap((x) => x.runs);
    expect(runs.map((r) => [r.text, r.style])).toEqual([
      ['bold', { bold: true }],
      ['thick', { underline: 2 }],
      ['inverse', { inverse: true }],
      ['upside', { upsideDown: true }],
      ['rotated', { rotated: true }],
      ['fontB', { font: 'B' }],
      ['fontC', { font: 'C' }],
      ['huge', { width: 8, height: 8 }],
      ['strike', { bold: true }],
    ]);
  });

  it('takes ASCII-digit arguments the way the printer does (qz-tray sends them)', () => {
    const b = bytes([ESC, 0x61, 0x31], 'centred\n', [ESC, 0x4d, 0x31], 'small\n');
    const [first, second] = textBlocks(b);
    expect(first.align).toBe('center');
    expect(second.runs[0].style).toEqual({ font: 'B' });
  });

  it('fits 64 font B characters on an 80 mm line', () => {
    expect(lines(interpret(bytes([ESC, 0x4d, 1], 'b'.repeat(64), '\n')).text)).toHaveLength(1);
  });
});

describe('characters', () => {
  it('replaces the twelve national characters with ESC R', () => {
    expect(interpret(bytes([ESC, 0x52, 1], '@[\\]{|}~\n')).text).toBe('à°ç§éùè¨');
    expect(interpret(bytes([ESC, 0x52, 2], '[\\]{|}~\n')).text).toBe('ÄÖÜäöüß');
    expect(interpret(bytes([ESC, 0x52, 3], '#5\n')).text).toBe('£5');
  });

  it.each([
    ['shift_jis', 'ラーメン 850円'],
    ['gb18030', '宫保鸡丁 38元'],
    ['big5', '牛肉麵 120元'],
    ['euc-kr', '김치찌개 9000원'],
  ] as const)('reads %s Kanji mode text after FS &', (encoding, line) => {
    const b = bytes([FS, 0x26], iconv.encode(line, encoding), '\n', [FS, 0x2e]);
    const out = interpret(b, { multibyte: encoding });
    expect(out.text).toBe(line);
    expect(out.document.warnings).toEqual([]);
  });

  it('takes the double-byte characters two columns wide when aligning', () => {
    const b = bytes([FS, 0x26, ESC, 0x61, 2], iconv.encode('合計', 'gb18030'), '\n');
    expect(interpret(b, { multibyte: 'gb18030' }).text).toBe(`${' '.repeat(44)}合計`);
  });

  it('reads Shift_JIS with ESC R 8 as the Japanese printer does: 0x5C is the yen sign', () => {
    const b = bytes([ESC, 0x52, 8, FS, 0x43, 1], iconv.encode('合計 \\1,200', 'shift_jis'), '\n');
    expect(interpret(b, { multibyte: 'shift_jis' }).text).toBe('合計 ¥1,200');
  });

  it('applies FS ! and FS W sizes to Kanji characters only', () => {
    const b = bytes([FS, 0x26, FS, 0x21, 0x04], 'A', iconv.encode('円', 'shift_jis'), '\n');
    const runs = textBlocks(b, { multibyte: 'shift_jis' })[0].runs;
    expect(runs.map((r) => [r.text, r.style])).toEqual([
      ['A', {}],
      ['円', { width: 2 }],
    ]);
  });

  it('reads UTF-8 after FS ( C selects it', () => {
    const b = bytes([FS, 0x28, 0x43, 2, 0, 48, 2], Buffer.from('Crème brûlée · Ελληνικά\n'));
    expect(interpret(b).text).toBe('Crème brûlée · Ελληνικά');
  });

  it('shows UTF-8 sent in a single-byte table as the POS meant it, with a warning', () => {
    const out = interpret(bytes([ESC, 0x74, 19], Buffer.from('1ª prova\n')));
    expect(out.text).toBe('1ª prova');
    expect(out.document.warnings[0].message).toMatch(/UTF-8.*cp858.*┬¬/);
  });

  it('leaves text for the customer display (ESC = 2) off the paper', () => {
    const b = bytes([ESC, 0x3d, 2], 'DISPLAY: 9.50', [ESC, 0x3d, 1], 'Paper\n');
    expect(interpret(b).text).toBe('Paper');
  });
});

describe('events and bad input', () => {
  it('records cuts, drawer kicks (with the pin) and buzzers with offsets, and counts them', () => {
    const b = bytes(
      'Sale\n',
      [ESC, 0x70, 1, 25, 250],
      [0x10, 0x14, 1, 0, 5],
      [ESC, 0x42, 2, 3],
      [GS, 0x56, 66, 0],
    );
    const out = interpret(b);
    expect(out.events).toEqual({ cut: 0, 'partial-cut': 1, 'drawer-kick': 2, buzzer: 1 });
    const events = out.document.blocks.filter((x) => x.kind === 'event');
    expect(events).toEqual([
      { kind: 'event', event: 'drawer-kick', offset: 5, detail: 'pin 5' },
      { kind: 'event', event: 'drawer-kick', offset: 10, detail: 'pin 2' },
      { kind: 'event', event: 'buzzer', offset: 15 },
      { kind: 'event', event: 'partial-cut', offset: 19 },
    ]);
  });

  it('reports an unknown command with its offset and keeps reading', () => {
    const out = interpret(bytes('before\n', [GS, 0x99], 'after\n'));
    expect(out.text).toBe('before\nafter');
    expect(out.document.warnings).toEqual([
      expect.objectContaining({ offset: 7, code: 'unknown-command' }),
    ]);
  });

  it('reports a command cut short by the end of the receipt', () => {
    const out = interpret(bytes('paid\n', [GS, 0x76, 0x30, 0, 10, 0]));
    expect(out.text).toBe('paid');
    expect(out.document.warnings[0]).toMatchObject({ offset: 5, code: 'truncated-command' });
  });
});
