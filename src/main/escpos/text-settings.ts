/**
 * ESC/POS settings that change how text is laid out and looks: styles (ESC !, ESC E/G, ESC -,
 * GS B, ESC {, ESC V, ESC M, GS !), Kanji sizes (FS !, FS -, FS W), characters (ESC t, ESC R,
 * FS &, FS ., FS C, FS ( C), spacing, margins, positions and tab stops. Arguments may arrive as
 * ASCII digits ('0'/'1'): where Epson documents both forms, the low bits decide, as on paper.
 */
import type { Codepage } from '@point-of-sale/codepage-encoder';
import type { Characters } from './characters';
import { ESC_T_TABLES } from './code-pages';
import { ESC, FS, GS } from './commands';
import type { DocumentBuilder } from './document-builder';

const u16 = (buf: Uint8Array, i: number): number => buf[i] + buf[i + 1] * 256;

/** Applies a text or layout setting at buf[at..at+len); false when the command is not one. */
export function applyTextSetting(
  b: DocumentBuilder,
  chars: Characters,
  buf: Uint8Array,
  at: number,
  len: number,
): boolean {
  const p = buf[at];
  const c = buf[at + 1];
  const n = len >= 3 ? buf[at + 2] : 0;
  if (p === ESC) return escSetting(b, chars, buf, at, len, c, n);
  if (p === GS) return gsSetting(b, buf, at, c, n);
  if (p === FS) return fsSetting(b, chars, buf, at, len, c, n);
  return false;
}

function escSetting(
  b: DocumentBuilder,
  chars: Characters,
  buf: Uint8Array,
  at: number,
  len: number,
  c: number,
  n: number,
): boolean {
  switch (c) {
    case 0x20: // ESC SP n: right-side character spacing
      b.charSpacing = n;
      return true;
    case 0x21: // ESC ! n: print mode
      b.setStyle({
        font: n & 0x01 ? 'B' : 'A',
        bold: (n & 0x08) !== 0,
        height: n & 0x10 ? 2 : 1,
        width: n & 0x20 ? 2 : 1,
        underline: n & 0x80 ? 1 : 0,
      });
      return true;
    case 0x24: // ESC $ nL nH: absolute position
      b.moveTo(u16(buf, at + 2));
      return true;
    case 0x25: // ESC % n: downloaded character set on/off
      chars.userDefined = (n & 0x01) === 1;
      return true;
    case 0x26: {
      // ESC & y c1 c2 [x d1..d(y*x)]...: download glyphs for c1..c2
      for (let code = buf[at + 3]; code <= buf[at + 4] && code < 256; code++) {
        chars.downloaded[code] = 1;
      }
      return true;
    }
    case 0x3f: // ESC ? n: cancel a downloaded glyph
      chars.downloaded[n] = 0;
      return true;
    case 0x2d: {
      // ESC - n: underline 0/1/2 ('0'/'1'/'2' too)
      const u = n & 0x03;
      b.setStyle({ underline: u === 2 ? 2 : u === 1 ? 1 : 0 });
      return true;
    }
    case 0x32: // ESC 2: default line spacing
      b.lineSpacing = null;
      return true;
    case 0x33: // ESC 3 n: line spacing in dots
      b.lineSpacing = n;
      return true;
    case 0x44: // ESC D n1..nk NUL: tab stops in character columns
      b.setTabStops(Array.from(buf.subarray(at + 2, at + len - 1)));
      return true;
    case 0x45: // ESC E n: emphasized
    case 0x47: // ESC G n: double-strike, which prints as bold does
      b.setStyle({ bold: (n & 0x01) === 1 });
      return true;
    case 0x4d: {
      // ESC M n: font A / B / C
      const f = n & 0x03;
      b.setStyle({ font: f === 1 ? 'B' : f === 2 ? 'C' : 'A' });
      return true;
    }
    case 0x52: // ESC R n: international character set
      chars.setInternational(n);
      return true;
    case 0x56: // ESC V n: 90° clockwise rotation (1 and 2 differ only in dot spacing)
      b.setStyle({ rotated: (n & 0x03) !== 0 });
      return true;
    case 0x5c: {
      // ESC \ nL nH: relative position, signed
      const d = u16(buf, at + 2);
      b.moveBy(d >= 0x8000 ? d - 0x10000 : d);
      return true;
    }
    case 0x61: {
      // ESC a n (n may be an ASCII digit)
      const v = n & 0x03;
      b.setAlign(v === 1 ? 'center' : v === 2 ? 'right' : 'left');
      return true;
    }
    case 0x74: {
      // ESC t n: character code table
      const name: Codepage | undefined = ESC_T_TABLES[n];
      if (name) chars.setCodePage(name);
      else chars.setUnknownTable(n);
      b.codePage(at, name ?? `table ${n}`);
      return true;
    }
    case 0x7b: // ESC { n: upside-down
      b.setStyle({ upsideDown: (n & 0x01) === 1 });
      return true;
    default:
      return false;
  }
}

function gsSetting(b: DocumentBuilder, buf: Uint8Array, at: number, c: number, n: number): boolean {
  switch (c) {
    case 0x21: // GS ! n: width and height 1..8
      b.setStyle({ width: ((n >> 4) & 0x07) + 1, height: (n & 0x07) + 1 });
      return true;
    case 0x42: // GS B n: white on black
      b.setStyle({ inverse: (n & 0x01) === 1 });
      return true;
    case 0x4c: // GS L nL nH: left margin
      b.setMargins(u16(buf, at + 2), null);
      return true;
    case 0x57: // GS W nL nH: print area width
      b.setMargins(null, u16(buf, at + 2));
      return true;
    default:
      return false;
  }
}

function fsSetting(
  b: DocumentBuilder,
  chars: Characters,
  buf: Uint8Array,
  at: number,
  len: number,
  c: number,
  n: number,
): boolean {
  switch (c) {
    case 0x21: // FS ! n: Kanji print mode (bit 2 double width, bit 3 double height, bit 7 underline)
      chars.kanjiStyle = {
        width: n & 0x04 ? 2 : 1,
        height: n & 0x08 ? 2 : 1,
        underline: n & 0x80 ? 1 : 0,
      };
      return true;
    case 0x26: // FS &: Kanji mode on
      chars.kanji = true;
      return true;
    case 0x2e: // FS .: Kanji mode off
      chars.kanji = false;
      return true;
    case 0x2d: {
      // FS - n: Kanji underline
      const u = n & 0x03;
      chars.kanjiStyle = { ...chars.kanjiStyle, underline: u === 2 ? 2 : u === 1 ? 1 : 0 };
      return true;
    }
    case 0x43: // FS C n: Kanji code system (0 JIS, 1 Shift_JIS, 2 Shift_JIS-2004)
      chars.shiftJis = (n & 0x03) === 1 || (n & 0x03) === 2;
      return true;
    case 0x57: {
      // FS W n: Kanji quadruple size
      const q = (n & 0x01) === 1 ? 2 : 1;
      chars.kanjiStyle = { ...chars.kanjiStyle, width: q, height: q };
      return true;
    }
    case 0x28:
      // FS ( C pL pH fn m: fn 48 selects the character encoding (1 one/two-byte, 2 UTF-8)
      if (buf[at + 2] === 0x43 && len >= 7 && buf[at + 5] === 48) {
        const m = buf[at + 6];
        chars.utf8 = m === 2 || m === 0x32;
      }
      return true;
    default:
      return false;
  }
}
