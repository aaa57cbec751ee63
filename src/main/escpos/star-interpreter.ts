/**
 * The Star interpreter (Star Line mode and StarPRNT): walks the bytes with the Star grammar
 * (star-commands.ts, shared with the framer), decides what each command means, and leaves the
 * layout to the DocumentBuilder the ESC/POS interpreter uses, so both dialects wrap, align, cap
 * and count the same way. Text goes through the same Characters decoder, with Star's code page
 * numbers (ESC GS t n) mapped to the tables code-pages.ts reads.
 */
import type { Codepage } from '@point-of-sale/codepage-encoder';
import type { BarcodeBlock, Code2dBlock, Interpretation } from '../../shared';
import { completeCheckDigit, checkDigit } from './barcodes';
import { Characters, type MultibyteEncoding } from './characters';
import { ESC, FS, Kind, NEED_MORE } from './commands';
import { DocumentBuilder, FONT_DOTS, type LayoutOptions } from './document-builder';
import { open } from './images';
import { measureStar, newStarMode } from './star-commands';

export interface StarOptions extends LayoutOptions {
  /** The double-byte encoding of Kanji mode (ESC p, ESC $ 1) on Japanese and Chinese models. */
  multibyte?: MultibyteEncoding;
}

/** ESC GS t n -> code page (StarPRNT / Star Line mode code page table). */
export const STAR_CODE_PAGES: Readonly<Record<number, Codepage>> = {
  0: 'star/standard',
  1: 'cp437',
  2: 'star/katakana',
  3: 'cp437',
  4: 'cp858',
  5: 'cp852',
  6: 'cp860',
  7: 'cp861',
  8: 'cp863',
  9: 'cp865',
  10: 'cp866',
  11: 'cp855',
  12: 'cp857',
  13: 'cp862',
  14: 'cp864',
  15: 'cp737',
  16: 'cp851',
  17: 'cp869',
  18: 'star/cp928',
  19: 'cp772',
  20: 'cp774',
  21: 'star/cp874',
  32: 'windows1252',
  33: 'windows1250',
  34: 'windows1251',
  64: 'cp3840',
  65: 'cp3841',
  66: 'cp3843',
  67: 'cp3844',
  68: 'cp3845',
  69: 'cp3846',
  70: 'cp3847',
  71: 'cp3848',
  72: 'cp1001',
  73: 'cp771',
  74: 'cp3001',
  75: 'cp3002',
  76: 'cp3011',
  77: 'cp3012',
  78: 'cp3021',
  79: 'cp3041',
  96: 'thai42',
  97: 'thai11',
  98: 'thai13',
  99: 'thai14',
  100: 'thai16',
  102: 'thai18',
};

/** ESC b n1: bar code types (n1 may be an ASCII digit). */
const SYMBOLOGY: readonly string[] = [
  'upc-e',
  'upc-a',
  'ean8',
  'ean13',
  'code39',
  'itf',
  'code128',
  'code93',
  'codabar',
  'gs1-128',
  'gs1-databar-omni',
  'gs1-databar-truncated',
  'gs1-databar-limited',
  'gs1-databar-expanded',
];

const QR_ECC = ['L', 'M', 'Q', 'H'];

/** A parameter the POS may send as a number or as its ASCII digit. */
const digit = (n: number): number => (n >= 0x30 && n <= 0x39 ? n - 0x30 : n);
const u16 = (buf: Uint8Array, i: number): number => buf[i] + buf[i + 1] * 256;

interface Code2d {
  data: Uint8Array | null;
  raw: Uint8Array | null;
  moduleSize: number;
  errorCorrection?: string;
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
  const chars = new Characters(options.multibyte, false);
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
    const m = measureStar(bytes, i, end, mode);
    if (m.length === NEED_MORE || i + m.length > end) {
      b.warn(
        i,
        'truncated-command',
        `Command 0x${hex(bytes, i, Math.min(end - i, 4))} at byte ${i} is cut short by the end of the receipt.`,
      );
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
        b.warn(i, 'unknown-command', `Unknown command 0x${hex(bytes, i, len)} at byte ${i}.`);
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
    qr = { data: null, raw: null, moduleSize: 3, errorCorrection: 'L' };
    pdf417 = { data: null, raw: null, moduleSize: 2 };
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
        b.feedDots(decimalAt(at + 4), at); // ESC * r Y n NUL
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
    const device = c === ESC ? (decimalAt(at + 4) === 2 ? 2 : 1) : c === 0x07 || c === FS ? 1 : 2;
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
        chars.kanji = (digit(n) & 1) === 1;
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
        if (bytes[at + 3] === 0x45) rasterEnd = decimalAt(at + 4);
        else if (bytes[at + 3] === 0x46) rasterFormFeed = decimalAt(at + 4);
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
      code2dSetting(x === 0x79 ? qr : pdf417, x === 0x79, at, len);
    }
  }

  /** ESC GS y / ESC GS x S (settings) and D (data). */
  function code2dSetting(s: Code2d, isQr: boolean, at: number, len: number): void {
    const f = bytes[at + 3];
    const k = bytes[at + 4];
    if (f === 0x44) {
      const from = isQr ? at + 8 : at + 6;
      s.data = bytes.slice(from, at + len);
      s.raw = bytes.slice(at, at + len);
    } else if (f === 0x53) {
      const n = bytes[at + 5];
      if (isQr && k === 0x31) s.errorCorrection = QR_ECC[n & 3];
      else if (isQr && k === 0x32) s.moduleSize = n;
      else if (!isQr && k === 0x31) s.errorCorrection = `level ${n}`;
      else if (!isQr && k === 0x32) s.moduleSize = n;
    }
  }

  function print(at: number, len: number): void {
    const p = bytes[at];
    const c = bytes[at + 1];
    if (p === 0x62 || p === 0x6b) {
      // b / k n1 n2 d1..dk: one raster row
      const rowBytes = u16(bytes, at + 1);
      if (rowBytes > 0)
        b.image(open('raster', rowBytes, 1, bytes.slice(at + 3, at + len), 1, 1, b.align), at);
      return;
    }
    if (p !== ESC) return;
    if (c === 0x62) {
      printBarcode(at, len);
    } else if (c === 0x1d && (bytes[at + 2] === 0x79 || bytes[at + 2] === 0x78)) {
      const isQr = bytes[at + 2] === 0x79;
      const block = code2d(isQr ? qr : pdf417, isQr ? 'qr' : 'pdf417', at);
      if (block) b.printed2d(block, at);
    } else if (c === 0x1d && bytes[at + 2] === 0x53) {
      // ESC GS S m xL xH yL yH n d: StarPRNT graphics, row by row
      b.finishLine(at);
      const rowBytes = u16(bytes, at + 4);
      const rows = u16(bytes, at + 6);
      if (rowBytes > 0 && rows > 0) {
        b.image(
          open('raster', rowBytes, rows, bytes.slice(at + 9, at + len), 1, 1, b.align),
          at,
          false,
        );
      }
    } else if (c === 0x6b) {
      // ESC k n1 n2: 24 rows of n1 + n2 * 256 bytes
      const rowBytes = u16(bytes, at + 2);
      if (rowBytes > 0)
        b.image(open('raster', rowBytes, 24, bytes.slice(at + 4, at + len), 1, 1, b.align), at);
    } else if (c === 0x4b || c === 0x4c || c === 0x58 || c === 0x5e) {
      bitImage(at, len);
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

  /** ESC K / L (8 dots, each 3 tall), ESC X (24 dots), ESC ^ (9-pin): columns, MSB on top. */
  function bitImage(at: number, len: number): void {
    const c = bytes[at + 1];
    const head = c === 0x5e ? 5 : 4;
    const columns = u16(bytes, head - 2 + at);
    const perColumn = c === 0x58 ? 3 : c === 0x5e ? (digit(bytes[at + 2]) >= 4 ? 3 : 2) : 1;
    if (columns === 0 || len < head + columns * perColumn) return;
    const rowBytes = Math.ceil(columns / 8);
    const rows = perColumn * 8;
    const bitmap = new Uint8Array(rowBytes * rows);
    for (let x = 0; x < columns; x++) {
      for (let k = 0; k < perColumn; k++) {
        const byte = bytes[at + head + x * perColumn + k];
        for (let bit = 0; bit < 8; bit++) {
          if (byte & (0x80 >> bit)) bitmap[(k * 8 + bit) * rowBytes + (x >> 3)] |= 0x80 >> (x & 7);
        }
      }
    }
    const scaleX = c === 0x4b ? 3 : 1;
    const scaleY = c === 0x4b || c === 0x4c ? 3 : 1;
    b.image(open('bit-image', rowBytes, rows, bitmap, scaleX, scaleY, b.align, columns), at);
  }

  function code2d(s: Code2d, symbology: Code2dBlock['symbology'], at: number): Code2dBlock | null {
    if (!s.data || !s.raw) {
      b.warn(
        at,
        'undecodable',
        `A ${symbology} code was printed at byte ${at} before any data was set.`,
      );
      return null;
    }
    return {
      kind: 'code2d',
      symbology,
      data: readable(s.data),
      rawBase64: Buffer.from(s.raw).toString('base64'),
      moduleSize: s.moduleSize,
      ...(s.errorCorrection ? { errorCorrection: s.errorCorrection } : {}),
      align: b.align,
    };
  }

  /** ESC b n1 n2 n3 n4 d1..dk RS: the symbol, and its under-bar characters in the text. */
  function printBarcode(at: number, len: number): void {
    const type = digit(bytes[at + 2]);
    const symbology = SYMBOLOGY[type] ?? `unknown-${type}`;
    if (!SYMBOLOGY[type])
      b.warn(at, 'undecodable', `Bar code type ${type} is not one Star documents.`);
    const under = digit(bytes[at + 3]);
    const n3 = digit(bytes[at + 4]);
    let data = bytes.toString('latin1', at + 6, at + len - 1);
    if (symbology === 'code128' || symbology === 'gs1-128') data = decodeStarCode128(data);
    else if (symbology === 'upc-e') data = upcE(data);
    else data = completeCheckDigit(symbology, data);
    const block: BarcodeBlock = {
      kind: 'barcode',
      symbology,
      data,
      rawBase64: bytes.toString('base64', at, at + len),
      height: bytes[at + 5],
      moduleWidth: moduleWidth(symbology, n3),
      hri: under === 2 || under === 4 ? 'below' : 'none',
      align: b.align,
    };
    const hri = block.hri === 'none' ? undefined : [...data].filter((ch) => ch >= ' ').join('');
    b.printed2d(block, at, hri);
  }

  /** ESC * r x n NUL: the ASCII decimal n starting at `from`. */
  function decimalAt(from: number): number {
    let n = 0;
    for (let k = from; k < end && bytes[k] >= 0x30 && bytes[k] <= 0x39 && n < 1e6; k++) {
      n = n * 10 + bytes[k] - 0x30;
    }
    return n;
  }
}

/** ESC i / W / h: 0..5 (or "0".."5") is 1..6 times the size. */
function size(n: number): number {
  return Math.min(digit(n), 5) + 1;
}

/** ESC b n3: the narrow module in dots (modes 1..3 for most; 1..9 for Code 39, NW-7, ITF). */
function moduleWidth(symbology: string, n3: number): number {
  const k = Math.max(1, Math.min(n3, 9)) - 1;
  return (symbology === 'itf' ? [2, 4, 6, 2, 4, 6, 2, 3, 4] : [2, 3, 4])[
    symbology === 'itf' ? k : k % 3
  ];
}

/**
 * Star Code 128 data: the printer picks the code sets; %0 is a percent sign, % plus 40H..5FH a
 * control character, %5 DEL, %1..%4 the function characters (FNC1 reads as GS after the first
 * position, as GS1 scanners pass it), %6..%8 start codes (nothing to read).
 */
export function decodeStarCode128(data: string): string {
  let out = '';
  for (let k = 0; k < data.length; k++) {
    const ch = data[k];
    if (ch !== '%' || k + 1 >= data.length) {
      out += ch;
      continue;
    }
    const e = data.charCodeAt(++k);
    if (e === 0x30) out += '%';
    else if (e === 0x35) out += '\x7f';
    else if (e === 0x31) out += out.length > 0 ? '\x1d' : '';
    else if (e >= 0x40 && e <= 0x5f) out += String.fromCharCode(e - 0x40);
  }
  return out;
}

/**
 * Star takes UPC-E as the 11 (or 12) digits of the UPC-A number and prints it zero-suppressed;
 * a scanner reads the 8-digit UPC-E: number system, six digits, the UPC-A check digit.
 */
export function upcE(data: string): string {
  if (!/^[01]\d{10,11}$/u.test(data)) return data;
  const a = data.slice(0, 11);
  const m = a.slice(1, 6);
  const p = a.slice(6, 11);
  let six: string | null = null;
  if (/^\d\d[012]00$/u.test(m) && p.startsWith('00')) six = m.slice(0, 2) + p.slice(2) + m[2];
  else if (m.endsWith('00') && p.startsWith('000')) six = m.slice(0, 3) + p.slice(3) + '3';
  else if (m.endsWith('0') && p.startsWith('0000')) six = m.slice(0, 4) + p[4] + '4';
  else if (p.startsWith('0000') && p[4] >= '5') six = m + p[4];
  return six ? a[0] + six + checkDigit(a) : data;
}

/** Scanners hand over UTF-8 when the bytes are valid UTF-8, the bytes as Latin-1 otherwise. */
function readable(data: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(data);
  } catch {
    return Buffer.from(data.buffer, data.byteOffset, data.length).toString('latin1');
  }
}

function hex(buf: Uint8Array, at: number, n: number): string {
  return Buffer.from(buf.subarray(at, at + n)).toString('hex');
}
