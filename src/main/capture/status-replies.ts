/**
 * The bytes a healthy printer sends back to status and identification requests: online, paper
 * present, cover closed, no error. A POS that asks must never conclude "printer offline".
 * Epson bit layouts are from Epson's ESC/POS reference (DLE EOT, GS a, GS r, GS I, GS ( H); Star
 * ones from Star's "STAR Line Mode Command Specifications" and "StarPRNT Command Specifications"
 * (ENQ, EOT, ESC ACK SOH, ETB, ESC GS ETX) and their appendix on Automatic Status (ASB). The two
 * sets never share bytes: every Epson request starts with DLE, GS or ESC u / v, and the Star
 * grammar measures none of those as a status request.
 */
import type { PrinterIdentity } from '../../shared';
import { DLE, ESC, GS } from '../escpos';

/** DLE EOT n: bits 1 and 4 are fixed to 1; every status bit 0 means "fine". */
const REALTIME_OK = 0x12;

/**
 * Automatic status back (4 bytes). First byte: bit 4 fixed 1, bits 0, 1, 7 fixed 0, offline
 * (bit 3), cover open (bit 5) and feed button (bit 6) all 0 — so (b0 & 0x93) == 0x10 holds.
 */
export const ASB_OK = Buffer.from([0x10, 0x00, 0x00, 0x00]);

const EMPTY = Buffer.alloc(0);

const info = (text: string): Buffer =>
  Buffer.concat([Buffer.from([0x5f]), Buffer.from(text, 'latin1'), Buffer.from([0x00])]);

/**
 * Star Automatic Status (ASB), 9 bytes, as a TSP650 / TSP700II / TSP100 sends it:
 * - Header 1: bit 0 fixed 1, bits 1-3 and 5 the byte count including itself (9: 0x23).
 * - Header 2: bits 1-3 and 5 the ASB version (3, "up to printer status 7 (9th byte)": 0x06).
 *   Its bit 7 says a 2-byte length and more status data follow, which Star's LAN interfaces add
 *   ("STAR ASB (second byte bit 7 = 1) + Length"). We could not confirm that a LAN printer adds
 *   it to replies on port 9100, so we leave it off: a host reads the length only when bit 7 is
 *   set, so these 9 bytes read right with or without that extension, while 2 length bytes a
 *   host does not expect would derail one that reads 9.
 * - Status 1: bit 3 offline, bit 5 cover open, bit 2 drawer compulsion switch, bit 1 ETB done.
 * - Status 2: bits 2, 3, 5, 6 mechanical, cutter, unrecoverable error, head too hot.
 * - Status 3: bit 6 receive buffer overflow, bit 3 black mark error.
 * - Status 4: bit 3 paper end, bits 2 and 1 paper near end: all 0 is paper present.
 * - Status 5: sensors (slip, presenter) of models that have them.
 * - Status 6: the 5-bit ETB counter in bits 1-3 (low) and 5-6 (high).
 * - Status 7: presenter paper position.
 * Bit 0 of every byte but header 1 and bit 4 and 7 of every byte are fixed 0, so an ASB never
 * reads as an ENQ or EOT reply or as XON / XOFF.
 */
const STAR_ASB_HEADER = [0x23, 0x06];
/** Status 1 bit 1: an ETB has been executed since the host last saw it. */
const STAR_ETB_DONE = 0x02;

export const STAR_ASB_OK = starAsb(false, 0);

function starAsb(etbDone: boolean, etbCounter: number): Buffer {
  const etb = ((etbCounter & 0x07) << 1) | ((etbCounter & 0x18) << 2);
  return Buffer.from([...STAR_ASB_HEADER, etbDone ? STAR_ETB_DONE : 0, 0, 0, 0, 0, etb, 0]);
}

/**
 * ENQ: bit 5 set is "reception buffer empty" (bytes are handled as they arrive); bit 4 fixed 0;
 * paper end (3), other errors such as cover open (2), framing (1) and parity (0) errors all 0.
 */
const STAR_ENQ_OK = 0x20;
/** EOT: bit 4 fixed 1, bit 0 fixed 0; paper end (3), near end (2, 5), mark and jam errors 0. */
const STAR_EOT_OK = 0x10;

export interface StatusReplier {
  /**
   * The reply to the status command at buf[pos..pos+length), or an empty buffer when the
   * command expects none (DLE ENQ, GS a 0). Never throws.
   */
  reply(buf: Uint8Array, pos: number, length: number): Buffer;
}

export function createStatusReplier(identity: PrinterIdentity): StatusReplier {
  const byN = new Map<number, Buffer>([
    [1, Buffer.from([identity.modelId])],
    [49, Buffer.from([identity.modelId])],
    // Type ID: bit 1 = autocutter fitted; no multi-byte characters, no customer display.
    [2, Buffer.from([0x02])],
    [50, Buffer.from([0x02])],
    // ROM version ID.
    [3, Buffer.from([0x01])],
    [51, Buffer.from([0x01])],
    [65, info(identity.firmware)],
    [66, info(identity.maker)],
    [67, info(identity.model)],
    [68, info(identity.serial)],
    [69, info('PC437')],
  ]);

  // A Star printer keeps one of each for all the hosts connected to it. One replier serves every
  // station, so one station's ETB moves the counter another sees, as a second host would.
  let etbCounter = 0;
  let etbDone = false;
  let printEndCounter = 0;

  /** ENQ, EOT, ETB, ESC ACK SOH, ESC RS E n, ESC GS ETX s n1 n2; null for an Epson request. */
  function star(buf: Uint8Array, pos: number, length: number): Buffer | null {
    const c = buf[pos];
    if (length === 1) {
      if (c === 0x05) return Buffer.from([STAR_ENQ_OK]);
      if (c === 0x04) return Buffer.from([STAR_EOT_OK]);
      if (c === 0x17) {
        // ETB: once what came before is printed (at once, here), count it and report it in ASB.
        // The printer sends that ASB only while ASB is enabled; we always do, as a host that
        // polls with ESC ACK SOH instead reads this ASB first and finds its ETB there.
        etbCounter = (etbCounter + 1) & 0x1f;
        etbDone = true;
        return starAsb(true, etbCounter);
      }
      return null;
    }
    if (c !== ESC) return null;
    const cmd = buf[pos + 1];
    if (cmd === 0x06) {
      if (buf[pos + 2] !== 0x01) return EMPTY; // ESC ACK CAN resets the printer; no reply
      // ESC ACK SOH: the ASB, at once. The printer clears "ETB done" once a host has been sent
      // it; we keep it for the next ESC ACK SOH too, for a host that emptied its input (and so
      // the ETB's own ASB) before polling: being told twice that a print ended is harmless.
      const asb = starAsb(etbDone, etbCounter);
      etbDone = false;
      return asb;
    }
    if (cmd === 0x1e && buf[pos + 2] === 0x45) {
      etbCounter = 0; // ESC RS E n: clears the ETB counter and status, and sends nothing
      etbDone = false;
      return EMPTY;
    }
    if (cmd === 0x1d && buf[pos + 2] === 0x03 && length >= 6) {
      // ESC GS ETX s n1 n2: s = 0 reports the print end counter, 1 counts a finished print and
      // reports it, 2 clears it; the report echoes the command, then the counter and NUL.
      const s = buf[pos + 3];
      if (s === 2) printEndCounter = 0;
      if (s === 1) printEndCounter = (printEndCounter + 1) & 0xff;
      if (s !== 0 && s !== 1) return EMPTY; // 3, 4: start / end of a document; 5: a timeout
      return Buffer.from([...buf.subarray(pos, pos + 6), printEndCounter, 0x00]);
    }
    return null;
  }

  return {
    reply(buf, pos, length) {
      const starReply = star(buf, pos, length);
      if (starReply) return starReply;
      const prefix = buf[pos];
      const cmd = buf[pos + 1];
      const n = length > 2 ? buf[pos + 2] : 0;
      if (prefix === DLE && cmd === 0x04) return Buffer.from([REALTIME_OK]);
      if (prefix === DLE && cmd === 0x05) return EMPTY; // DLE ENQ: recover from error; no reply
      if (prefix === DLE && cmd === 0x14) return n === 7 && buf[pos + 3] === 1 ? ASB_OK : EMPTY;
      if (prefix === GS && cmd === 0x61) return n === 0 ? EMPTY : ASB_OK; // GS a n
      if (prefix === GS && cmd === 0x72) return Buffer.from([0x00]); // GS r: paper, drawer, ink fine
      if (prefix === GS && cmd === 0x49) return byN.get(n) ?? info('');
      if (prefix === GS && cmd === 0x28 && length >= 11 && buf[pos + 5] === 0x30) {
        // GS ( H pL pH fn=48 m=48 d1..d4: echo the process ID once the job so far is done
        return Buffer.from([0x37, 0x22, ...buf.subarray(pos + 7, pos + 11), 0x00]);
      }
      if (prefix === ESC && (cmd === 0x75 || cmd === 0x76)) return Buffer.from([0x00]); // ESC u / ESC v
      return EMPTY;
    },
  };
}
