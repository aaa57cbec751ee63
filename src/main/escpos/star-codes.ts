/**
 * Star bar codes (ESC b) and 2D codes (ESC GS y QR, ESC GS x PDF417) as a scanner reads them.
 * Star's data rules differ from ESC/POS ones (Code 128 escapes with %, UPC-E sent as the UPC-A
 * digits), so the document holds what the customer's scanner would see, not the bytes sent.
 */
import type { BarcodeBlock, Code2dBlock } from '../../shared';
import { checkDigit, completeCheckDigit } from './barcodes';
import type { DocumentBuilder } from './document-builder';
import { digit } from './star-params';

/** ESC b n1: bar code types (n1 may be an ASCII digit). */
const SYMBOLOGY: readonly string[] = [
  'upc-e',
  'upc-a',
  'ean8',
  'ean13',
  'code39',
  'itf',
  'code128',
  'code93',
  'codabar',
  'gs1-128',
  'gs1-databar-omni',
  'gs1-databar-truncated',
  'gs1-databar-limited',
  'gs1-databar-expanded',
];

const QR_ECC = ['L', 'M', 'Q', 'H'];

/** What ESC GS y / ESC GS x settings have stored for the next print of that code. */
export interface Code2d {
  data: Uint8Array | null;
  raw: Uint8Array | null;
  moduleSize: number;
  errorCorrection?: string;
}

/** The QR and PDF417 settings after ESC @. */
export const newQr = (): Code2d => ({ data: null, raw: null, moduleSize: 3, errorCorrection: 'L' });
export const newPdf417 = (): Code2d => ({ data: null, raw: null, moduleSize: 2 });

/** ESC GS y / ESC GS x S (settings) and D (data) at bytes[at..at+len). */
export function setCode2d(s: Code2d, isQr: boolean, bytes: Buffer, at: number, len: number): void {
  const f = bytes[at + 3];
  const k = bytes[at + 4];
  if (f === 0x44) {
    const from = isQr ? at + 8 : at + 6;
    s.data = bytes.slice(from, at + len);
    s.raw = bytes.slice(at, at + len);
  } else if (f === 0x53) {
    const n = bytes[at + 5];
    if (isQr && k === 0x31) s.errorCorrection = QR_ECC[n & 3];
    else if (isQr && k === 0x32) s.moduleSize = n;
    else if (!isQr && k === 0x31) s.errorCorrection = `level ${n}`;
    else if (!isQr && k === 0x32) s.moduleSize = n;
  }
}

/** ESC GS y P / ESC GS x P: prints the stored code, or warns that no data was set. */
export function printCode2d(
  b: DocumentBuilder,
  s: Code2d,
  symbology: Code2dBlock['symbology'],
  at: number,
): void {
  if (!s.data || !s.raw) {
    b.warn(
      at,
      'undecodable',
      `A ${symbology} code was printed at byte ${at} before any data was set.`,
    );
    return;
  }
  const block: Code2dBlock = {
    kind: 'code2d',
    symbology,
    data: readable(s.data),
    rawBase64: Buffer.from(s.raw).toString('base64'),
    moduleSize: s.moduleSize,
    ...(s.errorCorrection ? { errorCorrection: s.errorCorrection } : {}),
    align: b.align,
  };
  b.printed2d(block, at);
}

/** ESC b n1 n2 n3 n4 d1..dk RS: the symbol, and its under-bar characters in the text. */
export function printBarcode(b: DocumentBuilder, bytes: Buffer, at: number, len: number): void {
  const type = digit(bytes[at + 2]);
  const symbology = SYMBOLOGY[type] ?? `unknown-${type}`;
  if (!SYMBOLOGY[type])
    b.warn(at, 'undecodable', `Bar code type ${type} is not one Star documents.`);
  const under = digit(bytes[at + 3]);
  const n3 = digit(bytes[at + 4]);
  let data = bytes.toString('latin1', at + 6, at + len - 1);
  if (symbology === 'code128' || symbology === 'gs1-128') data = decodeStarCode128(data);
  else if (symbology === 'upc-e') data = upcE(data);
  else data = completeCheckDigit(symbology, data);
  const block: BarcodeBlock = {
    kind: 'barcode',
    symbology,
    data,
    rawBase64: bytes.toString('base64', at, at + len),
    height: bytes[at + 5],
    moduleWidth: moduleWidth(symbology, n3),
    hri: under === 2 || under === 4 ? 'below' : 'none',
    align: b.align,
  };
  const hri = block.hri === 'none' ? undefined : [...data].filter((ch) => ch >= ' ').join('');
  b.printed2d(block, at, hri);
}

/** ESC b n3: the narrow module in dots (modes 1..3 for most; 1..9 for Code 39, NW-7, ITF). */
function moduleWidth(symbology: string, n3: number): number {
  const k = Math.max(1, Math.min(n3, 9)) - 1;
  return (symbology === 'itf' ? [2, 4, 6, 2, 4, 6, 2, 3, 4] : [2, 3, 4])[
    symbology === 'itf' ? k : k % 3
  ];
}

/**
 * Star Code 128 data: the printer picks the code sets; %0 is a percent sign, % plus 40H..5FH a
 * control character, %5 DEL, %1..%4 the function characters (FNC1 reads as GS after the first
 * position, as GS1 scanners pass it), %6..%8 start codes (nothing to read).
 */
export function decodeStarCode128(data: string): string {
  let out = '';
  for (let k = 0; k < data.length; k++) {
    const ch = data[k];
    if (ch !== '%' || k + 1 >= data.length) {
      out += ch;
      continue;
    }
    const e = data.charCodeAt(++k);
    if (e === 0x30) out += '%';
    else if (e === 0x35) out += '\x7f';
    else if (e === 0x31) out += out.length > 0 ? '\x1d' : '';
    else if (e >= 0x40 && e <= 0x5f) out += String.fromCharCode(e - 0x40);
  }
  return out;
}

/**
 * Star takes UPC-E as the 11 (or 12) digits of the UPC-A number and prints it zero-suppressed;
 * a scanner reads the 8-digit UPC-E: number system, six digits, the UPC-A check digit.
 */
export function upcE(data: string): string {
  if (!/^[01]\d{10,11}$/u.test(data)) return data;
  const a = data.slice(0, 11);
  const m = a.slice(1, 6);
  const p = a.slice(6, 11);
  let six: string | null = null;
  if (/^\d\d[012]00$/u.test(m) && p.startsWith('00')) six = m.slice(0, 2) + p.slice(2) + m[2];
  else if (m.endsWith('00') && p.startsWith('000')) six = m.slice(0, 3) + p.slice(3) + '3';
  else if (m.endsWith('0') && p.startsWith('0000')) six = m.slice(0, 4) + p[4] + '4';
  else if (p.startsWith('0000') && p[4] >= '5') six = m + p[4];
  return six ? a[0] + six + checkDigit(a) : data;
}

/** Scanners hand over UTF-8 when the bytes are valid UTF-8, the bytes as Latin-1 otherwise. */
function readable(data: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(data);
  } catch {
    return Buffer.from(data.buffer, data.byteOffset, data.length).toString('latin1');
  }
}
