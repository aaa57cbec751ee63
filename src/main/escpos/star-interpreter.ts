/**
 * The Star interpreter (Star Line mode and StarPRNT): walks the bytes with the Star grammar
 * (star-commands.ts, shared with the framer), decides what each command means, and leaves the
 * layout to the DocumentBuilder the ESC/POS interpreter uses, so both dialects wrap, align, cap
 * and count the same way. Text goes through the same Characters decoder, with Star's code page
 * numbers (ESC GS t n, star-code-pages.ts) mapped to the tables code-pages.ts reads. What a bar
 * code or 2D code scans as is read in star-codes.ts, pictures in star-images.ts: this file is the
 * command loop and the state commands leave for later ones.
 */
import type { Interpretation } from '../../shared';
import { Characters, type MultibyteEncoding } from './characters';
import { ESC, FS, Kind, NEED_MORE } from './commands';
import { DocumentBuilder } from './document-builder';
import { FONT_DOTS, type LayoutOptions } from './layout-options';
import { STAR_CODE_PAGES } from './star-code-pages';
import { type Code2d, newPdf417, newQr, printBarcode, printCode2d, setCode2d } from './star-codes';
import { measureStar, newStarMode } from './star-commands';
import { printStarImage } from './star-images';
import { decimalAt, digit, u16 } from './star-params';

export interface StarOptions extends LayoutOptions {
  /** The double-byte encoding of Kanji mode (ESC p, ESC $ 1) on Japanese and Chinese models. */
  multibyte?: MultibyteEncoding;
  /** Japanese and Chinese models start in Kanji mode. */
  kanjiAtStart?: boolean;
}

export function interpretStar(
  input: Uint8Array,
  options: StarOptions = {},
  dialect: 'star-line' | 'star-prnt' = 'star-line',
): Interpretation {
  const bytes = Buffer.isBuffer(input)
    ? input
    : Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  const b = new DocumentBuilder(options);
  const chars = new Characters(options.multibyte, options.kanjiAtStart);
  // A station set up to start in Shift JIS Kanji mode has a Japanese model (see ESC $ below).
  chars.japaneseModel = !!options.kanjiAtStart && chars.multibyte === 'shift_jis';
  const mode = newStarMode();
  let qr: Code2d;
  let pdf417: Code2d;
  /** Pitch (ESC M/P/:/g) and right space (ESC SP) both widen each character. */
  let pitchDots = 0;
  let rightSpace = 0;
  /** ESC l n / ESC Q n: margins in characters of font A from the paper's left edge. */
  let leftCols = 0;
  let rightCols = b.columns;
  /** ESC * r E / F n NUL: which cut the end of a raster page makes (12, 13: partial). */
  let rasterEnd = 0;
  let rasterFormFeed = 0;
  initialize();

  let i = 0;
  const end = bytes.length;
  while (i < end) {
    const c0 = bytes[i];
    if (c0 >= 0x20 && !mode.raster) {
      let j = i;
      let high = false;
      while (j < end && bytes[j] >= 0x20) {
        if (bytes[j] >= 0x80) high = true;
        j++;
      }
      chars.emit(bytes, i, j, high, b, i);
      i = j;
      continue;
    }
    // Line ends are most of the commands in a receipt: no need to measure them.
    if ((c0 === 0x0a || c0 === 0x0d) && !mode.raster) {
      layout(i++);
      continue;
    }
    const m = measureStar(bytes, i, end, mode);
    if (m.length === NEED_MORE || i + m.length > end) {
      b.truncatedCommand(bytes, i);
      break;
    }
    const len = m.length;
    switch (m.kind) {
      case Kind.Layout:
        layout(i);
        break;
      case Kind.Cut:
        b.event(isPartialCut(i) ? 'partial-cut' : 'cut', i);
        break;
      case Kind.Drawer:
        b.event('drawer-kick', i, drawer(i));
        break;
      case Kind.Buzzer:
        b.event('buzzer', i);
        break;
      case Kind.Init:
        b.reset();
        chars.reset();
        initialize();
        break;
      case Kind.Print:
        print(i, len);
        break;
      case Kind.Setting:
        setting(i, len);
        break;
      case Kind.Unknown:
        b.unknownCommand(bytes, i, len);
        break;
      default:
        break; // status requests print nothing
    }
    i += len;
  }
  return b.finish(dialect, end);

  /** What ESC @ (and CAN) put back: the code page, sizes, margins, codes' settings. */
  function initialize(): void {
    chars.setCodePage(STAR_CODE_PAGES[0]);
    qr = newQr();
    pdf417 = newPdf417();
    pitchDots = 0;
    rightSpace = 0;
    leftCols = 0;
    rightCols = b.columns;
  }

  function layout(at: number): void {
    const c = bytes[at];
    if (c === 0x0a) {
      b.lineFeed(at);
    } else if (c === 0x0d) {
      // CR feeds a line too, but POS software sends CR LF or LF CR pairs for one line end.
      if (bytes[at - 1] !== 0x0a && bytes[at + 1] !== 0x0a) b.lineFeed(at);
    } else if (c === 0x09) {
      b.tab();
    } else if (c === 0x0b || c === 0x0c) {
      b.finishLine(at); // VT, FF: feed to a tab position or the next page
    } else if (c === ESC) {
      const x = bytes[at + 1];
      const n = bytes[at + 2];
      if (x === 0x61)
        b.feedLines(n, at); // ESC a n
      else if (x === 0x4a)
        b.feedDots(n * 2, at); // ESC J n: n/4 mm
      else if (x === 0x49)
        b.feedDots(n, at); // ESC I n: n/8 mm
      else if (x === 0x2a)
        b.feedDots(decimalAt(bytes, at + 4, end), at); // ESC * r Y n NUL
      else if (x === 0x0c)
        b.finishLine(at); // ESC FF in a mode that does not cut
      else b.finishLine(at); // ESC j n: prints, then feeds backwards
    }
  }

  function isPartialCut(at: number): boolean {
    if (bytes[at + 1] === 0x64) return (digit(bytes[at + 2]) & 1) === 1; // ESC d 1, 3
    const cutMode = bytes[at + 1] === 0x0c && bytes[at + 2] === 0 ? rasterFormFeed : rasterEnd;
    return cutMode === 12 || cutMode === 13;
  }

  /**
   * BEL and FS drive external device 1, SUB and EM device 2, ESC * r D n NUL device n: the
   * drawer connector's pin 2 and pin 5, named as the ESC/POS interpreter names them.
   */
  function drawer(at: number): string {
    const c = bytes[at];
    const device =
      c === ESC ? (decimalAt(bytes, at + 4, end) === 2 ? 2 : 1) : c === 0x07 || c === FS ? 1 : 2;
    return device === 1 ? 'pin 2' : 'pin 5';
  }

  function setting(at: number, len: number): void {
    const p = bytes[at];
    if (p === 0x0e)
      b.setStyle({ width: 2 }); // SO
    else if (p === 0x14)
      b.setStyle({ width: 1 }); // DC4
    else if (p === 0x0f)
      b.setStyle({ upsideDown: true }); // SI
    else if (p === 0x12) b.setStyle({ upsideDown: false }); // DC2
    if (p !== ESC) return;
    const c = bytes[at + 1];
    const n = bytes[at + 2];
    switch (c) {
      case 0x45: // ESC E
      case 0x46: // ESC F
        b.setStyle({ bold: c === 0x45 });
        break;
      case 0x2d: // ESC - n
        b.setStyle({ underline: (digit(n) & 1) === 1 ? 1 : 0 });
        break;
      case 0x34: // ESC 4
      case 0x35: // ESC 5
        b.setStyle({ inverse: c === 0x34 });
        break;
      case 0x69: // ESC i n1 n2: height, width
        b.setStyle({ height: size(n), width: size(bytes[at + 3]) });
        break;
      case 0x57: // ESC W n
        b.setStyle({ width: size(n) });
        break;
      case 0x68: // ESC h n
        b.setStyle({ height: size(n) });
        break;
      case 0x0e: // ESC SO
      case 0x14: // ESC DC4
        b.setStyle({ height: c === 0x0e ? 2 : 1 });
        break;
      case 0x1e: // ESC RS F n: font
        if (n === 0x46) b.setStyle({ font: (['A', 'B', 'C'] as const)[digit(bytes[at + 3])] });
        break;
      case 0x4d: // ESC M / P / : / g: 12, 15, 16, 14 dot pitch
      case 0x50:
      case 0x3a:
      case 0x67:
        pitchDots = { 0x4d: 0, 0x50: 3, 0x3a: 4, 0x67: 2 }[c]!;
        b.charSpacing = pitchDots + rightSpace;
        break;
      case 0x20: // ESC SP n: right space
        rightSpace = digit(n);
        b.charSpacing = pitchDots + rightSpace;
        break;
      case 0x52: // ESC R n
        chars.setInternational(n);
        break;
      case 0x70: // ESC p / ESC q: JIS Kanji mode on / off; ESC $ n
      case 0x71:
        chars.kanji = c === 0x70;
        break;
      case 0x24:
        // Only models with Japanese characters take ESC $; cancelled, they print block graphics.
        chars.kanji = (digit(n) & 1) === 1;
        if (chars.multibyte === 'shift_jis') chars.japaneseModel = true;
        break;
      case 0x30: // ESC 0: 3 mm
        b.lineSpacing = 24;
        break;
      case 0x7a: // ESC z n: 0 = 3 mm, 1 = 4 mm
        b.lineSpacing = digit(n) === 0 ? 24 : 32;
        break;
      case 0x33: // ESC 3 n: n/4 mm
        b.lineSpacing = n * 2;
        break;
      case 0x6c: // ESC l n / ESC Q n: margins in characters
      case 0x51:
        if (c === 0x6c) leftCols = n;
        else rightCols = n;
        b.setMargins(leftCols * FONT_DOTS.A, Math.max(1, rightCols - leftCols) * FONT_DOTS.A);
        break;
      case 0x44: // ESC D n1..nk NUL: tab stops in characters
        b.setTabStops([...bytes.subarray(at + 2, at + len - 1)]);
        break;
      case 0x1d:
        escGs(at, len);
        break;
      case 0x2a: // ESC * r E / F n NUL: what ends a raster page
        if (bytes[at + 3] === 0x45) rasterEnd = decimalAt(bytes, at + 4, end);
        else if (bytes[at + 3] === 0x46) rasterFormFeed = decimalAt(bytes, at + 4, end);
        break;
      default:
        break; // slash zero, page length, tabs, pulse widths, ASB: nothing on paper
    }
  }

  function escGs(at: number, len: number): void {
    const x = bytes[at + 2];
    const n = bytes[at + 3];
    if (x === 0x61) {
      const v = digit(n) & 3;
      b.setAlign(v === 1 ? 'center' : v === 2 ? 'right' : 'left');
    } else if (x === 0x74) {
      const name = STAR_CODE_PAGES[n];
      if (name) chars.setCodePage(name);
      else {
        chars.setUnknownTable(n);
        b.warn(
          at,
          'undecodable',
          `Star code page ${n} is not one we can read; kept ${chars.codePage}.`,
        );
      }
      b.codePage(at, chars.codePage);
    } else if (x === 0x41) {
      b.moveTo(u16(bytes, at + 3));
    } else if (x === 0x52) {
      const d = u16(bytes, at + 3);
      b.moveBy(d >= 0x8000 ? d - 0x10000 : d);
    } else if (x === 0x79 || x === 0x78) {
      setCode2d(x === 0x79 ? qr : pdf417, x === 0x79, bytes, at, len);
    }
  }

  function print(at: number, len: number): void {
    if (printStarImage(b, bytes, at, len)) return; // raster lines, graphics, bit images
    if (bytes[at] !== ESC) return;
    const c = bytes[at + 1];
    if (c === 0x62) {
      printBarcode(b, bytes, at, len);
    } else if (c === 0x1d && (bytes[at + 2] === 0x79 || bytes[at + 2] === 0x78)) {
      const isQr = bytes[at + 2] === 0x79;
      printCode2d(b, isQr ? qr : pdf417, isQr ? 'qr' : 'pdf417', at);
    } else {
      // ESC FS p, ESC RS L: logos kept in the printer; ESC GS P 7: a page
      b.finishLine(at);
      b.printed = true;
      if (c !== 0x1d)
        b.warn(
          at,
          'undecodable',
          `Logo printed at byte ${at} is stored in the printer; it is not in the receipt.`,
        );
    }
  }
}

/** ESC i / W / h: 0..5 (or "0".."5") is 1..6 times the size. */
function size(n: number): number {
  return Math.min(digit(n), 5) + 1;
}
