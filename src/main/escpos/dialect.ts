/**
 * Which command language a POS is speaking: ESC/POS, Star Line mode or StarPRNT. The same bytes
 * mean different things in each (ESC d n feeds on Epson and cuts on Star), so the decision rests
 * only on commands one language has and the other cannot have.
 *
 * Two walks run over the bytes, one with each grammar. A walk's evidence counts only while that
 * walk has met nothing its grammar does not know: past an unknown command it may be reading
 * image data as commands. The earliest evidence wins; none means undecided (null). Star evidence
 * is only what no ESC/POS encoder emits (ESC GS, ESC RS, ESC * r, ESC F, ...), so an ESC/POS
 * receipt is never called Star.
 */
import type { Dialect } from '../../shared';
import { DLE, ESC, FS, GS, Kind, NEED_MORE, measure } from './commands';
import { RS, measureStar, newStarMode } from './star-commands';

const NONE = Number.MAX_SAFE_INTEGER;

/**
 * The dialect of bytes[from..to), or null while nothing in them decides it. Cheap: each walk
 * stops at its first evidence or its first unknown command, and skips image data by its length.
 */
export function detectDialect(bytes: Uint8Array, from = 0, to = bytes.length): Dialect | null {
  const family = detectFamily(bytes, from, to);
  return family === 'star' ? starVariant(bytes, from, to) : family;
}

/**
 * ESC/POS or Star, without telling Star Line mode from StarPRNT (which can take a walk over the
 * whole receipt): enough to check bytes against a station's setting.
 */
export function detectFamily(
  bytes: Uint8Array,
  from = 0,
  to = bytes.length,
): 'escpos' | 'star' | null {
  const escpos = firstEscPosEvidence(bytes, from, to);
  const star = firstStarEvidence(bytes, from, to, escpos);
  if (star < escpos) return 'star';
  if (escpos !== NONE) return 'escpos';
  return null;
}

/**
 * Star Line mode or StarPRNT, for bytes already known to be Star. Only StarPRNT prints graphics
 * with ESC GS S; only Star Line mode has raster mode (ESC * r) and the ESC k/K/L/^ bit images.
 * When nothing tells them apart the answer is 'star-line': they share everything else.
 */
export function starVariant(
  bytes: Uint8Array,
  from = 0,
  to = bytes.length,
): 'star-line' | 'star-prnt' {
  const mode = newStarMode();
  let i = from;
  while (i < to) {
    if (bytes[i] !== ESC && !mode.raster) {
      i++;
      continue;
    }
    const m = measureStar(bytes, i, to, mode);
    if (m.length === NEED_MORE || m.kind === Kind.Unknown) break;
    if (bytes[i] === ESC) {
      const c = bytes[i + 1];
      if (c === 0x1d && bytes[i + 2] === 0x53) return 'star-prnt';
      if (c === 0x6b || c === 0x4b || c === 0x4c || c === 0x5e || c === 0x2a) return 'star-line';
    }
    i += m.length;
  }
  return 'star-line';
}

/** Offset of the first command only ESC/POS has, while the ESC/POS walk is clean; else NONE. */
function firstEscPosEvidence(bytes: Uint8Array, from: number, to: number): number {
  let i = from;
  while (i < to) {
    const b = bytes[i];
    if (b >= 0x20 || b === 0x0a || b === 0x0d) {
      i++;
      continue;
    }
    const m = measure(bytes, i, to);
    if (m.length === NEED_MORE || m.kind === Kind.Unknown) return NONE;
    if (isEscPosOnly(bytes, i, to)) return i;
    i += m.length;
  }
  return NONE;
}

/** A known ESC/POS command that Star has not got, or reads with another length. */
function isEscPosOnly(bytes: Uint8Array, i: number, to: number): boolean {
  const b = bytes[i];
  if (b === GS || b === DLE) return true; // Star has no GS or DLE commands
  if (b === FS) return i + 1 < to && bytes[i + 1] !== ESC; // Star FS kicks the drawer alone
  if (b !== ESC || i + 2 >= to) return false;
  const c = bytes[i + 1];
  const n = bytes[i + 2];
  switch (c) {
    case 0x21: // ESC ! n print modes
    case 0x74: // ESC t n code table (Star: ESC t n1 n2 kanji spacing)
      return true;
    case 0x61: // ESC a n justification (Star: feed n lines)
      return n <= 2 || (n >= 0x30 && n <= 0x32);
    case 0x70: // ESC p m t1 t2 drawer pulse (Star: JIS kanji mode, two bytes)
      return n <= 1 || n === 0x30 || n === 0x31;
    case 0x2a: // ESC * m nL nH bit image (Star: ESC * r raster)
      return n === 0 || n === 1 || n === 32 || n === 33;
    case 0x7b: // ESC { n upside down
      return n <= 1 || n === 0x30 || n === 0x31;
    default:
      return false;
  }
}

/** Offset of the first command only Star has before `stop`, while the Star walk is clean. */
function firstStarEvidence(bytes: Uint8Array, from: number, to: number, stop: number): number {
  const mode = newStarMode();
  let i = from;
  while (i < to && i < stop) {
    const b = bytes[i];
    if (!mode.raster && (b >= 0x20 || b === 0x0a || b === 0x0d)) {
      i++;
      continue;
    }
    const m = measureStar(bytes, i, to, mode);
    if (m.length === NEED_MORE || m.kind === Kind.Unknown) return NONE;
    if (b === ESC && isStarOnly(bytes, i, to)) return i;
    i += m.length;
  }
  return NONE;
}

/** A known Star command that no ESC/POS encoder emits. */
function isStarOnly(bytes: Uint8Array, i: number, to: number): boolean {
  if (i + 2 >= to) return false;
  const c = bytes[i + 1];
  const n = bytes[i + 2];
  switch (c) {
    case 0x1d: // ESC GS ...: alignment, code page, positions, QR, PDF417, graphics
    case RS: // ESC RS ...: ASB, font, density
      return true;
    case 0x2a: // ESC * r: raster mode
      return n === 0x72;
    case 0x46: // ESC F bold off
    case 0x34: // ESC 4 / ESC 5 inverse
    case 0x35:
      return true;
    case 0x45: // ESC E bold on, no parameter: ESC/POS's ESC E n has n = 0, 1, '0' or '1'
      return n !== 0 && n !== 1 && n !== 0x30 && n !== 0x31;
    case 0x69: // ESC i n1 n2 expansion (ESC/POS: a two-byte cut); both parameters 0..7
      return i + 3 < to && n <= 7 && bytes[i + 3] <= 7;
    case 0x62: // ESC b n1 n2 n3 n4 d.. RS bar code (the walk found its RS)
      return (n <= 13 || (n >= 0x30 && n <= 0x38)) && (bytes[i + 3] & 0x0f) >= 1;
    case 0x6b: // ESC k n1 n2 / ESC X n1 n2 bit images: ESC/POS has neither
    case 0x58:
      return i + 3 < to && n + bytes[i + 3] > 0;
    case 0x07: // ESC BEL n1 n2 then BEL or SUB: the drawer kick with its pulse
      return i + 4 < to && (bytes[i + 4] === 0x07 || bytes[i + 4] === 0x1a);
    case 0x64: // ESC d n cut: '0'..'3' are absurd feeds; 0..3 right before ESC @ ends a job
      if (n >= 0x30 && n <= 0x33) return true;
      return n <= 3 && i + 4 < to && bytes[i + 3] === ESC && bytes[i + 4] === 0x40;
    default:
      return false;
  }
}
