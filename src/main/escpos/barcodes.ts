/**
 * GS k barcodes: the symbology, the exact bytes, and the data as a scanner would read it (Code 128
 * code sets decoded, packed digits of code set C unpacked, EAN/UPC check digits completed when the
 * POS left them to the printer). Symbology numbers and defaults follow Epson's GS k, GS h, GS w,
 * GS H and GS f.
 */
import type { Align, BarcodeBlock } from '../../shared';

export interface BarcodeSettings {
  /** GS h: bar height in dots. */
  height: number;
  /** GS w: module width in dots. */
  moduleWidth: number;
  /** GS H: where the human-readable text goes. */
  hri: BarcodeBlock['hri'];
  /** GS f: font of the human-readable line. */
  hriFont?: 'B' | 'C';
}

export const DEFAULT_BARCODE: BarcodeSettings = { height: 162, moduleWidth: 3, hri: 'none' };

const FUNCTION_A: Readonly<Record<number, string>> = {
  0: 'upc-a',
  1: 'upc-e',
  2: 'ean13',
  3: 'ean8',
  4: 'code39',
  5: 'itf',
  6: 'codabar',
};

const FUNCTION_B: Readonly<Record<number, string>> = {
  65: 'upc-a',
  66: 'upc-e',
  67: 'ean13',
  68: 'ean8',
  69: 'code39',
  70: 'itf',
  71: 'codabar',
  72: 'code93',
  73: 'code128',
  74: 'gs1-128',
  75: 'gs1-databar-omni',
  76: 'gs1-databar-truncated',
  77: 'gs1-databar-limited',
  78: 'gs1-databar-expanded',
  79: 'code128-auto',
};

const HRI: Readonly<Record<number, BarcodeBlock['hri']>> = {
  0: 'none',
  1: 'above',
  2: 'below',
  3: 'both',
};

/** GS H n (n may be an ASCII digit). */
export function hriPosition(n: number): BarcodeBlock['hri'] {
  return HRI[n & 0x03] ?? 'none';
}

export interface ReadBarcode {
  block: BarcodeBlock;
  /** Something a reader should know (unknown symbology, Code 128 without a code set...). */
  warning: string | null;
}

/** Reads the complete GS k command at buf[at..at+length). */
export function readBarcode(
  buf: Uint8Array,
  at: number,
  length: number,
  settings: BarcodeSettings,
  align: Align,
): ReadBarcode {
  const m = buf[at + 2];
  const functionA = m <= 6;
  const symbology = (functionA ? FUNCTION_A[m] : FUNCTION_B[m]) ?? `unknown-${m}`;
  const dataStart = functionA ? at + 3 : at + 4;
  const dataEnd = functionA ? at + length - 1 : at + length;
  const data = buf.subarray(dataStart, dataEnd);
  let warning: string | null = symbology.startsWith('unknown')
    ? `Barcode type ${m} is not one Epson documents.`
    : null;
  let text: string;
  if (symbology === 'code128') {
    const decoded = decodeCode128(data);
    text = decoded.text;
    warning ??= decoded.warning;
  } else {
    text = Buffer.from(data.buffer, data.byteOffset, data.length).toString('latin1');
    text = completeCheckDigit(symbology, text);
  }
  return {
    block: {
      kind: 'barcode',
      symbology,
      data: text,
      rawBase64: Buffer.from(buf.buffer, buf.byteOffset + at, length).toString('base64'),
      height: settings.height,
      moduleWidth: settings.moduleWidth,
      hri: settings.hri,
      align,
    },
    warning,
  };
}

/**
 * Code 128 data starts with a code set ({A, {B or {C}; {S shifts one character, {1..{4 are
 * function characters (FNC1 reads as GS, 0x1D, after the first position, as GS1 scanners do),
 * {{ is a literal brace. In code set C each byte is a pair of digits.
 */
export function decodeCode128(data: Uint8Array): { text: string; warning: string | null } {
  let set: 'A' | 'B' | 'C' | null = null;
  let shift = false;
  let out = '';
  let warning: string | null = null;
  for (let i = 0; i < data.length; i++) {
    const b = data[i];
    if (b === 0x7b && i + 1 < data.length) {
      const c = String.fromCharCode(data[++i]);
      if (c === 'A' || c === 'B' || c === 'C') set = c;
      else if (c === 'S') shift = true;
      else if (c === '1') out += out.length > 0 ? '\x1d' : '';
      else if (c === '{') out += '{';
      continue;
    }
    if (set === null) {
      set = 'B';
      warning = 'Code 128 without a code set ({A, {B or {C) first; read as code set B.';
    }
    if (set === 'C' && !shift) {
      out += b < 100 ? String(b).padStart(2, '0') : '';
      if (b >= 100) warning = `Code 128 code set C byte ${b} is not a pair of digits.`;
    } else {
      out += String.fromCharCode(b);
    }
    shift = false;
  }
  return { text: out, warning };
}

/** EAN/UPC: the printer adds the check digit when the POS sends one digit fewer. */
export function completeCheckDigit(symbology: string, text: string): string {
  if (!/^\d+$/u.test(text)) return text;
  const needs: Record<string, number> = { ean13: 12, ean8: 7, 'upc-a': 11 };
  if (needs[symbology] === text.length) return text + checkDigit(text);
  if (symbology === 'upc-e') {
    if (text.length === 6) return `0${text}${checkDigit(expandUpcE(`0${text}`))}`;
    if (text.length === 7) return text + checkDigit(expandUpcE(text));
  }
  return text;
}

/** GS1 mod-10 check digit: weights 3, 1, 3, ... from the rightmost digit. */
export function checkDigit(digits: string): string {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    const weight = (digits.length - i) % 2 === 1 ? 3 : 1;
    sum += Number(digits[i]) * weight;
  }
  return String((10 - (sum % 10)) % 10);
}

/** UPC-E (number system + 6 digits) to the 11 UPC-A digits its check digit is computed on. */
function expandUpcE(ns6: string): string {
  const ns = ns6[0];
  const d = ns6.slice(1);
  const last = d[5];
  if (last === '0' || last === '1' || last === '2')
    return `${ns}${d.slice(0, 2)}${last}0000${d.slice(2, 5)}`;
  if (last === '3') return `${ns}${d.slice(0, 3)}00000${d.slice(3, 5)}`;
  if (last === '4') return `${ns}${d.slice(0, 4)}00000${d[4]}`;
  return `${ns}${d.slice(0, 5)}0000${last}`;
}
