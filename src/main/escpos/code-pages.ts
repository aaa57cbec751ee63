/**
 * Character code tables: which table ESC t n selects on an Epson printer, and how its bytes read.
 * Tables come from maintained packages, never typed by hand: iconv-lite for the standard pages
 * it knows, @point-of-sale/codepage-encoder for the printer-specific ones (Epson Katakana,
 * CP851/853, Thai, TCVN-3, ...). Decoding is a 256-entry lookup built once per table.
 */
import CodepageEncoder, { type Codepage } from '@point-of-sale/codepage-encoder';
import iconv from 'iconv-lite';

/** ESC t n -> table name (codepage-encoder's names), per Epson's ESC/POS reference. */
export const ESC_T_TABLES: Readonly<Record<number, Codepage>> = {
  0: 'cp437',
  1: 'epson/katakana',
  2: 'cp850',
  3: 'cp860',
  4: 'cp863',
  5: 'cp865',
  11: 'cp851',
  12: 'cp853',
  13: 'cp857',
  14: 'cp737',
  15: 'iso8859-7',
  16: 'windows1252',
  17: 'cp866',
  18: 'cp852',
  19: 'cp858',
  20: 'thai42',
  21: 'thai11',
  22: 'thai13',
  23: 'thai14',
  24: 'thai16',
  26: 'thai18',
  30: 'tcvn3',
  31: 'tcvn3capitals',
  32: 'cp720',
  33: 'cp775',
  34: 'cp855',
  35: 'cp861',
  36: 'cp862',
  37: 'cp864',
  38: 'cp869',
  39: 'epson/iso8859-2',
  40: 'iso8859-15',
  41: 'cp1098',
  42: 'cp774',
  43: 'cp772',
  44: 'cp1125',
  45: 'windows1250',
  46: 'windows1251',
  47: 'windows1253',
  48: 'windows1254',
  49: 'windows1255',
  50: 'windows1256',
  51: 'windows1257',
  52: 'windows1258',
  53: 'rk1048',
};

/** Tables iconv-lite also has under the same meaning, where its name differs. */
const ICONV_NAMES: Partial<Record<Codepage, string>> = {
  'iso8859-7': 'iso-8859-7',
  'iso8859-15': 'iso-8859-15',
};

const cache = new Map<string, Uint16Array>();

/** The table for a code page: byte -> UTF-16 code unit (0xFFFD where the page has none). */
export function decodeTable(name: Codepage): Uint16Array {
  let table = cache.get(name);
  if (table) return table;
  table = new Uint16Array(256);
  const iconvName = ICONV_NAMES[name] ?? name;
  // With `extends` evaluated, codepage-encoder gives all 256 code points of the page as the
  // printers have it.
  const points = CodepageEncoder.getCodepoints(name, true);
  const printer = (i: number): number => {
    const cp = points[i];
    return typeof cp === 'number' && cp >= 0 && cp <= 0xffff ? cp : 0xfffd;
  };
  if (!name.includes('/') && iconv.encodingExists(iconvName)) {
    const all = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
    const text = iconv.decode(all, iconvName);
    // The standard table, with the printer's additions where it has none (PC857's euro at D5).
    for (let i = 0; i < 256; i++) {
      const c = text.charCodeAt(i);
      table[i] = c === 0xfffd ? printer(i) : c;
    }
  } else {
    for (let i = 0; i < 256; i++) table[i] = printer(i);
  }
  cache.set(name, table);
  return table;
}

/**
 * Block graphics mode of Star's Japanese models. Star's Line mode and StarPRNT command
 * specifications (ESC $ n, "Specify/cancel shift JIS Kanji character mode"): with Shift JIS Kanji
 * mode on, bytes 0x80-0x9F and 0xE0-0xFF start a double-byte character; with it cancelled, the
 * block graphics mode is selected and those bytes print one block graphic character each. The
 * graphics are the JIS ones (line drawing 0x8F-0x9B: 0x95 ─, 0x96 │, 0x98 ┌ ...; blocks, suits,
 * 円年月日 at 0xE0-0xFF), the same as Epson's Katakana page has there, so they are read from that
 * page's maintained table. The code page's other bytes (0xA0-0xDF) stay as selected.
 */
const blockGraphicsCache = new WeakMap<Uint16Array, Uint16Array>();
export function withBlockGraphics(table: Uint16Array): Uint16Array {
  let out = blockGraphicsCache.get(table);
  if (!out) {
    const jis = decodeTable('epson/katakana');
    out = table.slice();
    out.set(jis.subarray(0x80, 0xa0), 0x80);
    out.set(jis.subarray(0xe0, 0x100), 0xe0);
    blockGraphicsCache.set(table, out);
  }
  return out;
}

const CHUNK = 4096;
const scratch = new Uint16Array(CHUNK);

/** Decodes bytes[from, to) with a table. */
export function decodeWith(
  table: Uint16Array,
  bytes: Uint8Array,
  from: number,
  to: number,
): string {
  let out = '';
  for (let start = from; start < to; start += CHUNK) {
    const end = Math.min(to, start + CHUNK);
    for (let i = start; i < end; i++) scratch[i - start] = table[bytes[i]];
    // fromCharCode takes any array-like: one reused buffer, no array per line.
    out += String.fromCharCode.apply(null, scratch.subarray(0, end - start) as unknown as number[]);
  }
  return out;
}
