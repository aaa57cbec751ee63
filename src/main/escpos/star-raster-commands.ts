/**
 * Star raster mode in the grammar: the commands that enter and leave it (ESC * r A / B), its
 * settings (ESC * r x n NUL), its lines (b / k n1 n2 d1..dk) and the form feeds (ESC FF) that end
 * its pages. Raster mode carries state from command to command (StarMode): whether bytes are
 * raster lines, whether a page is pending, and which cut each way of ending a page makes, so the
 * framer cuts where the printer would.
 */
import { Kind, type Measure, NEED_MORE } from './commands';
import { u16 } from './star-params';

/** What a Star stream carries from one command to the next that changes how later bytes read. */
export interface StarMode {
  /** Between ESC * r A and ESC * r B: bytes are raster commands, not text. */
  raster: boolean;
  /** Raster lines or feeds since the last form feed: ESC * r B then ends the page (EOT mode). */
  rasterPending: boolean;
  /** ESC * r F n NUL: whether ESC FF NUL cuts (modes 8, 9, 12, 13, 36, 37 and the default). */
  formFeedCuts: boolean;
  /** ESC * r E n NUL: whether ESC FF EOT and quitting raster mode with data pending cut. */
  endCuts: boolean;
}

export const newStarMode = (): StarMode => ({
  raster: false,
  rasterPending: false,
  formFeedCuts: true,
  endCuts: true,
});

/** Digits of an ESC * r parameter (ASCII decimal, up to 255 digits) before its NUL. */
const MAX_DECIMAL = 256;

/**
 * A holder of its own, reused like star-commands.ts's: callers read length and kind at once, so
 * two holders never clash, and this file need not import the grammar that imports it.
 */
const out: Measure = { length: 0, kind: Kind.Unknown };
const result = (length: number, kind: Kind): Measure => {
  out.length = length;
  out.kind = kind;
  return out;
};

/** ESC FF NUL (form feed mode) or ESC FF EOT (end of document mode) in raster mode. */
export function formFeed(buf: Uint8Array, pos: number, end: number, mode?: StarMode): Measure {
  if (pos + 2 >= end) return result(NEED_MORE, Kind.Cut);
  const eot = buf[pos + 2] === 0x04;
  const cuts = mode ? (eot ? mode.endCuts : mode.formFeedCuts) : true;
  if (mode) mode.rasterPending = false;
  return result(3, cuts ? Kind.Cut : Kind.Layout);
}

/** Cut modes of ESC * r E / ESC * r F: 1 form feed, 2 cut feed, 3 tear bar; the rest cut. */
const cutsInMode = (n: number): boolean => n !== 1 && n !== 2 && n !== 3;

/** ESC * r x ...: A/B/C/R are four bytes, the rest take an ASCII decimal and NUL. */
export function measureRasterSetting(
  buf: Uint8Array,
  pos: number,
  end: number,
  mode?: StarMode,
): Measure {
  if (pos + 3 >= end) return result(NEED_MORE, Kind.Setting);
  const x = buf[pos + 3];
  switch (x) {
    case 0x41: // A: enter raster mode
      if (mode) mode.raster = true;
      return result(4, Kind.Setting);
    case 0x42: {
      // B: quit raster mode, first ending the page (EOT mode) when raster data is pending
      const cut = mode !== undefined && mode.rasterPending && mode.endCuts;
      if (mode) {
        mode.raster = false;
        mode.rasterPending = false;
      }
      return result(4, cut ? Kind.Cut : Kind.Setting);
    }
    case 0x43: // C: clear raster data
    case 0x52: // R: initialise raster mode
      return result(4, Kind.Setting);
    case 0x6d: // m l n NUL / m r n NUL: margins
      return decimal(buf, pos, end, 5, x, mode);
    case 0x44: // D: drawer
    case 0x45: // E: EOT mode
    case 0x46: // F: FF mode
    case 0x50: // P: page length
    case 0x51: // Q: print quality
    case 0x54: // T: top margin
    case 0x4b: // K: print colour
    case 0x59: // Y: feed n dots
    case 0x4e: // N: discard n bytes
    case 0x56: // V: buzzer
      return decimal(buf, pos, end, 4, x, mode);
    default:
      return result(4, Kind.Unknown);
  }
}

/** ESC * r x n NUL, n an ASCII decimal; ESC * r N n NUL also consumes the n bytes after it. */
function decimal(
  buf: Uint8Array,
  pos: number,
  end: number,
  head: number,
  x: number,
  mode?: StarMode,
): Measure {
  const limit = Math.min(end, pos + head + MAX_DECIMAL);
  let n = 0;
  for (let i = pos + head; i < limit; i++) {
    const d = buf[i];
    if (d === 0) {
      const length = i - pos + 1;
      if (x === 0x45 && mode) mode.endCuts = cutsInMode(n);
      if (x === 0x46 && mode) mode.formFeedCuts = cutsInMode(n);
      if (x === 0x4e) return result(length + n, Kind.Setting);
      if (x === 0x59) {
        if (mode) mode.rasterPending = true; // a fed page is ended (and cut) like a printed one
        return result(length, Kind.Layout);
      }
      if (x === 0x44) return result(length, Kind.Drawer);
      if (x === 0x56) return result(length, Kind.Buzzer);
      return result(length, Kind.Setting);
    }
    if (d >= 0x30 && d <= 0x39) n = Math.min(n * 10 + d - 0x30, 1e9);
  }
  if (limit < end || end - pos >= head + MAX_DECIMAL) return result(head, Kind.Unknown);
  return result(NEED_MORE, Kind.Setting);
}

/**
 * Raster mode, bytes from 20H up: b / k n1 n2 d1..dk are raster lines; other bytes are not
 * printed. ESC commands and C0 bytes (status requests, drawer kicks, CAN) read as outside it.
 */
export function measureRasterData(
  buf: Uint8Array,
  pos: number,
  end: number,
  mode: StarMode,
): Measure {
  const b = buf[pos];
  if (b === 0x62 || b === 0x6b) {
    if (pos + 2 >= end) return result(NEED_MORE, Kind.Print);
    const length = 3 + u16(buf, pos + 1);
    if (pos + length <= end) mode.rasterPending = true;
    return result(length, Kind.Print);
  }
  return result(1, Kind.Unknown);
}
