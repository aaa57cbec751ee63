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
  if (symbology === 'code128' && isSiiCode128(data)) {
    text = decodeCode128Values(data);
  } else if (symbology === 'code93' && isSiiCode93(data)) {
    text = decodeCode93Values(data);
  } else if (symbology === 'code128') {
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

/**
 * SII printers take Code 128 as symbol values: a start code (103-105), the values, and 105 to
 * end. Epson data starts with "{" and a code set, so a value-form start byte tells them apart.
 */
function isSiiCode128(data: Uint8Array): boolean {
  if (data.length < 2 || data[0] < 103 || data[0] > 105 || data[data.length - 1] !== 105) {
    return false;
  }
  return data.every((v) => v <= 106);
}

/** Code 128 symbol values to the data a scanner reads (start code first, stop code last). */
function decodeCode128Values(values: Uint8Array): string {
  let set = values[0] === 103 ? 'A' : values[0] === 104 ? 'B' : 'C';
  let shift = false;
  let out = '';
  for (let i = 1; i < values.length - 1; i++) {
    const v = values[i];
    const current = shift ? (set === 'A' ? 'B' : 'A') : set;
    shift = false;
    if (current === 'C' && v < 100) {
      out += String(v).padStart(2, '0');
    } else if (v < 96) {
      out += String.fromCharCode(current === 'A' ? (v < 64 ? v + 32 : v - 64) : v + 32);
    } else if (v === 98 && current !== 'C') {
      shift = true;
    } else if (v === 99) {
      set = 'C';
    } else if (v === 100 && current !== 'B') {
      set = 'B';
    } else if (v === 101 && current !== 'A') {
      set = 'A';
    } else if (v === 102 && out.length > 0) {
      out += '\x1d'; // FNC1 after the first position reads as GS, as GS1 scanners do
    }
  }
  return out;
}

/** SII printers take Code 93 as symbol values (0-46) ending with 48. */
function isSiiCode93(data: Uint8Array): boolean {
  if (data.length < 2 || data[data.length - 1] !== 48) return false;
  for (let i = 0; i < data.length - 1; i++) if (data[i] > 46) return false;
  return true;
}

const CODE93_CHARS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ-. $/+%';
/** Full ASCII: what each shift value (43 "($)", 44 "(%)", 45 "(/)", 46 "(+)") makes of A-Z. */
const CODE93_SHIFTED: Readonly<Record<number, string>> = {
  43: String.fromCharCode(...Array.from({ length: 26 }, (_, k) => k + 1)),
  44: '\x1b\x1c\x1d\x1e\x1f;<=>?[\\]^_{|}~\x7f\x00@`\x7f\x7f\x7f',
  45: '!"#$%&\'()*+,-./' + '          :'.replace(/ /g, '\u0000'),
  46: 'abcdefghijklmnopqrstuvwxyz',
};

function decodeCode93Values(values: Uint8Array): string {
  let out = '';
  for (let i = 0; i < values.length - 1; i++) {
    const v = values[i];
    if (v >= 43 && v <= 46 && i + 1 < values.length - 1) {
      const letter = values[++i] - 10; // A = value 10
      const ch = CODE93_SHIFTED[v][letter];
      if (ch && ch !== '\u0000') out += ch;
    } else if (v < 43) {
      out += CODE93_CHARS[v];
    }
  }
  return out;
}

/** EAN/UPC: the printer adds the check digit when the POS sends one digit fewer. */
export function completeCheckDigit(symbology: string, text: string): string {
  if (!/^\d+$/u.test(text)) return text;
  const needs: Record<string, number> = { ean13: 12, ean8: 7, 'upc-a': 11 };
  if (needs[symbology] === text.length) return text + checkDigit(text);
  if (symbology === 'upc-e') {
    if (text.length === 6) return `0${text}${checkDigit(expandUpcE(`0${text}`))}`;
    if (text.length === 7) return text + checkDigit(expandUpcE(text));
    // Epson also takes the 11 or 12 digits of the UPC-A form and prints it as UPC-E.
    if (text.length === 11 || text.length === 12) {
      const e = compressUpcA(text.slice(0, 11));
      if (e) return e + checkDigit(text.slice(0, 11));
    }
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

/**
 * The UPC-E form (number system + 6 digits) of 11 UPC-A digits, or null when the code has none:
 * zero suppression by where the manufacturer code ends in zeros (GS1 General Specifications).
 */
function compressUpcA(a: string): string | null {
  const ns = a[0];
  if (ns !== '0' && ns !== '1') return null;
  const m = a.slice(1, 6);
  const p = a.slice(6, 11);
  if (m.endsWith('00') && '012'.includes(m[2]) && p.startsWith('00')) {
    return `${ns}${m.slice(0, 2)}${p.slice(2)}${m[2]}`;
  }
  if (m.endsWith('00') && p.startsWith('000')) return `${ns}${m.slice(0, 3)}${p.slice(3)}3`;
  if (m.endsWith('0') && p.startsWith('0000')) return `${ns}${m.slice(0, 4)}${p[4]}4`;
  if (p.startsWith('0000') && p[4] >= '5') return `${ns}${m}${p[4]}`;
  return null;
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
