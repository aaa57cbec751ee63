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
  ImageBlock,
  Interpretation,
  InterpreterWarning,
  PrinterEventKind,
  ReceiptDocument,
  TextBlock,
  TextStyle,
} from '../../shared';
import { DOCUMENT_VERSION } from '../../shared';
import type { OpenImage } from './images';
import {
  DEFAULT_LINE_DOTS,
  FONT_DOTS,
  type LayoutOptions,
  WIDE_DOTS,
  WIDTH_FOR_COLUMNS,
} from './layout-options';
import { Line } from './line';
import { Pictures } from './pictures';
import { visibleLength, indexAfterVisible, MARK, padded } from './plain-text';
import { normalStyle } from './styles';

export class DocumentBuilder {
  readonly columns: number;
  readonly widthDots: number;
  /** Dots per plain-text column. */
  private readonly colDots: number;
  private readonly maxWarnings: number;
  private readonly maxBlocks: number;
  /** False on ingest: image sizes matter there, their pixels do not. */
  readonly encodeBitmaps: boolean;

  private readonly blocks: Block[] = [];
  private readonly warnings: InterpreterWarning[] = [];
  private readonly codePages: ReceiptDocument['codePages'] = [];
  private readonly textLines: string[] = [];
  private readonly events: EventCounts = { cut: 0, 'partial-cut': 0, 'drawer-kick': 0, buzzer: 0 };
  private warningCount = 0;
  private blocksCapped = false;
  private readonly pictures: Pictures;
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

  private readonly line = new Line();

  constructor(options: LayoutOptions = {}) {
    this.columns = options.columns ?? 48;
    this.widthDots = options.widthDots ?? WIDTH_FOR_COLUMNS[this.columns] ?? this.columns * 12;
    this.colDots = Math.min(FONT_DOTS.A, this.widthDots / this.columns);
    this.areaWidth = this.widthDots;
    this.maxWarnings = options.maxWarnings ?? 100;
    this.maxBlocks = options.maxBlocks ?? 100_000;
    this.encodeBitmaps = options.bitmaps ?? true;
    this.pictures = new Pictures(options.maxImageBytes ?? 32 * 1024 * 1024, this.encodeBitmaps);
  }

  // ---- Settings ------------------------------------------------------------------------------

  /** Applies a style change; keys at their default are left out so documents stay small. */
  setStyle(change: Partial<TextStyle>): void {
    this.style = normalStyle(this.style, change);
  }

  setAlign(align: Align): void {
    this.align = align;
    if (this.line.runs.length === 0) this.line.align = align;
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

  /** A command the dialect does not know: consumed at its measured length, reported. */
  unknownCommand(bytes: Uint8Array, at: number, len: number): void {
    this.warn(at, 'unknown-command', `Unknown command 0x${hex(bytes, at, len)} at byte ${at}.`);
  }

  /** A command the receipt ends inside of: reported, and the rest of the bytes left alone. */
  truncatedCommand(bytes: Uint8Array, at: number): void {
    this.warn(
      at,
      'truncated-command',
      `Command 0x${hex(bytes, at, Math.min(bytes.length - at, 4))} at byte ${at} is cut short by the end of the receipt.`,
    );
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
    if (this.line.runs.length === 0 && this.line.dots === 0) this.line.align = this.align;
    const cell = this.cellDots(wide);
    const unit = FONT_DOTS[this.style.font ?? 'A'] + this.charSpacing;
    // Combining marks (Thai vowels and tones, accents sent apart) print over the character
    // before them and take no column; only text that left ASCII can hold them.
    const combining = marks && MARK.test(chars);
    let rest = chars;
    for (;;) {
      // From where the print head is: a position just set, or the end of the last character.
      const at = this.line.pendingX ?? this.line.dots;
      const fits = Math.floor((this.areaWidth - at) / cell);
      const columns = combining ? visibleLength(rest) : rest.length;
      if (columns <= fits) {
        this.line.append(rest, columns, cell, unit, this.style);
        return;
      }
      // At least one character per line, or a character wider than the area would never print.
      const take = Math.max(fits, at === 0 ? 1 : 0);
      const cut = combining ? indexAfterVisible(rest, take) : take;
      if (take > 0) this.line.append(rest.slice(0, cut), take, cell, unit, this.style);
      rest = rest.slice(cut);
      this.endLine(-1);
      if (rest.length === 0) return;
    }
  }

  /** HT: to the next tab stop, if there is one within the print area. */
  tab(): void {
    const x = this.line.pendingX ?? this.line.dots;
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
    if (this.line.runs.length === 0 && this.line.dots === 0) this.line.align = this.align;
    this.line.pendingX = x;
  }

  /** Relative horizontal move in dots (ESC \); negative moves left. */
  moveBy(dx: number): void {
    this.moveTo((this.line.pendingX ?? this.line.dots) + dx);
  }

  /**
   * CR on a printer whose head moves (impact models): prints what is on the line and takes the
   * head back to its start without feeding, so what follows prints over the same line.
   */
  carriageReturn(): void {
    if (this.line.runs.length > 0) this.line.pendingX = 0;
  }

  /** Ends the line (LF, CR where it prints, wraps). A line with nothing on it is a blank line. */
  endLine(offset: number): void {
    this.closeImage();
    this.textLines.push(this.plainLine());
    const align = this.line.align;
    const block: TextBlock = { kind: 'text', align, runs: this.line.take(this.align) };
    if (this.marginLeft) block.marginLeft = this.marginLeft;
    if (this.areaWidth !== this.widthDots - this.marginLeft && this.areaWidth < this.widthDots) {
      block.areaWidth = this.areaWidth;
    }
    if (this.lineSpacing !== null) block.lineSpacing = this.lineSpacing;
    this.block(block, offset);
  }

  /** LF. Right after an image band with nothing else on the line it only moves past the band. */
  lineFeed(offset: number): void {
    if (this.pictures.isOpen && this.lineIsEmpty()) return;
    this.endLine(offset);
  }

  /** Ends a line only if something is on it (before images, codes, cuts). */
  finishLine(offset: number): void {
    if (!this.lineIsEmpty()) this.endLine(offset);
  }

  lineIsEmpty(): boolean {
    return this.line.isEmpty();
  }

  /** Feeds paper by dots with nothing printed: prints the line in progress, then blank lines. */
  feedDots(dots: number, offset: number): void {
    if (this.lineIsEmpty() && dots > 0 && dots <= this.pictures.lastBandDots()) {
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
    this.pictureStarted(this.pictures.add(image, join), offset);
  }

  /** One raster row (Star raster mode sends a picture a row at a time). */
  rasterRow(bytes: Uint8Array, from: number, rowBytes: number, offset: number): void {
    this.printed = true;
    this.pictureStarted(this.pictures.addRow(bytes, from, rowBytes, this.align), offset);
  }

  private pictureStarted(added: ImageBlock | 'joined' | 'over-cap', offset: number): void {
    if (added === 'over-cap') {
      this.warn(
        offset,
        'limit',
        `Image at byte ${offset} not decoded: the receipt's images passed ${this.pictures.maxBytes} bytes.`,
      );
    } else if (added !== 'joined') {
      this.block(added, offset);
    }
  }

  closeImage(): void {
    this.pictures.close();
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

  /** The line in progress as plain text, after the spaces its place on paper is worth. */
  private plainLine(): string {
    const line = this.line;
    const text = line.plain(this.colDots);
    return this.alignedText(text, line.extent - line.startDots(), line.startDots(), line.align);
  }

  /** Leading spaces for the margin, the first run's position and the line's alignment. */
  private alignedText(text: string, widthDots: number, startDots: number, align: Align): string {
    return padded(text, widthDots, startDots, align, this.areaWidth, this.marginLeft, this.colDots);
  }
}

export function hex(buf: Uint8Array, at: number, n: number): string {
  return Buffer.from(buf.subarray(at, at + n)).toString('hex');
}
