/**
 * Lays out what a dialect's interpreter reads (text in the current style, line ends, positions,
 * images, codes, events) into the document model and the receipt's plain text. The ESC/POS and
 * the Star interpreters share it, so both wrap, align, cap and count the same way; they only
 * decide what each byte means.
 *
 * Positions are in printer dots from the left edge of the print area. The plain text is laid out
 * in columns of font A (12 dots): alignment and explicit positions become leading spaces, but a
 * double-width character stays one character, so search finds TOTAL, not T O T A L.
 */
import type {
  Align,
  Block,
  Dialect,
  EventCounts,
  Interpretation,
  InterpreterWarning,
  PrinterEventKind,
  ReceiptDocument,
  TextBlock,
  TextRun,
  TextStyle,
} from '../../shared';
import { DOCUMENT_VERSION } from '../../shared';
import {
  NO_PIXELS,
  type OpenImage,
  appendRow,
  closeImage,
  continueImage,
  open as openImage,
} from './images';

export interface LayoutOptions {
  /** Characters per line in the POS's setup: 32 (58 mm), 42, 48 (80 mm), 56 or 64. */
  columns?: number;
  /** Printable width in dots; follows from columns when not given (384 / 512 / 576). */
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

/** Character cell widths in dots at scale 1 (Epson 80 mm models; font C where fitted). */
export const FONT_DOTS: Readonly<Record<'A' | 'B' | 'C', number>> = { A: 12, B: 9, C: 9 };
/** A Kanji (or other double-byte) character is twice as wide as font A. */
export const WIDE_DOTS = 24;
/** Dots per line at the printer's default spacing (1/6 inch at 180-203 dpi). */
export const DEFAULT_LINE_DOTS = 30;

const WIDTH_FOR_COLUMNS: Readonly<Record<number, number>> = {
  32: 384,
  42: 512,
  48: 576,
  56: 512,
  64: 576,
};

export class DocumentBuilder {
  readonly columns: number;
  readonly widthDots: number;
  /** Dots per plain-text column. */
  private readonly colDots: number;
  private readonly maxWarnings: number;
  private readonly maxBlocks: number;
  private readonly maxImageBytes: number;
  /** False on ingest: image sizes matter there, their pixels do not. */
  readonly encodeBitmaps: boolean;

  private readonly blocks: Block[] = [];
  private readonly warnings: InterpreterWarning[] = [];
  private readonly codePages: ReceiptDocument['codePages'] = [];
  private readonly textLines: string[] = [];
  private readonly events: EventCounts = { cut: 0, 'partial-cut': 0, 'drawer-kick': 0, buzzer: 0 };
  private warningCount = 0;
  private blocksCapped = false;
  private imageBytes = 0;
  private openImage: OpenImage | null = null;
  /** True once anything visible was printed (not just settings, feeds and status requests). */
  printed = false;

  /** The current style; runs share this object until it changes, so identity means "same". */
  style: TextStyle = {};
  /** Alignment for the next line (a line keeps the alignment it started with). */
  align: Align = 'left';
  marginLeft = 0;
  areaWidth: number;
  /** Extra dots after each character (ESC SP), before width scaling. */
  charSpacing = 0;
  lineSpacing: number | null = null;
  /** Tab stops in character columns (ESC D), ascending; null = every 8 characters. */
  private tabColumns: number[] | null = null;

  // The line being built.
  private runs: TextRun[] = [];
  /** Where each run starts in dots and whether a position command put it there. */
  // Per run of the line (index = run), reused from line to line: a line is built per LF.
  private runStarts = new Float64Array(16);
  private runEnds = new Float64Array(16);
  private positioned = new Uint8Array(16);
  /** Where the next character goes, and how far right anything on the line reaches. */
  private lineDots = 0;
  private lineExtent = 0;
  private lineAlign: Align = 'left';
  private pendingX: number | null = null;

  constructor(options: LayoutOptions = {}) {
    this.columns = options.columns ?? 48;
    this.widthDots = options.widthDots ?? WIDTH_FOR_COLUMNS[this.columns] ?? this.columns * 12;
    this.colDots = Math.min(FONT_DOTS.A, this.widthDots / this.columns);
    this.areaWidth = this.widthDots;
    this.maxWarnings = options.maxWarnings ?? 100;
    this.maxBlocks = options.maxBlocks ?? 100_000;
    this.maxImageBytes = options.maxImageBytes ?? 32 * 1024 * 1024;
    this.encodeBitmaps = options.bitmaps ?? true;
  }

  // ---- Settings ------------------------------------------------------------------------------

  /** Applies a style change; keys at their default are left out so documents stay small. */
  setStyle(change: Partial<TextStyle>): void {
    const cur = this.style;
    const next: TextStyle = {};
    const bold = 'bold' in change ? change.bold : cur.bold;
    const underline = 'underline' in change ? change.underline : cur.underline;
    const inverse = 'inverse' in change ? change.inverse : cur.inverse;
    const upsideDown = 'upsideDown' in change ? change.upsideDown : cur.upsideDown;
    const rotated = 'rotated' in change ? change.rotated : cur.rotated;
    const font = 'font' in change ? change.font : cur.font;
    const width = 'width' in change ? change.width : cur.width;
    const height = 'height' in change ? change.height : cur.height;
    if (bold) next.bold = true;
    if (underline) next.underline = underline;
    if (inverse) next.inverse = true;
    if (upsideDown) next.upsideDown = true;
    if (rotated) next.rotated = true;
    if (font && font !== 'A') next.font = font;
    if (width && width !== 1) next.width = width;
    if (height && height !== 1) next.height = height;
    if (!sameStyle(next, cur)) this.style = next;
  }

  setAlign(align: Align): void {
    this.align = align;
    if (this.runs.length === 0) this.lineAlign = align;
  }

  /** Resets what ESC @ (or Star's ESC @) resets; the line in progress is kept. */
  reset(): void {
    this.style = {};
    this.setAlign('left');
    this.marginLeft = 0;
    this.areaWidth = this.widthDots;
    this.charSpacing = 0;
    this.lineSpacing = null;
    this.setTabStops(null);
  }

  /** Margin and print-area width in dots; both clamped to the paper. */
  setMargins(left: number | null, width: number | null): void {
    if (left !== null) this.marginLeft = Math.min(left, this.widthDots - 1);
    if (width !== null) this.areaWidth = width;
    this.areaWidth = Math.max(1, Math.min(this.areaWidth, this.widthDots - this.marginLeft));
  }

  /** Tab stops in character columns (null: every 8 characters), in the font of each HT. */
  setTabStops(columns: number[] | null): void {
    this.tabColumns = columns?.filter((c, k) => c > 0 && (k === 0 || c > columns[k - 1])) ?? null;
  }

  codePage(offset: number, name: string): void {
    this.codePages.push({ offset, codePage: name });
  }

  warn(offset: number, code: InterpreterWarning['code'], message: string): void {
    this.warningCount++;
    if (this.warnings.length < this.maxWarnings) this.warnings.push({ offset, code, message });
  }

  // ---- Text ------------------------------------------------------------------------------------

  /** Dots one character takes in the current style (wide: a double-byte character). */
  cellDots(wide: boolean): number {
    const s = this.style;
    const base = wide ? WIDE_DOTS : FONT_DOTS[s.font ?? 'A'];
    return (base + this.charSpacing) * (s.width ?? 1);
  }

  /** Printable characters in the current style; wraps at the print area's edge like paper. */
  text(chars: string, wide = false, marks = false): void {
    if (chars.length === 0) return;
    if (!this.printed && chars.trim() !== '') this.printed = true;
    if (this.runs.length === 0 && this.lineDots === 0) this.lineAlign = this.align;
    const cell = this.cellDots(wide);
    // Combining marks (Thai vowels and tones, accents sent apart) print over the character
    // before them and take no column; only text that left ASCII can hold them.
    const combining = marks && MARK.test(chars);
    let rest = chars;
    for (;;) {
      const room = this.areaWidth - this.lineDots;
      const fits = Math.floor(room / cell);
      const columns = combining ? visibleLength(rest) : rest.length;
      if (columns <= fits) {
        this.append(rest, columns * cell);
        return;
      }
      // At least one character per line, or a character wider than the area would never print.
      const take = Math.max(fits, this.lineDots === 0 ? 1 : 0);
      const cut = combining ? indexAfterVisible(rest, take) : take;
      if (take > 0) this.append(rest.slice(0, cut), take * cell);
      rest = rest.slice(cut);
      this.endLine(-1);
      if (rest.length === 0) return;
    }
  }

  private append(chars: string, dots: number): void {
    const k = this.runs.length - 1;
    if (k >= 0 && this.runs[k].style === this.style && this.pendingX === null) {
      this.runs[k].text += chars;
    } else {
      const run: TextRun = { text: chars, style: this.style };
      const explicit = this.pendingX !== null;
      if (explicit) {
        run.x = this.pendingX!;
        this.lineDots = this.pendingX!; // the print head moved there
      }
      const n = this.runs.push(run) - 1;
      if (n === this.runStarts.length) this.growRuns();
      this.runStarts[n] = this.lineDots;
      this.runEnds[n] = this.lineDots;
      this.positioned[n] = explicit ? 1 : 0;
      this.pendingX = null;
    }
    this.lineDots += dots;
    this.runEnds[this.runs.length - 1] = this.lineDots;
    if (this.lineDots > this.lineExtent) this.lineExtent = this.lineDots;
  }

  /** HT: to the next tab stop, if there is one within the print area. */
  tab(): void {
    const x = this.pendingX ?? this.lineDots;
    const cell = this.cellDots(false);
    const cols = this.tabColumns;
    // Default stops every 8 characters; at most 32 stops, as the printer keeps.
    const column = cols ? cols.find((c) => c * cell > x) : (Math.floor(x / (8 * cell)) + 1) * 8;
    if (column === undefined || (!cols && column > 32 * 8)) return;
    if (column * cell < this.areaWidth) this.moveTo(column * cell);
  }

  /** Absolute horizontal position in dots from the print area's left edge (ESC $). */
  moveTo(x: number): void {
    if (x < 0 || x >= this.areaWidth) return; // the printer ignores positions off the area
    if (this.runs.length === 0 && this.lineDots === 0) this.lineAlign = this.align;
    this.pendingX = x;
  }

  /** Relative horizontal move in dots (ESC \); negative moves left. */
  moveBy(dx: number): void {
    this.moveTo((this.pendingX ?? this.lineDots) + dx);
  }

  /** Ends the line (LF, CR where it prints, wraps). A line with nothing on it is a blank line. */
  endLine(offset: number): void {
    this.closeImage();
    this.textLines.push(this.plainLine());
    const block: TextBlock = { kind: 'text', align: this.lineAlign, runs: this.runs };
    if (this.marginLeft) block.marginLeft = this.marginLeft;
    if (this.areaWidth !== this.widthDots - this.marginLeft && this.areaWidth < this.widthDots) {
      block.areaWidth = this.areaWidth;
    }
    if (this.lineSpacing !== null) block.lineSpacing = this.lineSpacing;
    this.block(block, offset);
    this.runs = [];
    this.lineDots = 0;
    this.lineExtent = 0;
    this.pendingX = null;
    this.lineAlign = this.align;
  }

  /** LF. Right after an image band with nothing else on the line it only moves past the band. */
  lineFeed(offset: number): void {
    if (this.openImage && this.lineIsEmpty()) return;
    this.endLine(offset);
  }

  /** Ends a line only if something is on it (before images, codes, cuts). */
  finishLine(offset: number): void {
    if (!this.lineIsEmpty()) this.endLine(offset);
  }

  lineIsEmpty(): boolean {
    return this.runs.length === 0 && this.pendingX === null;
  }

  /** Feeds paper by dots with nothing printed: prints the line in progress, then blank lines. */
  feedDots(dots: number, offset: number): void {
    if (this.openImage && this.lineIsEmpty() && dots > 0 && dots <= this.lastBandDots()) {
      return; // ESC J of up to one band's height between bands: the next band continues it
    }
    const hadLine = !this.lineIsEmpty();
    this.finishLine(offset);
    this.closeImage();
    if (dots <= 0) return;
    this.block({ kind: 'feed', dots }, offset);
    const lineDots = this.lineSpacing ?? DEFAULT_LINE_DOTS;
    // The feed after a printed line replaces that line's own spacing.
    const blank = Math.round(dots / lineDots) - (hadLine ? 1 : 0);
    for (let k = 0; k < blank && k < 255; k++) this.textLines.push('');
  }

  /** Prints the line in progress and feeds n lines (ESC d n; n = 0 still prints the line). */
  feedLines(n: number, offset: number): void {
    if (n === 0) {
      this.finishLine(offset);
      return;
    }
    this.endLine(offset);
    for (let k = 1; k < n; k++) this.endLine(offset);
  }

  // ---- Everything else on paper ------------------------------------------------------------------

  /** Adds a block, unless the document is at its cap. */
  block(block: Block, offset: number): void {
    if (this.blocks.length < this.maxBlocks) {
      this.blocks.push(block);
    } else if (!this.blocksCapped) {
      this.blocksCapped = true;
      this.warn(
        offset,
        'limit',
        `More than ${this.maxBlocks} printed parts; the rest are in the text only.`,
      );
    }
  }

  /** A printed block that stands on its own lines (barcode, 2D code): ends the text line first. */
  printed2d(block: Block, offset: number, hri?: string): void {
    this.finishLine(offset);
    this.closeImage();
    this.printed = true;
    this.block(block, offset);
    if (hri) this.textLines.push(this.alignedText(hri, hri.length * FONT_DOTS.A, 0, this.align));
  }

  /** A cut, drawer kick or buzzer, counted even when the document is full. */
  event(event: PrinterEventKind, offset: number, detail?: string): void {
    if (event === 'cut' || event === 'partial-cut') this.finishLine(offset);
    this.closeImage();
    this.events[event]++;
    this.block(
      detail ? { kind: 'event', event, offset, detail } : { kind: 'event', event, offset },
      offset,
    );
  }

  /**
   * An image (or band of one). Bands printed one after another join into one image (`join`:
   * raster and bit-image bands do; whole graphics and logos do not); images past the document's
   * bitmap cap are noted, not kept.
   */
  image(image: OpenImage, offset: number, join = true): void {
    this.printed = true;
    if (this.imageBytes + image.bytes > this.maxImageBytes) {
      this.warn(
        offset,
        'limit',
        `Image at byte ${offset} not decoded: the receipt's images passed ${this.maxImageBytes} bytes.`,
      );
      return;
    }
    this.imageBytes += image.bytes;
    if (join && continueImage(this.openImage, image)) return;
    this.closeImage();
    this.openImage = image;
    this.block(image.block, offset);
  }

  /**
   * One raster row (Star raster mode sends a picture a row at a time): grows the open raster
   * image in place instead of making an image per row. Rows are copied only when the document
   * keeps bitmaps.
   */
  rasterRow(bytes: Uint8Array, from: number, rowBytes: number, offset: number): void {
    const open = this.openImage;
    const block = open?.block;
    if (
      open?.rows &&
      block!.source === 'raster' &&
      open.rowBytes === rowBytes &&
      block!.scaleX === 1 &&
      block!.scaleY === 1 &&
      block!.align === this.align &&
      this.imageBytes + rowBytes <= this.maxImageBytes
    ) {
      this.imageBytes += rowBytes;
      open.bytes += rowBytes;
      block!.height++;
      if (this.encodeBitmaps) appendRow(open.rows, bytes, from, rowBytes);
      return;
    }
    const image = openImage('raster', rowBytes, 0, NO_PIXELS, 1, 1, this.align);
    image.rows = { buf: new Uint8Array(this.encodeBitmaps ? rowBytes * 64 : 0), used: 0 };
    image.bytes = 0;
    this.image(image, offset, false);
    if (this.openImage === image) this.rasterRow(bytes, from, rowBytes, offset);
  }

  /** Height on paper of the open image's last band, in dots (scale included). */
  private lastBandDots(): number {
    const image = this.openImage!;
    const band = image.bands[image.bands.length - 1];
    return band && image.rowBytes > 0 ? (band.length / image.rowBytes) * image.block.scaleY : 0;
  }

  closeImage(): void {
    if (this.openImage) closeImage(this.openImage, this.encodeBitmaps);
    this.openImage = null;
  }

  // ---- The result ----------------------------------------------------------------------------------

  finish(dialect: Dialect, end: number): Interpretation {
    this.finishLine(end);
    this.closeImage();
    if (this.warningCount > this.warnings.length) {
      this.warnings.push({
        offset: end,
        code: 'limit',
        message: `${this.warningCount - this.warnings.length} more warnings not listed.`,
      });
    }
    const lines = this.textLines;
    while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
    return {
      document: {
        version: DOCUMENT_VERSION,
        dialect,
        paper: { widthDots: this.widthDots, columns: this.columns },
        blocks: this.blocks,
        codePages: this.codePages,
        warnings: this.warnings,
      },
      events: this.events,
      text: lines.join('\n'),
      empty: !this.printed,
    };
  }

  private growRuns(): void {
    const n = this.runStarts.length * 2;
    const grow = <T extends Float64Array | Uint8Array>(a: T, b: T): T => (b.set(a), b);
    this.runStarts = grow(this.runStarts, new Float64Array(n));
    this.runEnds = grow(this.runEnds, new Float64Array(n));
    this.positioned = grow(this.positioned, new Uint8Array(n));
  }

  /** The line in progress as plain text: positioned runs after the spaces their gap is worth. */
  private plainLine(): string {
    const runs = this.runs;
    if (runs.length === 0) return '';
    let text = runs[0].text;
    for (let k = 1; k < runs.length; k++) {
      const gap = this.runStarts[k] - this.runEnds[k - 1];
      if (this.positioned[k] && gap > 0) {
        text += ' '.repeat(Math.max(1, Math.round(gap / this.colDots)));
      }
      text += runs[k].text;
    }
    const start = this.runStarts[0];
    return this.alignedText(text.trimEnd(), this.lineExtent - start, start, this.lineAlign);
  }

  /** Leading spaces for the margin, the first run's position and the line's alignment. */
  private alignedText(text: string, widthDots: number, startDots: number, align: Align): string {
    if (text.length === 0) return '';
    const room = Math.max(this.areaWidth - startDots - widthDots, 0);
    const roomCols = Math.floor(room / this.colDots);
    const pad = align === 'center' ? Math.floor(roomCols / 2) : align === 'right' ? roomCols : 0;
    const lead = Math.round((this.marginLeft + startDots) / this.colDots) + pad;
    return ' '.repeat(lead) + text;
  }
}

const MARK = /\p{M}/u;

/** Characters that take a column: all but combining marks. */
function visibleLength(s: string): number {
  let n = 0;
  for (const ch of s) if (!MARK.test(ch)) n++;
  return n;
}

/** Index just past the first n column-taking characters and the marks that sit on them. */
function indexAfterVisible(s: string, n: number): number {
  let seen = 0;
  let i = 0;
  while (i < s.length) {
    const ch = String.fromCodePoint(s.codePointAt(i)!);
    if (!MARK.test(ch)) {
      if (seen === n) break;
      seen++;
    }
    i += ch.length;
  }
  return i;
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
