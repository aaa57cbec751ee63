/**
 * The document model: what a receipt looked like on paper, as the interpreter understood it.
 * The minimal interpreter (part 1) fills text lines and events; the full ESC/POS and Star
 * interpreter (part 2) fills the rest. The renderer draws from this, never from raw bytes.
 */

export const DOCUMENT_VERSION = 1;

export type Dialect = 'escpos' | 'star-line' | 'star-prnt';
export type Align = 'left' | 'center' | 'right';

export interface TextStyle {
  bold?: boolean;
  /** 0 = none, 1 = thin, 2 = thick. */
  underline?: 0 | 1 | 2;
  inverse?: boolean;
  upsideDown?: boolean;
  rotated?: boolean;
  font?: 'A' | 'B' | 'C';
  /** Character width and height multipliers, 1..8. */
  width?: number;
  height?: number;
}

export interface TextRun {
  text: string;
  style: TextStyle;
  /** Horizontal position of the run's first character, in dots from the left margin, when set. */
  x?: number;
}

export interface TextBlock {
  kind: 'text';
  align: Align;
  runs: TextRun[];
  /** Left margin in dots (GS L, Star ESC l), when set. */
  marginLeft?: number;
  /** Width of the print area in dots (GS W, Star ESC Q), when narrower than the paper. */
  areaWidth?: number;
  /** Line spacing in dots (ESC 3, Star ESC 3/ESC z), when not the printer's default. */
  lineSpacing?: number;
}

export interface ImageBlock {
  kind: 'image';
  source: 'raster' | 'bit-image' | 'graphics' | 'nv-logo';
  /** Size in printer dots. */
  width: number;
  height: number;
  /** Rows of 1-bit pixels, MSB first, each row padded to a whole byte, base64. */
  bitmapBase64: string;
  scaleX: number;
  scaleY: number;
  align: Align;
  note?: string;
}

export interface BarcodeBlock {
  kind: 'barcode';
  symbology: string;
  /** The data as a scanner would read it. */
  data: string;
  /** The exact bytes the POS sent for the symbol, base64. */
  rawBase64: string;
  height: number;
  moduleWidth: number;
  hri: 'none' | 'above' | 'below' | 'both';
  /** Font of the human-readable line (GS f), when not font A. */
  hriFont?: 'B' | 'C';
  align: Align;
}

export interface Code2dBlock {
  kind: 'code2d';
  symbology: 'qr' | 'pdf417' | 'maxicode' | 'datamatrix' | 'aztec';
  data: string;
  rawBase64: string;
  moduleSize: number;
  errorCorrection?: string;
  align: Align;
}

export interface RuleBlock {
  kind: 'rule';
}

export interface FeedBlock {
  kind: 'feed';
  /** Blank paper fed, in dots. */
  dots: number;
}

export type PrinterEventKind = 'cut' | 'partial-cut' | 'drawer-kick' | 'buzzer';

export interface EventBlock {
  kind: 'event';
  event: PrinterEventKind;
  /** Byte offset of the command within the receipt. */
  offset: number;
  detail?: string;
}

export type Block =
  TextBlock | ImageBlock | BarcodeBlock | Code2dBlock | RuleBlock | FeedBlock | EventBlock;

export interface InterpreterWarning {
  offset: number;
  code: 'unknown-command' | 'truncated-command' | 'limit' | 'undecodable' | 'dialect';
  message: string;
}

export interface ReceiptDocument {
  version: typeof DOCUMENT_VERSION;
  dialect: Dialect;
  paper: { widthDots: number; columns: number };
  blocks: Block[];
  codePages: { offset: number; codePage: string }[];
  warnings: InterpreterWarning[];
}

/** How many of each printer event the receipt holds (drawer kicks matter for cash audits). */
export type EventCounts = Record<PrinterEventKind, number>;

/** What the interpreter hands back for one receipt. */
export interface Interpretation {
  document: ReceiptDocument;
  /** Counted even past the document's block cap. */
  events: EventCounts;
  /** One line per printed line, alignment as leading spaces, trailing spaces trimmed. */
  text: string;
  /** True when the bytes print nothing (status requests, init, feeds only). */
  empty: boolean;
}
