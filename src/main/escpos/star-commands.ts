/**
 * The Star command grammar (Star Line mode and StarPRNT, which share their core): how long each
 * command is and what kind of thing it does, in the same shape as the ESC/POS grammar so the
 * capture framer and the interpreter can walk a Star stream the same way.
 * Lengths follow Star's "STAR Line Mode Command Specifications" and "StarPRNT Command
 * Specifications". Star has no GS or DLE commands: a lone GS or DLE is measured as unknown, which
 * is also what tells a Star walk that it is reading ESC/POS. Raster mode (ESC * r A .. ESC * r B)
 * reads bytes differently ('b' starts a raster line), so a walk that may meet it passes a StarMode;
 * that mode and raster mode's own commands are read in star-raster-commands.ts.
 */
import { ESC, FS, Kind, type Measure, NEED_MORE } from './commands';
import { u16 } from './star-params';
import {
  type StarMode,
  formFeed,
  measureRasterData,
  measureRasterSetting,
} from './star-raster-commands';

export { type StarMode, newStarMode } from './star-raster-commands';

export const RS = 0x1e;
const GS = 0x1d;

/** Longest bar code data ESC b may carry before its RS. */
const MAX_BARCODE = 1024;

const out: Measure = { length: 0, kind: Kind.Unknown };
const result = (length: number, kind: Kind): Measure => {
  out.length = length;
  out.kind = kind;
  return out;
};

const codes = (s: string): number[] => [...s].map((c) => c.charCodeAt(0));
const table = (entries: [string | number[], number][]): Uint8Array => {
  const t = new Uint8Array(256);
  for (const [list, len] of entries) {
    for (const c of typeof list === 'string' ? codes(list) : list) t[c] = len;
  }
  return t;
};

/** ESC x with a fixed total length. */
const ESC_FIXED = table([
  // ESC E/F bold, 4/5 inverse, 0/1/2 line spacing, M/P/:/g pitch, 6/7 fonts, p/q JIS kanji,
  // O bottom margin off, @ init, SO/DC4 double height
  ['EF4501@2MP:g67pqO', 2],
  [[0x0e, 0x14], 2],
  // ESC R n international set, / n slash zero, SP n right space, W/h n expansion, -/_ n lines,
  // a n feed lines, z n spacing, J/j/I/A/3/y n feeds and spacing, N n bottom margin, l/Q n
  // margins, d n cut, % n download set, $ u x w n kanji, FF n raster document end
  [' R/Wh-_azJjIA3yNlQd%$uxw', 3],
  [[0x0c], 3],
  // ESC i n1 n2 expansion, s/t n1 n2 kanji spaces, BEL n1 n2 drive pulse, SYN c n presenter,
  // ? LF NUL reset
  ['ist?', 4],
  [[0x07, 0x16], 4],
  [[0x0f], 3], // ESC SI n (slip)
  [[0x0b], 4], // ESC VT n1 n2 (slip)
  [[0x06], 3], // ESC ACK SOH / ESC ACK CAN
]);

const ESC_KIND = new Uint8Array(256).fill(Kind.Setting);
ESC_KIND[0x40] = Kind.Init; // ESC @
ESC_KIND[0x3f] = Kind.Init; // ESC ? LF NUL: reset the printer
ESC_KIND[0x64] = Kind.Cut; // ESC d n
ESC_KIND[0x61] = Kind.Layout; // ESC a n: feed n lines
ESC_KIND[0x4a] = Kind.Layout; // ESC J n
ESC_KIND[0x6a] = Kind.Layout; // ESC j n: reverse feed
ESC_KIND[0x49] = Kind.Layout; // ESC I n
ESC_KIND[0x06] = Kind.Status; // ESC ACK SOH

/** ESC RS x n: every Star ESC RS command is four bytes. */
const ESC_RS_KNOWN = new Set(codes('aFRidrEALmcC#'));
/** ESC GS x with a fixed total length. */
const ESC_GS_FIXED = table([
  ['ta4', 4], // ESC GS t n code page, a n alignment
  ['AR', 5], // ESC GS A/R n1 n2 positions
  [[0x07, 0x03], 6], // ESC GS BEL m t1 t2 buzzer, ESC GS ETX s n1 n2 print end counter
  ['g', 6], // ESC GS g 0|1 m n print start trigger / timer
]);
ESC_GS_FIXED[0x34] = 5; // ESC GS 4 m n: white/black inversion (dot models)

/**
 * Measures the command at buf[pos]. `end` is the end of the readable bytes. Pass the connection's
 * StarMode to follow raster mode; it is updated only by complete commands, so measuring the same
 * command twice (after NEED_MORE) changes nothing. The returned object is reused between calls.
 */
export function measureStar(buf: Uint8Array, pos: number, end: number, mode?: StarMode): Measure {
  const b = buf[pos];
  if (b >= 0x20)
    return mode?.raster ? measureRasterData(buf, pos, end, mode) : result(1, Kind.Text);
  switch (b) {
    case ESC:
      return measureEsc(buf, pos, end, mode);
    case 0x0a: // LF
    case 0x0d: // CR
    case 0x09: // HT
    case 0x0b: // VT
    case 0x0c: // FF
      return result(1, Kind.Layout);
    case 0x07: // BEL: external device 1
    case FS: // external device 1, at once
    case 0x1a: // SUB: external device 2, at once
    case 0x19: // EM: external device 2, at once
      return result(1, Kind.Drawer);
    case 0x05: // ENQ
    case 0x04: // EOT
    case 0x17: // ETB
      return result(1, Kind.Status);
    case 0x18: // CAN: cancel print data and initialise commands
      return result(1, Kind.Init);
    case GS:
    case 0x10: // DLE
      return result(1, Kind.Unknown); // ESC/POS prefixes; Star has no such commands
    default:
      // SO, DC4, SI, DC2 set modes; NUL and the other C0 bytes are ignored.
      return result(1, Kind.Setting);
  }
}

function measureEsc(buf: Uint8Array, pos: number, end: number, mode?: StarMode): Measure {
  if (pos + 1 >= end) return result(NEED_MORE, Kind.Unknown);
  const c = buf[pos + 1];
  const len = ESC_FIXED[c];
  if (len) {
    if (c === 0x0c) return formFeed(buf, pos, end, mode);
    if (c === 0x16 && pos + 2 < end && buf[pos + 2] === 0x33) return result(4, Kind.Status);
    return result(len, ESC_KIND[c]);
  }
  switch (c) {
    case 0x43: // ESC C n page length in lines | ESC C NUL n in 24 mm units
      if (pos + 2 >= end) return result(NEED_MORE, Kind.Setting);
      return result(buf[pos + 2] === 0 ? 4 : 3, Kind.Setting);
    case 0x1d:
      return measureEscGs(buf, pos, end);
    case RS: {
      if (pos + 2 >= end) return result(NEED_MORE, Kind.Unknown);
      const x = buf[pos + 2];
      if (!ESC_RS_KNOWN.has(x)) return result(3, Kind.Unknown);
      if (x === 0x4c) return result(4, Kind.Print); // ESC RS L m prints logos
      // ESC RS E n clears the ETB counter the status replies report, so they must see it.
      return result(4, x === 0x45 ? Kind.Status : Kind.Setting);
    }
    case FS:
      return measureEscFs(buf, pos, end);
    case 0x2a: // ESC * r x: raster mode commands
      if (pos + 2 >= end) return result(NEED_MORE, Kind.Unknown);
      if (buf[pos + 2] !== 0x72) return result(2, Kind.Unknown); // ESC * x page area: slip only
      return measureRasterSetting(buf, pos, end, mode);
    case 0x44: // ESC D n1..nk NUL horizontal tabs
    case 0x42: // ESC B n1..nk NUL vertical tabs
      return untilEnd(buf, pos, end, 2, 32 + 1, Kind.Setting, false);
    case 0x4b: // ESC K n1 n2 d1..dk, 8-dot standard density, k = n1 + n2 * 256
    case 0x4c: // ESC L n1 n2 d1..dk, 8-dot double density
      return bitImage(buf, pos, end, 4, 1);
    case 0x6b: // ESC k n1 n2 d1..dk: 24 rows of n1 + n2 * 256 bytes
      return bitImage(buf, pos, end, 4, 24);
    case 0x58: // ESC X n1 n2 d1..dk: columns of 3 bytes (24 dots)
      return bitImage(buf, pos, end, 4, 3);
    case 0x5e: {
      // ESC ^ m n1 n2 d1..dk: 9/16-dot images take 2 bytes a column, 18-dot images 3
      if (pos + 4 >= end) return result(NEED_MORE, Kind.Print);
      const m = buf[pos + 2] & 0x0f;
      return result(5 + u16(buf, pos + 3) * (m >= 4 ? 3 : 2), Kind.Print);
    }
    case 0x62:
      return measureBarcode(buf, pos, end);
    case 0x26: {
      // ESC & c1 c2 n d1..d48 registers a download character; ESC & c1 c2 n (c2 = 0) deletes it
      if (pos + 3 >= end) return result(NEED_MORE, Kind.Setting);
      const c1 = buf[pos + 2];
      if (c1 !== 1 && c1 !== 0x31) return result(2, Kind.Unknown); // dot-impact layout
      const c2 = buf[pos + 3];
      return result(c2 === 0 || c2 === 0x30 ? 5 : 5 + 48, Kind.Setting);
    }
    default:
      return result(2, Kind.Unknown);
  }
}

function measureEscGs(buf: Uint8Array, pos: number, end: number): Measure {
  if (pos + 2 >= end) return result(NEED_MORE, Kind.Unknown);
  const x = buf[pos + 2];
  const len = ESC_GS_FIXED[x];
  if (len) return result(len, x === 0x07 ? Kind.Buzzer : x === 0x03 ? Kind.Status : Kind.Setting);
  if (pos + 3 >= end) return result(NEED_MORE, Kind.Unknown);
  const f = buf[pos + 3];
  switch (x) {
    case 0x79: // ESC GS y: QR code
      return measure2d(buf, pos, end, f, true);
    case 0x78: // ESC GS x: PDF417
      return measure2d(buf, pos, end, f, false);
    case 0x19: // ESC GS EM DC1 m n1 n2 buzzer pulse setting; DC2 m n1 n2 rings it
      if (f === 0x11) return result(7, Kind.Setting);
      if (f === 0x12) return result(7, Kind.Buzzer);
      return result(4, Kind.Unknown);
    case 0x53: {
      // ESC GS S m xL xH yL yH n d1..dk (StarPRNT graphics): k = x bytes * y rows
      if (pos + 7 >= end) return result(NEED_MORE, Kind.Print);
      return result(9 + u16(buf, pos + 4) * u16(buf, pos + 6), Kind.Print);
    }
    case 0x50: // ESC GS P n ...: page mode
      return measurePageMode(f);
    case 0x23: // ESC GS # m N n1 n2 n3 n4 LF NUL: memory switch
      return untilEnd(buf, pos, end, 3, 16, Kind.Setting, true);
    default:
      return result(3, Kind.Unknown);
  }
}

/** ESC GS y (QR) and ESC GS x (PDF417): S settings, D data, P print, I information. */
function measure2d(buf: Uint8Array, pos: number, end: number, f: number, qr: boolean): Measure {
  if (f === 0x50) return result(4, Kind.Print); // P
  if (f === 0x49) return result(4, Kind.Status); // I
  if (f === 0x53) {
    if (pos + 4 >= end) return result(NEED_MORE, Kind.Setting);
    // ESC GS x S 0 n p1 p2 sets the PDF417 size; every other S setting is S k n
    return result(!qr && buf[pos + 4] === 0x30 ? 8 : 6, Kind.Setting);
  }
  if (f === 0x44) {
    if (qr) {
      // ESC GS y D 1 m nL nH d1..dk (data, automatic mode)
      if (pos + 7 >= end) return result(NEED_MORE, Kind.Setting);
      if (buf[pos + 4] !== 0x31) return result(4, Kind.Unknown); // D 2 manual mode
      return result(8 + u16(buf, pos + 6), Kind.Setting);
    }
    // ESC GS x D nL nH d1..dk
    if (pos + 5 >= end) return result(NEED_MORE, Kind.Setting);
    return result(6 + u16(buf, pos + 4), Kind.Setting);
  }
  return result(4, Kind.Unknown);
}

/** ESC GS P n: 0 page mode, 1 standard mode, 2 n direction, 3 x y dx dy area, 4/5 positions. */
function measurePageMode(f: number): Measure {
  switch (f) {
    case 0x30:
    case 0x31:
    case 0x36:
    case 0x37:
      return result(4, f === 0x37 ? Kind.Print : Kind.Setting);
    case 0x32:
      return result(5, Kind.Setting);
    case 0x33:
      return result(12, Kind.Setting);
    case 0x34:
    case 0x35:
      return result(6, Kind.Setting);
    default:
      return result(4, Kind.Unknown);
  }
}

function measureEscFs(buf: Uint8Array, pos: number, end: number): Measure {
  if (pos + 2 >= end) return result(NEED_MORE, Kind.Unknown);
  const x = buf[pos + 2];
  if (x === 0x70) return result(5, Kind.Print); // ESC FS p n m: print logo
  if (x !== 0x71) return result(3, Kind.Unknown);
  // ESC FS q n [xL xH yL yH d1..dk] x n, k = x * y * 8: register logos
  if (pos + 3 >= end) return result(NEED_MORE, Kind.Setting);
  const n = buf[pos + 3];
  let i = pos + 4;
  for (let k = 0; k < n; k++) {
    if (i + 3 >= end) return result(NEED_MORE, Kind.Setting);
    i += 4 + u16(buf, i) * u16(buf, i + 2) * 8;
  }
  return result(i - pos, Kind.Setting);
}

/** ESC b n1 n2 n3 n4 d1..dk RS: a bar code. */
function measureBarcode(buf: Uint8Array, pos: number, end: number): Measure {
  const limit = Math.min(end, pos + 6 + MAX_BARCODE);
  for (let i = pos + 6; i < limit; i++) {
    if (buf[i] === RS) return result(i - pos + 1, Kind.Print);
  }
  if (limit < end || end - pos >= 6 + MAX_BARCODE) return result(2, Kind.Unknown); // no RS
  return result(NEED_MORE, Kind.Print);
}

function bitImage(buf: Uint8Array, pos: number, end: number, head: number, per: number): Measure {
  if (pos + head - 1 >= end) return result(NEED_MORE, Kind.Print);
  return result(head + u16(buf, pos + 2) * per, Kind.Print);
}

/**
 * A command ended by NUL (or LF NUL) within `max` bytes of its `head`. Past that it is not one:
 * only the head is consumed, as unknown; before that, an end of buffer asks for more.
 */
function untilEnd(
  buf: Uint8Array,
  pos: number,
  end: number,
  head: number,
  max: number,
  kind: Kind,
  lf: boolean,
): Measure {
  const limit = Math.min(end, pos + head + max);
  const last = lf ? limit - 1 : limit;
  for (let i = pos + head; i < last; i++) {
    if (lf ? buf[i] === 0x0a && buf[i + 1] === 0 : buf[i] === 0) {
      return result(i - pos + (lf ? 2 : 1), kind);
    }
  }
  if (end - pos >= head + max) return result(head, Kind.Unknown);
  return result(NEED_MORE, kind);
}
