/**
 * What every encoder adapter provides (bytes for a receipt, and what it can and cannot say), and
 * how the station is set up for each country's printer, as a restaurant would configure it.
 */
import type { InterpretOptions } from '../../src/main/escpos';
import type { Dialect } from '../../src/shared';
import { COLUMNS, type Language, type Picture, type Receipt, type Style } from './receipts';

export interface Encoded {
  bytes: Uint8Array;
  /** The printed lines as the encoder itself renders them as text, when it can (receiptline). */
  lines?: string[];
  /** Encoders that draw QR codes themselves send them as pictures: these are those pictures. */
  qrPictures?: Picture[];
}

export interface Encoder {
  /** Library and printer language, as a test name shows it. */
  name: string;
  dialect: Dialect;
  /** Why this encoder cannot print the receipt at all, or null when it can. */
  cannot(receipt: Receipt): string | null;
  /** The part of a style the encoder can set; the rest prints plain and is not expected. */
  style(style: Style | undefined): Style;
  encode(receipt: Receipt): Promise<Encoded>;
}

/** Double-byte stations: a Japanese, Chinese, Taiwanese or Korean printer starts in Kanji mode. */
const MULTIBYTE: Partial<Record<Language, InterpretOptions>> = {
  japanese: { multibyte: 'shift_jis', kanjiAtStart: true },
  chinese: { multibyte: 'gb18030', kanjiAtStart: true },
  taiwanese: { multibyte: 'big5', kanjiAtStart: true },
  korean: { multibyte: 'euc-kr', kanjiAtStart: true },
};

/** The station's settings for a receipt printed by `encoder`. */
export function stationOptions(encoder: Encoder, receipt: Receipt): InterpretOptions {
  return { columns: COLUMNS, dialect: encoder.dialect, ...MULTIBYTE[receipt.language] };
}

/** Keeps the style keys an encoder can set, with sizes clamped to its largest. */
export function styleWithin(
  style: Style | undefined,
  can: { keys: (keyof Style)[]; maxSize: number },
): Style {
  const out: Style = {};
  for (const key of can.keys) {
    const v = style?.[key];
    if (v === undefined) continue;
    if (key === 'width' || key === 'height') out[key] = Math.min(v as number, can.maxSize);
    else (out as Record<string, unknown>)[key] = v;
  }
  return out;
}
