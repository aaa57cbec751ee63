/**
 * The ESC/POS command grammar: how long each command is and what kind of thing it does.
 * Used by the capture framer (to find cuts and status requests in a live stream without being
 * fooled by image data) and by the interpreter (to stay aligned on every command it consumes).
 * Lengths follow Epson's ESC/POS command reference; unknown commands are measured conservatively.
 */

export const DLE = 0x10;
export const ESC = 0x1b;
export const FS = 0x1c;
export const GS = 0x1d;

/** What a command does, as far as framing and "did anything print" care. */
export const enum Kind {
  /** A printable character byte (>= 0x20). */
  Text = 0,
  /** Line feed, carriage return, tab, form feed. */
  Layout = 1,
  /** Mode, style or setting change; prints nothing by itself. */
  Setting = 2,
  /** Prints an image, barcode or 2D code: the receipt is not empty. */
  Print = 3,
  /** Paper cut: ends a receipt. */
  Cut = 4,
  /** A request the printer answers (or acknowledges) at once; not printed content. */
  Status = 5,
  /** Cash drawer kick. */
  Drawer = 6,
  /** Buzzer / beeper. */
  Buzzer = 7,
  /** Initialise (ESC @). */
  Init = 8,
  /** A command this table does not know; measured as its prefix only. */
  Unknown = 9,
}

/** Returned when the buffer ends before the command's length can be known. */
export const NEED_MORE = -1;

/** How far a variable-length command may be walked to find its end before it is declared bad. */
export const MAX_LOOKAHEAD = 8192;

export interface Measure {
  /** Total length in bytes including the prefix, or NEED_MORE. */
  length: number;
  kind: Kind;
}

const u16 = (buf: Uint8Array, i: number): number => buf[i] + buf[i + 1] * 256;

/** ESC x with a fixed total length (prefix included); 0 = not fixed here. */
const ESC_FIXED = new Uint8Array(256);
const ESC_KIND = new Uint8Array(256).fill(Kind.Setting);
const fixed = (table: Uint8Array, codes: string | number[], len: number): void => {
  const list = typeof codes === 'string' ? [...codes].map((c) => c.charCodeAt(0)) : codes;
  for (const c of list) table[c] = len;
};
fixed(ESC_FIXED, [0x0c], 2); // ESC FF: print in page mode
fixed(ESC_FIXED, '2<@LSim', 2);
fixed(ESC_FIXED, ' !%-3=?EGJMRTUVadeKrtu{', 3);
fixed(ESC_FIXED, '$\\B', 4);
fixed(ESC_FIXED, 'p', 5);
fixed(ESC_FIXED, 'W', 10);
ESC_FIXED[0x76] = 2; // ESC v: transmit paper sensor status
ESC_KIND[0x40] = Kind.Init;
ESC_KIND[0x69] = Kind.Cut; // ESC i
ESC_KIND[0x6d] = Kind.Cut; // ESC m
ESC_KIND[0x70] = Kind.Drawer; // ESC p
ESC_KIND[0x42] = Kind.Buzzer; // ESC B n t
ESC_KIND[0x75] = Kind.Status; // ESC u
ESC_KIND[0x76] = Kind.Status; // ESC v
ESC_KIND[0x0c] = Kind.Print; // ESC FF prints the page buffer
ESC_KIND[0x4a] = Kind.Layout; // ESC J feed
ESC_KIND[0x64] = Kind.Layout; // ESC d feed lines
ESC_KIND[0x65] = Kind.Layout; // ESC e reverse feed

const FS_FIXED = new Uint8Array(256);
fixed(FS_FIXED, '&.', 2);
fixed(FS_FIXED, '!-CW', 3);
fixed(FS_FIXED, 'S?', 4);
fixed(FS_FIXED, 'p', 4);

const GS_FIXED = new Uint8Array(256);
const GS_KIND = new Uint8Array(256).fill(Kind.Setting);
fixed(GS_FIXED, ':c', 2);
fixed(GS_FIXED, '!/BEHIT abfhjrw', 3);
fixed(GS_FIXED, '$LPW\\', 4);
fixed(GS_FIXED, '^', 5);
fixed(GS_FIXED, 'z', 5);
GS_KIND[0x2f] = Kind.Print; // GS / print downloaded bit image
GS_KIND[0x49] = Kind.Status; // GS I
GS_KIND[0x61] = Kind.Status; // GS a (automatic status back)
GS_KIND[0x72] = Kind.Status; // GS r
GS_KIND[0x63] = Kind.Setting; // GS c print counter (rare)

const out: Measure = { length: 0, kind: Kind.Unknown };

const result = (length: number, kind: Kind): Measure => {
  out.length = length;
  out.kind = kind;
  return out;
};

/**
 * Measures the command at buf[pos] (buf[pos] is a byte < 0x20 or >= 0x20). `end` is the end of
 * the readable bytes. The returned object is reused between calls: copy what you need.
 */
export function measure(buf: Uint8Array, pos: number, end: number): Measure {
  const b = buf[pos];
  if (b >= 0x20) return result(1, Kind.Text);
  switch (b) {
    case DLE:
      return measureDle(buf, pos, end);
    case ESC:
      return measureEsc(buf, pos, end);
    case FS:
      return measureFs(buf, pos, end);
    case GS:
      return measureGs(buf, pos, end);
    case 0x09:
    case 0x0a:
    case 0x0c:
    case 0x0d:
      return result(1, Kind.Layout);
    case 0x12:
      // DC2 q n: SII printers' end-of-job status request (where Epson's are sent GS r 1)
      if (pos + 1 >= end) return result(NEED_MORE, Kind.Setting);
      return buf[pos + 1] === 0x71 ? result(3, Kind.Status) : result(1, Kind.Setting);
    default:
      // Other C0 bytes (NUL, CAN, ...) print nothing; CAN clears page mode data.
      return result(1, Kind.Setting);
  }
}

function measureDle(buf: Uint8Array, pos: number, end: number): Measure {
  if (pos + 1 >= end) return result(NEED_MORE, Kind.Unknown);
  const c = buf[pos + 1];
  if (c === 0x04) {
    // DLE EOT n [a]
    if (pos + 2 >= end) return result(NEED_MORE, Kind.Status);
    const n = buf[pos + 2];
    return result(n === 7 || n === 8 || n === 18 ? 4 : 3, Kind.Status);
  }
  if (c === 0x05) return result(3, Kind.Status); // DLE ENQ n
  if (c === 0x14) {
    // DLE DC4 fn ...
    if (pos + 2 >= end) return result(NEED_MORE, Kind.Unknown);
    const fn = buf[pos + 2];
    if (fn === 1) return result(5, Kind.Drawer);
    if (fn === 2) return result(5, Kind.Setting);
    if (fn === 3) return result(5, Kind.Buzzer);
    if (fn === 7) return result(4, Kind.Status);
    if (fn === 8) return result(10, Kind.Setting);
    return result(3, Kind.Unknown);
  }
  return result(1, Kind.Unknown);
}

function measureEsc(buf: Uint8Array, pos: number, end: number): Measure {
  if (pos + 1 >= end) return result(NEED_MORE, Kind.Unknown);
  const c = buf[pos + 1];
  const len = ESC_FIXED[c];
  if (len) return result(len, ESC_KIND[c]);
  switch (c) {
    case 0x2a: {
      // ESC * m nL nH d1..dk: k = n for 8-dot modes, 3n for 24-dot modes
      if (pos + 4 >= end) return result(NEED_MORE, Kind.Print);
      const m = buf[pos + 2];
      const n = u16(buf, pos + 3);
      return result(5 + (m === 32 || m === 33 ? 3 * n : n), Kind.Print);
    }
    case 0x26:
      return measureUserChars(buf, pos, end);
    case 0x44: {
      // ESC D n1..nk NUL (at most 32 tab stops)
      for (let i = pos + 2; i < end && i <= pos + 2 + 32; i++) {
        if (buf[i] === 0) return result(i - pos + 1, Kind.Setting);
      }
      if (end - pos - 2 > 32) return result(2 + 32, Kind.Setting);
      return result(NEED_MORE, Kind.Setting);
    }
    case 0x28: {
      // ESC ( x pL pH ...
      if (pos + 4 >= end) return result(NEED_MORE, Kind.Setting);
      const fn = buf[pos + 2];
      return result(5 + u16(buf, pos + 3), fn === 0x41 ? Kind.Buzzer : Kind.Setting);
    }
    case 0x63: // ESC c x n
      return result(4, Kind.Setting);
    default:
      return result(2, Kind.Unknown);
  }
}

/** ESC & y c1 c2 [x d1..d(y*x)] for each character c1..c2. */
function measureUserChars(buf: Uint8Array, pos: number, end: number): Measure {
  if (pos + 4 >= end) return result(NEED_MORE, Kind.Setting);
  const y = buf[pos + 2];
  const c1 = buf[pos + 3];
  const c2 = buf[pos + 4];
  let i = pos + 5;
  for (let c = c1; c <= c2; c++) {
    if (i >= end) return result(i - pos > MAX_LOOKAHEAD ? i - pos : NEED_MORE, Kind.Setting);
    i += 1 + y * buf[i];
  }
  return result(i - pos, Kind.Setting);
}

function measureFs(buf: Uint8Array, pos: number, end: number): Measure {
  if (pos + 1 >= end) return result(NEED_MORE, Kind.Unknown);
  const c = buf[pos + 1];
  const len = FS_FIXED[c];
  if (len) return result(len, c === 0x70 ? Kind.Print : Kind.Setting);
  switch (c) {
    case 0x32: // FS 2 c1 c2 d1..d72: define a Kanji character
      return result(4 + 72, Kind.Setting);
    case 0x28: {
      // FS ( x pL pH ...
      if (pos + 4 >= end) return result(NEED_MORE, Kind.Setting);
      return result(5 + u16(buf, pos + 3), Kind.Setting);
    }
    case 0x71: {
      // FS q n [xL xH yL yH d1..dk] x n, k = x * y * 8: define NV bit images
      if (pos + 2 >= end) return result(NEED_MORE, Kind.Setting);
      const n = buf[pos + 2];
      let i = pos + 3;
      for (let k = 0; k < n; k++) {
        if (i + 3 >= end) return result(NEED_MORE, Kind.Setting);
        i += 4 + u16(buf, i) * u16(buf, i + 2) * 8;
      }
      return result(i - pos, Kind.Setting);
    }
    case 0x67: {
      // FS g 1 m a1..a4 nL nH d1..dk (write NV user memory); FS g 2 m a1..a4 nL nH (read)
      if (pos + 9 >= end) return result(NEED_MORE, Kind.Setting);
      const fn = buf[pos + 2];
      return result(fn === 1 ? 10 + u16(buf, pos + 8) : 10, Kind.Setting);
    }
    default:
      return result(2, Kind.Unknown);
  }
}

function measureGs(buf: Uint8Array, pos: number, end: number): Measure {
  if (pos + 1 >= end) return result(NEED_MORE, Kind.Unknown);
  const c = buf[pos + 1];
  const len = GS_FIXED[c];
  if (len) return result(len, GS_KIND[c]);
  switch (c) {
    case 0x56: {
      // GS V m [n]: cut
      if (pos + 2 >= end) return result(NEED_MORE, Kind.Cut);
      const m = buf[pos + 2];
      return result(m === 0 || m === 1 || m === 48 || m === 49 ? 3 : 4, Kind.Cut);
    }
    case 0x76: {
      // GS v 0 m xL xH yL yH d1..dk, k = x (bytes) * y
      if (pos + 7 >= end) return result(NEED_MORE, Kind.Print);
      return result(8 + u16(buf, pos + 4) * u16(buf, pos + 6), Kind.Print);
    }
    case 0x2a: {
      // GS * x y d1..d(x*y*8): define downloaded bit image
      if (pos + 3 >= end) return result(NEED_MORE, Kind.Setting);
      return result(4 + buf[pos + 2] * buf[pos + 3] * 8, Kind.Setting);
    }
    case 0x6b:
      return measureBarcode(buf, pos, end);
    case 0x28: {
      // GS ( x pL pH ...
      if (pos + 4 >= end) return result(NEED_MORE, Kind.Setting);
      const fn = buf[pos + 2];
      const p = u16(buf, pos + 3);
      return result(5 + p, gsParenKind(buf, pos, end, fn, p));
    }
    case 0x38: {
      // GS 8 x p1 p2 p3 p4 ...: GS 8 L (graphics) with a 32-bit length
      if (pos + 6 >= end) return result(NEED_MORE, Kind.Setting);
      const p =
        buf[pos + 3] + buf[pos + 4] * 0x100 + buf[pos + 5] * 0x10000 + buf[pos + 6] * 0x1000000;
      const kind = buf[pos + 2] === 0x4c ? graphicsKind(buf, pos + 8, end, p) : Kind.Setting;
      return result(7 + p, kind);
    }
    case 0x43: {
      // GS C 0 n m | GS C 1 aL aH bL bH n r | GS C 2 nL nH (counter printing, old models)
      if (pos + 2 >= end) return result(NEED_MORE, Kind.Setting);
      const fn = buf[pos + 2];
      return result(fn === 1 ? 9 : 5, Kind.Setting);
    }
    case 0x67: {
      // GS g 0 m nL nH | GS g 2 m nL nH: maintenance counters
      return result(6, Kind.Setting);
    }
    case 0x51: {
      // GS Q 0 v xL xH yL yH d: variable vertical size bit image
      if (pos + 7 >= end) return result(NEED_MORE, Kind.Print);
      return result(8 + u16(buf, pos + 4) * u16(buf, pos + 6), Kind.Print);
    }
    default:
      return result(2, Kind.Unknown);
  }
}

/** GS ( x functions that print or ask for a reply; the rest set things up. */
function gsParenKind(buf: Uint8Array, pos: number, end: number, fn: number, p: number): Kind {
  if (fn === 0x48) return Kind.Status; // GS ( H: request a process ID response
  if (fn === 0x6b && p >= 3 && pos + 6 < end && buf[pos + 6] === 0x51) return Kind.Print; // 2D code
  if (fn === 0x4c) return graphicsKind(buf, pos + 6, end, p);
  if (fn === 0x41) return Kind.Setting; // GS ( A: test print (ignored: prints nothing of the POS's)
  return Kind.Setting;
}

/** GS ( L / GS 8 L, p bytes after the length, function byte at buf[fnAt]. */
function graphicsKind(buf: Uint8Array, fnAt: number, end: number, p: number): Kind {
  if (p < 2 || fnAt >= end) return Kind.Setting;
  // fn 2/50 print the buffer, 69 print NV graphics, 85 print download graphics
  const g = buf[fnAt];
  return g === 2 || g === 50 || g === 69 || g === 85 ? Kind.Print : Kind.Setting;
}

/** GS k m d1..dk NUL (m 0..6) or GS k m n d1..dn (m 65..79). */
function measureBarcode(buf: Uint8Array, pos: number, end: number): Measure {
  if (pos + 2 >= end) return result(NEED_MORE, Kind.Print);
  const m = buf[pos + 2];
  if (m <= 6) {
    const limit = Math.min(end, pos + 3 + 255);
    for (let i = pos + 3; i < limit; i++) {
      if (buf[i] === 0) return result(i - pos + 1, Kind.Print);
    }
    return result(end - pos - 3 >= 255 ? 3 + 255 : NEED_MORE, Kind.Print);
  }
  if (pos + 3 >= end) return result(NEED_MORE, Kind.Print);
  return result(4 + buf[pos + 3], Kind.Print);
}
