/**
 * The paper and the limits a document is laid out in: characters per line and print width as
 * the POS is set up for, caps on what one receipt may make, and the printer's character cells.
 */
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

export const WIDTH_FOR_COLUMNS: Readonly<Record<number, number>> = {
  32: 384,
  42: 512,
  48: 576,
  56: 512,
  64: 576,
};
