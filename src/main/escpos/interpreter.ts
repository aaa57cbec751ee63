/**
 * The ESC/POS interpreter: walks the bytes command by command with the same grammar as the
 * capture framer (commands.ts), so every documented command is consumed at its exact length and
 * an unknown one becomes a warning with its offset, never a guess. What each command means is
 * split by family: characters.ts (code tables, Kanji, UTF-8), text-settings.ts (styles and
 * layout), images.ts / graphics.ts (bitmaps), barcodes.ts and codes2d.ts (codes). Layout of the
 * result is the DocumentBuilder's job, shared with the Star interpreter.
 */
import type { Interpretation } from '../../shared';
import { type BarcodeSettings, DEFAULT_BARCODE, hriPosition, readBarcode } from './barcodes';
import { Characters, type MultibyteEncoding } from './characters';
import { Codes2d } from './codes2d';
import { DLE, ESC, FS, GS, Kind, NEED_MORE, measure } from './commands';
import { DocumentBuilder, hex } from './document-builder';
import type { LayoutOptions } from './layout-options';
import { Graphics } from './graphics';
import { bitImageBand, rasterImage } from './images';
import { applyTextSetting } from './text-settings';

/** Bump when the interpreter's output changes, so stored receipts can be reinterpreted. */
export const INTERPRETER_VERSION = 3;

export interface EscPosOptions extends LayoutOptions {
  /** The double-byte encoding of Kanji mode (the printer model's, set per station). */
  multibyte?: MultibyteEncoding;
  /** Japanese and Chinese models start in Kanji mode; others wait for FS &. */
  kanjiAtStart?: boolean;
}

export function interpretEscPos(input: Uint8Array, options: EscPosOptions = {}): Interpretation {
  const bytes = Buffer.isBuffer(input)
    ? input
    : Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  const b = new DocumentBuilder(options);
  const chars = new Characters(options.multibyte, options.kanjiAtStart);
  let barcode: BarcodeSettings = { ...DEFAULT_BARCODE };
  let codes = new Codes2d();
  /** Graphics the POS stored or defined; NV ones live in the printer and survive ESC @. */
  const graphics = new Graphics();
  /** ESC = n: with bit 0 clear the printer ignores data meant for another device (a display). */
  let enabled = true;
  /**
   * ESC r (print colour) seen: POS software sends it only to two-colour impact printers (TM-U220
   * and its kind), whose CR returns the print head.
   */
  let colour = false;

  let i = 0;
  const end = bytes.length;
  while (i < end) {
    const c0 = bytes[i];
    if (c0 >= 0x20) {
      // A run of printable bytes, decoded at once in the current character settings.
      let j = i;
      let high = false;
      while (j < end) {
        const c = bytes[j];
        if (c < 0x20) break;
        if (c >= 0x80) high = true;
        j++;
      }
      if (enabled) chars.emit(bytes, i, j, high, b, i);
      i = j;
      continue;
    }
    // Line ends are most of the commands in a receipt: no need to measure them.
    if (c0 === 0x0d && enabled) {
      // On a thermal printer CR prints nothing (automatic line feed off, every receipt printer's
      // default). On an impact printer it prints the line and takes the head back to the start
      // without feeding, so what follows overprints the same line (Epson's CR).
      // CR LF and LF CR, the usual line ends, are the same either way.
      if (
        bytes[i + 1] !== 0x0a &&
        !b.lineIsEmpty() &&
        (colour || selectsColourBeforeLf(bytes, i + 1))
      ) {
        b.carriageReturn();
      }
      i++;
      continue;
    }
    if (c0 === 0x0a && enabled) {
      b.lineFeed(i++);
      continue;
    }
    const m = measure(bytes, i, end);
    if (m.length === NEED_MORE || i + m.length > end) {
      b.truncatedCommand(bytes, i);
      break;
    }
    const len = m.length;
    if (!enabled && !(c0 === ESC && bytes[i + 1] === 0x3d)) {
      i += len; // for the customer display, not the paper
      continue;
    }
    switch (m.kind) {
      case Kind.Layout:
        layout(i);
        break;
      case Kind.Cut: {
        // ESC i and ESC m are both partial cuts on Epson (one and three points left uncut).
        const partial = c0 === ESC || isPartialGsCut(bytes[i + 2]);
        b.event(partial ? 'partial-cut' : 'cut', i);
        break;
      }
      case Kind.Drawer:
        b.event('drawer-kick', i, drawerPin(bytes, i));
        break;
      case Kind.Buzzer:
        b.event('buzzer', i);
        break;
      case Kind.Init:
        b.reset();
        chars.reset();
        barcode = { ...DEFAULT_BARCODE };
        codes = new Codes2d();
        graphics.initialize();
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
  return b.finish('escpos', end);

  function layout(at: number): void {
    const c = bytes[at];
    if (c === 0x0a) {
      b.lineFeed(at);
    } else if (c === 0x09) {
      b.tab();
    } else if (c === ESC) {
      const n = bytes[at + 2];
      if (bytes[at + 1] === 0x64)
        b.feedLines(n, at); // ESC d n
      else if (bytes[at + 1] === 0x4a)
        b.feedDots(n, at); // ESC J n
      else b.finishLine(at); // ESC e n: prints, then feeds backwards
    }
    // CR prints nothing with automatic line feed off (every receipt printer's default); FF ends
    // page mode, which is laid out as standard mode here.
  }

  function setting(at: number, len: number): void {
    if (applyTextSetting(b, chars, bytes, at, len)) return;
    const p = bytes[at];
    const c = bytes[at + 1];
    const n = len >= 3 ? bytes[at + 2] : 0;
    if (p === ESC && c === 0x3d) {
      enabled = (n & 0x01) === 1;
    } else if (p === ESC && c === 0x72) {
      colour = true; // ESC r n
    } else if (p === GS && c === 0x28 && bytes[at + 2] === 0x6b) {
      codes.set(bytes, at, len); // GS ( k: 2D code settings and data
    } else if (p === GS && ((c === 0x28 && bytes[at + 2] === 0x4c) || c === 0x38)) {
      const warning = graphics.set(bytes, at, len); // GS ( L / GS 8 L: store and define graphics
      if (warning) b.warn(at, 'undecodable', warning);
    } else if (p === GS && c === 0x2a) {
      const warning = graphics.defineDownloaded(bytes, at, len); // GS * x y
      if (warning) b.warn(at, 'undecodable', warning);
    } else if (p === FS && c === 0x71) {
      const warning = graphics.defineNvBitImages(bytes, at, len); // FS q
      if (warning) b.warn(at, 'undecodable', warning);
    } else if (p === GS && c === 0x68) {
      barcode.height = n; // GS h
    } else if (p === GS && c === 0x77) {
      barcode.moduleWidth = n; // GS w
    } else if (p === GS && c === 0x48) {
      barcode.hri = hriPosition(n); // GS H
    } else if (p === GS && c === 0x66) {
      barcode.hriFont = (n & 0x03) === 1 ? 'B' : (n & 0x03) === 2 ? 'C' : undefined; // GS f
    }
  }

  function print(at: number, len: number): void {
    const p = bytes[at];
    const c = bytes[at + 1];
    if (p === GS && c === 0x6b) {
      printBarcode(at, len);
    } else if (p === GS && c === 0x28 && bytes[at + 2] === 0x6b) {
      const { block, warning } = codes.print(bytes, at, b.align);
      if (warning) b.warn(at, 'unknown-command', warning);
      if (block) b.printed2d(block, at);
    } else if ((p === GS && c === 0x76) || (p === ESC && c === 0x2a)) {
      if (p === GS) b.finishLine(at);
      const image =
        p === GS
          ? rasterImage(bytes, at, b.align)
          : bitImageBand(bytes, at, b.align, b.encodeBitmaps);
      if (image) b.image(image, at);
    } else if (
      (p === GS && ((c === 0x28 && bytes[at + 2] === 0x4c) || c === 0x38 || c === 0x2f)) ||
      (p === FS && c === 0x70)
    ) {
      b.finishLine(at);
      const { image, warning } = graphics.print(bytes, at, len, b.align);
      if (warning) b.warn(at, 'undecodable', warning);
      if (image) b.image(image, at, false);
    } else if (p === FS || (p === GS && (c === 0x28 || c === 0x38 || c === 0x2f || c === 0x51))) {
      b.printed = true;
      b.warn(
        at,
        'unknown-command',
        `Image at byte ${at} is not drawn yet (0x${hex(bytes, at, 3)}).`,
      );
    } else if (p === ESC && c === 0x0c) {
      b.finishLine(at); // ESC FF: print the page-mode buffer
    }
  }

  /** GS k: the barcode, and its human-readable line in the text when the printer prints one. */
  function printBarcode(at: number, length: number): void {
    const { block, warning } = readBarcode(bytes, at, length, barcode, b.align);
    if (warning) b.warn(at, 'undecodable', warning);
    if (barcode.hriFont) block.hriFont = barcode.hriFont;
    const hri =
      block.hri === 'none' ? undefined : [...block.data].filter((ch) => ch >= ' ').join(''); // FNC1 prints nothing
    b.printed2d(block, at, hri);
  }
}

/**
 * Whether an ESC r (print colour) comes after a CR on its own line, before any had come before
 * it: black text, CR, then the red part. Looks at most to the line's end.
 */
function selectsColourBeforeLf(bytes: Buffer, from: number): boolean {
  const end = Math.min(bytes.length - 2, from + 4096);
  for (let i = from; i < end && bytes[i] !== 0x0a; i++) {
    if (bytes[i] === ESC && bytes[i + 1] === 0x72) return true;
  }
  return false;
}

/** ESC p m t1 t2 / DLE DC4 1 m t: which connector pin the pulse goes to. */
function drawerPin(bytes: Uint8Array, at: number): string {
  const m = bytes[at] === DLE ? bytes[at + 3] : bytes[at + 2];
  return (m & 0x01) === 1 ? 'pin 5' : 'pin 2';
}

function isPartialGsCut(m: number): boolean {
  return m === 1 || m === 49 || m === 66 || m === 98 || m === 104;
}
