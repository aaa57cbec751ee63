/**
 * How printable bytes become characters: the code table (ESC t), the international character
 * set (ESC R), Kanji mode with a multibyte encoding (FS &, FS ., FS C) and UTF-8 (FS ( C).
 * Code tables and multibyte encodings are decoded with maintained tables (iconv-lite,
 * codepage-encoder); the international sets are Epson's table of twelve replaced ASCII codes.
 */
import type { Codepage } from '@point-of-sale/codepage-encoder';
import iconv from 'iconv-lite';
import { decodeTable, decodeWith, withBlockGraphics } from './code-pages';
import { charStrings, hasMarks, isWide, letters, looksLikeUtf8, nationalMap } from './char-tables';
import type { DocumentBuilder } from './document-builder';

const ASCII_WINDOW = 4096;

/** The double-byte encodings a printer's Kanji mode may use; set per station. */
export type MultibyteEncoding = 'shift_jis' | 'gb18030' | 'big5' | 'euc-kr';

/** Kanji print mode (FS !, FS -, FS W): sizes and underline of double-byte characters. */
export interface KanjiStyle {
  width: number;
  height: number;
  underline: 0 | 1 | 2;
}

export class Characters {
  codePage: Codepage = 'cp437';
  private table = decodeTable('cp437');
  private national: string[] | null = null;
  /** FS & (on) / FS . (off). */
  kanji: boolean;
  /** FS C 1/2 on Japanese models: Shift_JIS double-byte characters without FS &. */
  shiftJis = false;
  /** FS ( C fn 48 m = 2: UTF-8 for everything printable. */
  utf8 = false;
  kanjiStyle: KanjiStyle = { width: 1, height: 1, underline: 0 };
  /**
   * A Star model with Japanese characters: with Kanji mode cancelled it is in block graphics
   * mode, where 0x80-0x9F and 0xE0-0xFF print the JIS graphics (see withBlockGraphics).
   */
  japaneseModel = false;
  /** ESC % 1: codes the POS downloaded glyphs for (ESC &) print those glyphs. */
  userDefined = false;
  /** Which codes have downloaded glyphs (ESC & defines, ESC ? cancels); made on first use. */
  private downloadedCodes: Uint8Array | null = null;
  get downloaded(): Uint8Array {
    return (this.downloadedCodes ??= new Uint8Array(256));
  }
  private downloadedWarned = false;
  /** UTF-8 seen in a single-byte code table, warned about once per receipt. */
  private utf8Warned = false;
  /** ESC t n with no table we can read, and which of those were warned about. */
  private unknownTable: number | null = null;
  private readonly unknownWarned = new Set<number>();

  constructor(
    readonly multibyte: MultibyteEncoding = 'shift_jis',
    readonly kanjiAtStart = false,
  ) {
    this.kanji = kanjiAtStart;
  }

  /** ESC @: code table, international set and Kanji mode back to the printer's defaults. */
  reset(): void {
    this.setCodePage('cp437');
    this.national = null;
    this.kanji = this.kanjiAtStart;
    this.kanjiStyle = { width: 1, height: 1, underline: 0 };
    this.userDefined = false;
    this.downloadedCodes = null;
  }

  setCodePage(name: Codepage): void {
    this.codePage = name;
    this.table = decodeTable(name);
    this.unknownTable = null;
  }

  /**
   * A table this printer model has but no maintained source describes (Hiragana, one-pass Kanji,
   * the user-defined pages 254/255). Switching to it is fine; text printed in it gets a warning.
   */
  setUnknownTable(n: number): void {
    this.unknownTable = n;
  }

  /** ESC R n (n may be an ASCII digit on some POS; "0".."9" read as 0..9 as the printer does). */
  setInternational(n: number): void {
    this.national = nationalMap(n >= 0x30 && n <= 0x39 ? n - 0x30 : n);
  }

  private get multibyteActive(): boolean {
    return this.kanji || (this.shiftJis && this.multibyte === 'shift_jis');
  }

  /** Decodes printable bytes[from, to) (all >= 0x20) into the builder's line. */
  emit(
    bytes: Buffer,
    from: number,
    to: number,
    high: boolean,
    b: DocumentBuilder,
    offset: number,
  ): void {
    if (this.userDefined && !this.downloadedWarned) this.warnDownloaded(bytes, from, to, b, offset);
    if (this.utf8 || (high && this.multibyteActive)) {
      const text = this.utf8
        ? bytes.toString('utf8', from, to)
        : iconv.decode(bytes.subarray(from, to), this.multibyte);
      this.emitMixed(text, b);
      return;
    }
    if (!high) {
      const text = this.ascii(bytes, from, to);
      b.text(this.national ? this.nationalize(text) : text);
      return;
    }
    const table = this.japaneseModel ? withBlockGraphics(this.table) : this.table;
    const utf8 = looksLikeUtf8(bytes, from, to, letters(table));
    if (utf8) {
      const decoded = bytes.toString('utf8', from, to);
      if (!this.utf8Warned) {
        this.utf8Warned = true;
        b.warn(
          offset,
          'undecodable',
          `Text at byte ${offset} is UTF-8 sent while code table ${this.codePage} was selected; ` +
            `shown as UTF-8 ("${decoded.slice(0, 20)}"), the paper shows ` +
            `"${decodeWith(table, bytes, from, Math.min(to, from + 20))}".`,
        );
      }
      this.emitMixed(decoded, b);
      return;
    }
    if (this.unknownTable !== null && !this.unknownWarned.has(this.unknownTable)) {
      this.unknownWarned.add(this.unknownTable);
      b.warn(
        offset,
        'undecodable',
        `Text at byte ${offset} is in code table ${this.unknownTable}, which ` +
          (this.unknownTable >= 254
            ? 'the POS defined in the printer'
            : 'no known table describes') +
          `; shown as ${this.codePage}.`,
      );
    }
    const text = this.decodeSingleByte(table, bytes, from, to);
    b.text(this.national ? this.nationalize(text) : text, false, hasMarks(table));
  }

  private warnDownloaded(
    bytes: Buffer,
    from: number,
    to: number,
    b: DocumentBuilder,
    offset: number,
  ): void {
    for (let i = from; i < to; i++) {
      if (this.downloaded[bytes[i]] === 0) continue;
      this.downloadedWarned = true;
      b.warn(
        offset,
        'undecodable',
        `Text at byte ${offset} prints glyphs the POS downloaded to the printer (ESC &); ` +
          'shown here as the codes they replace, which may not be what the paper shows.',
      );
      return;
    }
  }

  /** Window of the receipt decoded as latin1, so plain text runs are substrings of it. */
  private window = '';
  private windowBytes: Buffer | null = null;
  private windowFrom = 0;

  /** Bytes < 0x80 as text: one native decode per 4 KiB of receipt instead of one per run. */
  private ascii(bytes: Buffer, from: number, to: number): string {
    const w = this.windowFrom;
    if (bytes !== this.windowBytes || from < w || to > w + this.window.length) {
      if (to - from > ASCII_WINDOW) return bytes.toString('latin1', from, to);
      this.windowBytes = bytes;
      this.windowFrom = from;
      this.window = bytes.toString('latin1', from, Math.min(bytes.length, from + ASCII_WINDOW));
    }
    return this.window.slice(from - this.windowFrom, to - this.windowFrom);
  }

  /**
   * A run in a single-byte table: its ASCII stretches as substrings of the decoded window, each
   * high byte from the table. Receipts are mostly ASCII with a few accented letters per line.
   */
  private decodeSingleByte(table: Uint16Array, bytes: Buffer, from: number, to: number): string {
    const chars = charStrings(table);
    let out = '';
    let start = from;
    for (let i = from; i < to; i++) {
      const c = bytes[i];
      if (c < 0x80) continue;
      if (i > start) out += this.ascii(bytes, start, i);
      out += chars[c];
      start = i + 1;
    }
    return start < to ? out + this.ascii(bytes, start, to) : out;
  }

  private nationalize(text: string): string {
    const map = this.national!;
    let out = '';
    for (let k = 0; k < text.length; k++) {
      const c = text.charCodeAt(k);
      out += c < 128 ? map[c] : text[k];
    }
    return out;
  }

  /** Text that may mix single- and double-width characters; wide ones use Kanji print mode. */
  private emitMixed(text: string, b: DocumentBuilder): void {
    let start = 0;
    let wide = text.length > 0 && isWide(text.charCodeAt(0));
    for (let k = 1; k <= text.length; k++) {
      const w = k < text.length ? isWide(text.charCodeAt(k)) : !wide;
      if (k < text.length && text.charCodeAt(k) >= 0xdc00 && text.charCodeAt(k) <= 0xdfff) {
        continue; // the low half of a surrogate pair goes with its high half
      }
      if (w !== wide || k === text.length) {
        const part = text.slice(start, k);
        if (wide) this.emitWide(part, b);
        else b.text(this.national ? this.nationalize(part) : part, false, true);
        start = k;
        wide = w;
      }
    }
  }

  private emitWide(part: string, b: DocumentBuilder): void {
    const ks = this.kanjiStyle;
    if (ks.width === 1 && ks.height === 1 && ks.underline === 0) {
      b.text(part, true, true);
      return;
    }
    const saved = b.style;
    b.setStyle({
      width: Math.max(ks.width, saved.width ?? 1),
      height: Math.max(ks.height, saved.height ?? 1),
      underline: ks.underline || saved.underline || 0,
    });
    b.text(part, true, true);
    b.style = saved;
  }
}
