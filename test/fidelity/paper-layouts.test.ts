/**
 * Layouts POS software prints that no encoder library makes: bytes written out here as the POS
 * sends them, with the lines the paper shows beside them. Ruled tables (rules first, cells filled
 * after by moving back), positions between two columns, an impact printer's carriage return
 * printing a second colour over the first, and a Star Japanese model's block graphics. Each row
 * runs in every dialect it applies to; a property then checks positioned text in general.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { interpret, type InterpretOptions } from '../../src/main/escpos';
import type { TextBlock } from '../../src/shared';

const ESC = 0x1b;
const GS = 0x1d;
const LF = 0x0a;
const CR = 0x0d;
const ascii = (s: string): number[] => [...Buffer.from(s, 'latin1')];
const u16 = (n: number): number[] => [n & 0xff, n >> 8];

// ESC/POS: ESC $ nL nH (absolute), ESC \ nL nH (relative). Star: ESC GS A / ESC GS R n1 n2.
const epson = {
  abs: (x: number) => [ESC, 0x24, ...u16(x)],
  rel: (d: number) => [ESC, 0x5c, ...u16(d & 0xffff)],
};
const star = {
  abs: (x: number) => [ESC, GS, 0x41, ...u16(x)],
  rel: (d: number) => [ESC, GS, 0x52, ...u16(d & 0xffff)],
};
type Moves = typeof epson;

interface Layout {
  name: string;
  options: InterpretOptions;
  bytes: number[];
  lines: string[];
  /** Where the document keeps each run (text, x), so the paper view draws what the text says. */
  runs?: [string, number | undefined][];
}

/** Rules at 0, 60, 372 and 492 dots, then the cells filled by moving back (issue 11's line). */
// prettier-ignore
const ruledTable = (m: Moves, bar: number): number[] => [
  ...m.abs(0), bar, ...m.rel(48), bar, ...m.rel(300), bar, ...m.rel(108), bar,
  ...m.abs(12), ...m.rel(12), ...ascii('Qty'),
  ...m.abs(72), ...m.rel(126), ...ascii('Item'),
  ...m.abs(384), ...ascii('Amount'), LF,
];
const RULED = '│ Qty│           Item          │Amount   │';
// prettier-ignore
const RULED_RUNS: Layout['runs'] = [
  ['│', 0], ['│', 60], ['│', 372], ['│', 492], ['Qty', 24], ['Item', 198], ['Amount', 384],
];

/** "Burger" at 0, "x2" at 48 + 42 = 90 dots (column 7.5), the price 234 dots on (348: 29). */
// prettier-ignore
const halfColumns = (m: Moves): number[] => [
  ...ascii('Burger'), ...m.abs(48), ...m.rel(42), ...ascii('x2'), ...m.rel(234), ...ascii('12.50'), LF,
];
const HALF = 'Burger  x2                   12.50';

/** Font B: "x1" at 45 dots (column 5 of 9 dots), the price at 301 (33.4: 33). */
// prettier-ignore
const fontB = (m: Moves): number[] => [
  ...ascii('Cola'), ...m.abs(45), ...ascii('x1'), ...m.abs(301), ...ascii('3.00'), LF,
];
const FONT_B = 'Cola x1                          3.00';

const ESCPOS: InterpretOptions = { dialect: 'escpos', columns: 48 };
const STAR_LINE: InterpretOptions = { dialect: 'star-line', columns: 48 };
const STAR_PRNT: InterpretOptions = { dialect: 'star-prnt', columns: 48 };
const NARROW = { columns: 42 } as const;

// prettier-ignore
const LAYOUTS: Layout[] = [
  // 1. The ruled table: rules first, then back to fill the cells.
  { name: 'ruled table, ESC/POS, PC437 rules (ESC t 0, 0xB3)', options: ESCPOS,
    bytes: [ESC, 0x40, ESC, 0x74, 0, ...ruledTable(epson, 0xb3)],
    lines: [RULED], runs: RULED_RUNS },
  { name: "ruled table, ESC/POS, Epson's Katakana page rules (ESC t 1, 0x96)", options: ESCPOS,
    bytes: [ESC, 0x40, ESC, 0x74, 1, ...ruledTable(epson, 0x96)],
    lines: [RULED] },
  { name: 'ruled table, Star Line mode (ESC GS t 1, ESC GS A / R)', options: STAR_LINE,
    bytes: [ESC, 0x40, ESC, GS, 0x74, 1, ...ruledTable(star, 0xb3)],
    lines: [RULED], runs: RULED_RUNS },
  { name: 'ruled table, StarPRNT', options: STAR_PRNT,
    bytes: [ESC, 0x40, ESC, GS, 0x74, 1, ...ruledTable(star, 0xb3)],
    lines: [RULED] },
  { name: 'ruled table, a rule line and a second row', options: ESCPOS,
    bytes: [ESC, 0x40, ESC, 0x74, 0, ...ruledTable(epson, 0xb3), ...Array(42).fill(0xc4), LF,
      ...epson.abs(0), 0xb3, ...epson.abs(60), 0xb3, ...epson.abs(372), 0xb3, ...epson.abs(492), 0xb3,
      ...epson.abs(24), ...ascii('2'), ...epson.abs(84), ...ascii('Flat white'),
      ...epson.abs(420), ...ascii('7.00'), LF],
    lines: [RULED, '─'.repeat(42), '│ 2  │ Flat white              │   7.00  │'] },
  // 2. Positions between two columns: each from its own x, never from the run before.
  { name: 'half-column positions, ESC/POS', options: ESCPOS,
    bytes: [ESC, 0x40, ...halfColumns(epson)], lines: [HALF] },
  { name: 'half-column positions, Star Line mode', options: STAR_LINE,
    bytes: [ESC, 0x40, ...halfColumns(star)], lines: [HALF] },
  { name: 'half-column positions, StarPRNT', options: STAR_PRNT,
    bytes: [ESC, 0x40, ...halfColumns(star)], lines: [HALF] },
  { name: 'font B (ESC M 1): positions in 9-dot columns, ESC/POS', options: ESCPOS,
    bytes: [ESC, 0x40, ESC, 0x4d, 1, ...fontB(epson)], lines: [FONT_B] },
  { name: 'font B (ESC RS F 1): positions in 9-dot columns, Star Line mode', options: STAR_LINE,
    bytes: [ESC, 0x40, ESC, 0x1e, 0x46, 1, ...fontB(star)], lines: [FONT_B] },
  { name: 'a run moved back onto a full line fits: the fit counts from the new position',
    options: { dialect: 'escpos', ...NARROW },
    bytes: [ESC, 0x40, ...ascii('X'.repeat(40)), ...epson.abs(12), ...ascii('ab'), LF],
    lines: ['Xab' + 'X'.repeat(37)] },
  // 3. The carriage return of an impact printer (one that takes ESC r, the print colour).
  { name: 'impact printer: red text, CR, black text printed over the same line',
    options: { dialect: 'escpos', ...NARROW },
    bytes: [ESC, 0x40, ESC, 0x72, 1, ...ascii('                    inverted'), CR,
      ESC, 0x72, 0, ...ascii('2 Burger                '), LF,
      ...ascii('1 Fries'), CR, LF],
    lines: ['2 Burger            inverted', '1 Fries'],
    runs: [['                    inverted', undefined], ['2 Burger                ', 0]] },
  { name: 'impact printer: black text first, CR, then the red part on the same line',
    options: { dialect: 'escpos', ...NARROW },
    bytes: [ESC, 0x40, ...ascii('2 Burger'), CR, ESC, 0x72, 1, ...ascii('          no onion'), ESC, 0x72, 0, LF],
    lines: ['2 Burger  no onion'] },
  { name: 'thermal printer (no ESC r): CR prints nothing and the text goes on',
    options: { dialect: 'escpos', ...NARROW },
    bytes: [ESC, 0x40, ...ascii('2 Burger'), CR, ...ascii(' 9.00'), CR, LF, ...ascii('1 Fries'), LF],
    lines: ['2 Burger 9.00', '1 Fries'] },
  // 4. Star's Japanese models: block graphics with Kanji mode cancelled, Kanji with it on.
  { name: 'Star Line, Japanese model, Kanji mode cancelled (ESC $ 0, ESC R 8): a ruled box',
    options: { dialect: 'star-line', ...NARROW },
    bytes: [ESC, 0x40, ESC, 0x24, 0, ESC, 0x52, 8,
      0x98, ...Array(40).fill(0x95), 0x99, LF,
      0x96, ...ascii(' Total'), ...star.abs(408), ...ascii('\\1,200 '), 0x96, LF,
      0x9a, ...Array(40).fill(0x95), 0x9b, LF],
    lines: ['┌' + '─'.repeat(40) + '┐', '│ Total                           ¥1,200 │', '└' + '─'.repeat(40) + '┘'] },
  { name: 'StarPRNT, Japanese model, Kanji mode cancelled ("0"): tees and crossings',
    options: { dialect: 'star-prnt', ...NARROW },
    bytes: [ESC, 0x40, ESC, 0x24, 0x30, 0x93, 0x95, 0x8f, 0x95, 0x92, LF, 0x91, 0x90, LF],
    lines: ['├─┼─┤', '┬┴'] },
  { name: 'Star Line, station starting in Kanji mode, then cancelled by ESC $ 0',
    options: { dialect: 'star-line', ...NARROW, multibyte: 'shift_jis', kanjiAtStart: true },
    bytes: [ESC, 0x40, 0x8d, 0x87, 0x8c, 0x76, LF, ESC, 0x24, 0, ...Array(10).fill(0x95), LF],
    lines: ['合計', '─'.repeat(10)] },
  { name: 'Star Line, Kanji mode on (ESC $ 1): Shift JIS rules (0x849F) and Kanji',
    options: { dialect: 'star-line', ...NARROW },
    bytes: [ESC, 0x40, ESC, 0x24, 1, ESC, 0x52, 8, ...Array(21).fill([0x84, 0x9f]).flat(), LF,
      0x8d, 0x87, 0x8c, 0x76, LF],
    lines: ['─'.repeat(21), '合計'] },
  // Star's specification: with Shift JIS Kanji mode on, 0x80-0x9F start a double-byte character.
  { name: 'Star Line, Kanji mode on: 0x95 0x95 is one Kanji, as the printer reads it',
    options: { dialect: 'star-line', ...NARROW },
    bytes: [ESC, 0x40, ESC, 0x24, 1, 0x95, 0x95, LF], lines: ['封'] },
  { name: 'Star, a model without Japanese (no ESC $): 0x95 stays in the Standard code page',
    options: { dialect: 'star-line', ...NARROW },
    bytes: [ESC, 0x40, 0x95, 0x95, LF], lines: ['▝▝'] },
];

describe('layouts POS software prints, read back line for line', () => {
  it.each(LAYOUTS)('$name', ({ options, bytes, lines, runs }) => {
    const out = interpret(Uint8Array.from(bytes), options);
    expect(out.text.split('\n')).toEqual(lines);
    if (runs) {
      const first = out.document.blocks.find((b): b is TextBlock => b.kind === 'text')!;
      expect(first.runs.map((r) => [r.text, r.x])).toEqual(runs);
    }
  });
});

describe('positioned text on one line', () => {
  const fonts = [
    {
      name: 'ESC/POS font A',
      dialect: 'escpos',
      col: 12,
      columns: 48,
      prefix: [ESC, 0x40],
      at: epson.abs,
    },
    {
      name: 'ESC/POS font B',
      dialect: 'escpos',
      col: 9,
      columns: 64,
      prefix: [ESC, 0x40, ESC, 0x4d, 1],
      at: epson.abs,
    },
    {
      name: 'Star Line font A',
      dialect: 'star-line',
      col: 12,
      columns: 48,
      prefix: [ESC, 0x40],
      at: star.abs,
    },
    {
      name: 'StarPRNT font B',
      dialect: 'star-prnt',
      col: 9,
      columns: 64,
      prefix: [ESC, 0x40, ESC, 0x1e, 0x46, 1],
      at: star.abs,
    },
  ] as const;

  /** Runs in column order (gap before, text, where in its column the position falls). */
  const runs = fc.array(
    fc.record({
      gap: fc.nat({ max: 6 }),
      text: fc.stringMatching(/^[A-Z0-9.]{1,8}$/),
      offset: fc.integer({ min: -4, max: 4 }),
    }),
    { minLength: 1, maxLength: 8 },
  );

  for (const font of fonts) {
    it(`${font.name}: each run at round(x / ${font.col}), in any order, never wrapped`, () => {
      fc.assert(
        fc.property(runs, fc.nat(), (list, seed) => {
          let column = 0;
          const placed = list.map((r) => {
            column += r.gap;
            const at = column;
            column += r.text.length;
            return { ...r, column: at, x: Math.max(0, at * font.col + r.offset) };
          });
          fc.pre(placed.every((r) => r.x + r.text.length * font.col <= font.columns * font.col));
          // Arrival order: a rotation and a reversal of the column order, from the seed.
          const order = placed.map((_, k) => placed[(k + seed) % placed.length]);
          if (seed % 2) order.reverse();
          const bytes: number[] = [...font.prefix];
          for (const r of order) bytes.push(...font.at(r.x), ...ascii(r.text));
          bytes.push(LF);
          const out = interpret(Uint8Array.from(bytes), { dialect: font.dialect, columns: 48 });
          const want: string[] = [];
          for (const r of placed) [...r.text].forEach((ch, i) => (want[r.column + i] = ch));
          expect(out.text).toBe(Array.from(want, (ch) => ch ?? ' ').join(''));
        }),
        { numRuns: 300 },
      );
    });
  }
});
