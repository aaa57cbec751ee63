/**
 * The part-1 interpreter: text, line feeds, alignment, basic styles, cuts, drawer kicks and
 * status requests, with every other command consumed at its exact length (so the text stays
 * aligned) and recorded as a warning when unknown. The full interpreter (images, codes, Star,
 * every code page) grows from this file in part 2 and fills the same document model.
 */
import type {
  Align,
  Block,
  Interpretation,
  InterpreterWarning,
  ReceiptDocument,
  TextRun,
  TextStyle,
} from '../../shared';
import { DOCUMENT_VERSION } from '../../shared';
import { type BarcodeSettings, DEFAULT_BARCODE, hriPosition, readBarcode } from './barcodes';
import { ESC_T_TABLES, decodeTable, decodeWith } from './code-pages';
import { Codes2d } from './codes2d';
import { ESC, FS, GS, Kind, NEED_MORE, measure } from './commands';
import { type OpenImage, bitImageBand, closeImage, continueImage, rasterImage } from './images';

/** Bump when the interpreter's output changes, so stored receipts can be reinterpreted. */
export const INTERPRETER_VERSION = 1;

export interface InterpretOptions {
  /** Characters per line in font A; 48 for 80 mm paper, 32 for 58 mm. */
  columns?: number;
  widthDots?: number;
  /** Warnings kept per receipt; the rest are counted in one last warning. */
  maxWarnings?: number;
  /** Blocks kept per document (a receipt of nothing but line feeds must not build millions). */
  maxBlocks?: number;
  /** Bitmap bytes kept per document; images past it are noted, not decoded. */
  maxImageBytes?: number;
  /**
   * Encode image bitmaps into the document (default). Ingest only keeps the text, so it skips
   * the work; the document built when a receipt is opened has them.
   */
  bitmaps?: boolean;
}

interface State {
  align: Align;
  style: TextStyle;
  codePage: string;
  table: Uint16Array;
  barcode: BarcodeSettings;
}

const initialState = (): State => ({
  align: 'left',
  style: {},
  codePage: 'cp437',
  table: decodeTable('cp437'),
  barcode: { ...DEFAULT_BARCODE },
});

export function interpret(bytes: Uint8Array, options: InterpretOptions = {}): Interpretation {
  const columns = options.columns ?? 48;
  const maxWarnings = options.maxWarnings ?? 100;
  const blocks: Block[] = [];
  const warnings: InterpreterWarning[] = [];
  const codePages: ReceiptDocument['codePages'] = [];
  const textLines: string[] = [];
  let warningCount = 0;
  let printed = false;

  let state = initialState();
  let runs: TextRun[] = [];
  /** Undecoded text: bytes[textStart..textEnd) plus, for tabs, spaces already decoded. */
  let textStart = -1;
  let textEnd = -1;
  let lineAlign: Align = state.align;

  const warn = (offset: number, code: InterpreterWarning['code'], message: string): void => {
    warningCount++;
    if (warnings.length < maxWarnings) warnings.push({ offset, code, message });
  };

  const maxBlocks = options.maxBlocks ?? 100_000;
  const maxImageBytes = options.maxImageBytes ?? 32 * 1024 * 1024;
  let codes = new Codes2d();
  let openImage: OpenImage | null = null;
  let imageBytes = 0;
  let blocksCapped = false;

  const addBlock = (block: Block, offset: number): void => {
    if (blocks.length < maxBlocks) {
      blocks.push(block);
    } else if (!blocksCapped) {
      blocksCapped = true;
      warn(offset, 'limit', `More than ${maxBlocks} printed parts; the rest are in the text only.`);
    }
  };

  const closeOpenImage = (): void => {
    if (openImage) closeImage(openImage, options.bitmaps ?? true);
    openImage = null;
  };

  let textHigh = false;
  const appendText = (text: string): void => {
    const last = runs[runs.length - 1];
    // Runs share the state's style object until it changes, so identity means "same style".
    if (last && last.style === state.style) last.text += text;
    else runs.push({ text, style: state.style });
  };

  const flushRun = (): void => {
    if (textStart < 0) return;
    const from = textStart;
    textStart = -1;
    // Plain ASCII reads the same in every code table the printer has (bytes 0x20-0x7F).
    appendText(
      textHigh
        ? decodeWith(state.table, bytes, from, textEnd)
        : Buffer.from(bytes.buffer, bytes.byteOffset + from, textEnd - from).toString('latin1'),
    );
    textHigh = false;
  };

  const endLine = (offset: number): void => {
    flushRun();
    closeOpenImage();
    const lineText = runs.map((r) => r.text).join('');
    let width = 0;
    for (const r of runs) width += r.text.length * (r.style.width ?? 1);
    const trimmed = lineText.trimEnd();
    textLines.push(aligned(trimmed, width, lineAlign));
    addBlock({ kind: 'text', align: lineAlign, runs }, offset);
    runs = [];
    lineAlign = state.align;
  };

  /** Applies a style change; keys at their default are left out so documents stay small. */
  const setStyle = (change: Partial<TextStyle>): void => {
    flushRun();
    const next: Record<string, unknown> = { ...state.style, ...change };
    for (const key of Object.keys(next)) {
      const v = next[key];
      if (
        v === false ||
        v === 0 ||
        v === undefined ||
        (v === 1 && key !== 'underline') ||
        v === 'A'
      ) {
        delete next[key];
      }
    }
    if (!sameStyle(next as TextStyle, state.style)) state.style = next as TextStyle;
  };

  let i = 0;
  const end = bytes.length;
  while (i < end) {
    const b = bytes[i];
    if (b >= 0x20) {
      if (runs.length === 0 && textStart < 0) lineAlign = state.align;
      if (textStart < 0) textStart = i;
      let j = i;
      while (j < end) {
        const c = bytes[j];
        if (c < 0x20) break;
        if (c !== 0x20) printed = true;
        if (c >= 0x80) textHigh = true;
        j++;
      }
      textEnd = j;
      i = j;
      continue;
    }
    flushRun();
    const m = measure(bytes, i, end);
    if (m.length === NEED_MORE || i + m.length > end) {
      warn(
        i,
        'truncated-command',
        `Command 0x${hex(bytes, i, Math.min(end - i, 4))} is cut short.`,
      );
      break;
    }
    const len = m.length;
    switch (m.kind) {
      case Kind.Layout:
        if (b === 0x0a && openImage && runs.length === 0) {
          // The line feed after an image band moves past it; the next band may continue it.
        } else if (b === 0x0a || (b === ESC && (bytes[i + 1] === 0x64 || bytes[i + 1] === 0x4a))) {
          endLine(i);
          if (b === ESC && bytes[i + 1] === 0x64) {
            for (let k = 1; k < bytes[i + 2]; k++) endLine(i);
          }
        } else if (b === 0x09) {
          appendText(' ');
        }
        break;
      case Kind.Cut: {
        if (runs.length > 0) endLine(i);
        closeOpenImage();
        const partial = b === ESC ? bytes[i + 1] === 0x6d : isPartialGsCut(bytes[i + 2]);
        addBlock({ kind: 'event', event: partial ? 'partial-cut' : 'cut', offset: i }, i);
        break;
      }
      case Kind.Drawer:
        closeOpenImage();
        addBlock({ kind: 'event', event: 'drawer-kick', offset: i }, i);
        break;
      case Kind.Buzzer:
        closeOpenImage();
        addBlock({ kind: 'event', event: 'buzzer', offset: i }, i);
        break;
      case Kind.Init:
        flushRun();
        state = initialState();
        codes = new Codes2d();
        break;
      case Kind.Print:
        printed = true;
        printImage(i, len);
        break;
      case Kind.Setting:
        applySetting(bytes, i, len);
        break;
      case Kind.Unknown:
        warn(i, 'unknown-command', `Unknown command 0x${hex(bytes, i, len)} at byte ${i}.`);
        break;
      default:
        break; // status requests print nothing
    }
    i += len;
  }
  flushRun();
  if (runs.length > 0) endLine(end);
  closeOpenImage();
  if (warningCount > warnings.length) {
    warnings.push({
      offset: end,
      code: 'limit',
      message: `${warningCount - warnings.length} more warnings not listed.`,
    });
  }

  while (textLines.length > 0 && textLines[textLines.length - 1] === '') textLines.pop();

  return {
    document: {
      version: DOCUMENT_VERSION,
      dialect: 'escpos',
      paper: { widthDots: options.widthDots ?? 576, columns },
      blocks,
      codePages,
      warnings,
    },
    text: textLines.join('\n'),
    empty: !printed,
  };

  /** A line of plain text with the leading spaces its alignment puts before it. */
  function aligned(text: string, width: number, align: Align): string {
    if (text.length === 0) return '';
    const room = Math.max(columns - width, 0);
    const pad = align === 'center' ? Math.floor(room / 2) : align === 'right' ? room : 0;
    return ' '.repeat(pad) + text;
  }

  /** GS k: the barcode, and its human-readable line in the text when the printer prints one. */
  function printBarcode(at: number, length: number): void {
    if (runs.length > 0) endLine(at);
    closeOpenImage();
    const { block, warning } = readBarcode(bytes, at, length, state.barcode, state.align);
    if (warning) warn(at, 'undecodable', warning);
    addBlock(block, at);
    if (block.hri !== 'none') {
      const hri = [...block.data].filter((ch) => ch >= ' ').join(''); // FNC1 prints nothing
      textLines.push(aligned(hri, hri.length, block.align));
    }
  }

  /** GS ( k fn 81: the 2D code stored before it. */
  function print2d(at: number): void {
    if (runs.length > 0) endLine(at);
    closeOpenImage();
    const { block, warning } = codes.print(bytes, at, state.align);
    if (warning) warn(at, 'unknown-command', warning);
    if (block) addBlock(block, at);
  }

  /** GS v 0 and ESC * become images, GS k barcodes, GS ( k 2D codes; the rest come with part 2. */
  function printImage(at: number, length: number): void {
    if (bytes[at] === GS && bytes[at + 1] === 0x6b) {
      printBarcode(at, length);
      return;
    }
    if (bytes[at] === GS && bytes[at + 1] === 0x28 && bytes[at + 2] === 0x6b) {
      print2d(at);
      return;
    }
    const isRaster = bytes[at] === GS && bytes[at + 1] === 0x76;
    const isBitImage = bytes[at] === ESC && bytes[at + 1] === 0x2a;
    if (!isRaster && !isBitImage) {
      warn(
        at,
        'unknown-command',
        `Image or code at ${at} is not drawn yet (0x${hex(bytes, at, 3)}).`,
      );
      return;
    }
    if (isRaster && runs.length > 0) endLine(at);
    const image = isRaster
      ? rasterImage(bytes, at, state.align)
      : bitImageBand(bytes, at, state.align);
    if (!image) return;
    if (imageBytes + image.bytes > maxImageBytes) {
      warn(
        at,
        'limit',
        `Image at byte ${at} not decoded: the receipt's images passed ${maxImageBytes} bytes.`,
      );
      return;
    }
    imageBytes += image.bytes;
    if (continueImage(openImage, image)) return;
    closeOpenImage();
    openImage = image;
    addBlock(image.block, at);
  }

  function applySetting(buf: Uint8Array, at: number, len: number): void {
    const p = buf[at];
    const c = buf[at + 1];
    const n = len >= 3 ? buf[at + 2] : 0;
    if (p === ESC) {
      if (c === 0x61) {
        // ESC a n (n may be an ASCII digit)
        const v = n & 0x03;
        flushRun();
        state.align = v === 1 ? 'center' : v === 2 ? 'right' : 'left';
        if (runs.length === 0) lineAlign = state.align;
      } else if (c === 0x21) {
        setStyle({
          font: n & 0x01 ? 'B' : 'A',
          bold: (n & 0x08) !== 0,
          height: n & 0x10 ? 2 : 1,
          width: n & 0x20 ? 2 : 1,
          underline: n & 0x80 ? 1 : 0,
        });
      } else if (c === 0x45 || c === 0x47) {
        setStyle({ bold: (n & 0x01) === 1 });
      } else if (c === 0x2d) {
        const u = n & 0x03;
        setStyle({ underline: u === 2 ? 2 : u === 1 ? 1 : 0 });
      } else if (c === 0x74) {
        flushRun();
        const name = ESC_T_TABLES[n];
        if (name) {
          state.codePage = name;
          state.table = decodeTable(name);
        } else {
          warn(
            at,
            'undecodable',
            `Code table ${n} is not one this printer model has; kept ${state.codePage}.`,
          );
        }
        codePages.push({ offset: at, codePage: state.codePage });
      }
    } else if (p === GS && c === 0x28 && buf[at + 2] === 0x6b) {
      codes.set(buf, at, len); // GS ( k: 2D code settings and data
    } else if (p === GS && c === 0x68) {
      state.barcode.height = n; // GS h
    } else if (p === GS && c === 0x77) {
      state.barcode.moduleWidth = n; // GS w
    } else if (p === GS && c === 0x48) {
      state.barcode.hri = hriPosition(n); // GS H
    } else if (p === GS && c === 0x21) {
      setStyle({ width: ((n >> 4) & 0x07) + 1, height: (n & 0x07) + 1 });
    } else if (p === GS && c === 0x42) {
      setStyle({ inverse: (n & 0x01) === 1 });
    } else if (p === FS) {
      // Kanji mode and friends: part 2.
    }
  }
}

function isPartialGsCut(m: number): boolean {
  return m === 1 || m === 49 || m === 66 || m === 98 || m === 104;
}

function sameStyle(a: TextStyle, b: TextStyle): boolean {
  return (
    a.rotated === b.rotated &&
    a.upsideDown === b.upsideDown &&
    a.bold === b.bold &&
    a.underline === b.underline &&
    a.inverse === b.inverse &&
    a.width === b.width &&
    a.height === b.height &&
    a.font === b.font
  );
}

function hex(buf: Uint8Array, at: number, n: number): string {
  return Buffer.from(buf.subarray(at, at + n)).toString('hex');
}
