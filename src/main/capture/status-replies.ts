/**
 * The bytes a printer sends back to status and identification requests. Normally those of a
 * healthy printer: online, paper present, cover closed, no error — a POS that asks must never
 * conclude "printer offline". While the desk cannot keep receipts (the disk is full) they are
 * those of a printer out of paper, so a POS that checks holds the job instead of believing it
 * printed; a station whose receipts pass through to a real printer may report that printer's
 * paper out, open cover or offline instead (see PrinterCondition).
 * Epson bit layouts are from Epson's ESC/POS reference (DLE EOT, GS a, GS r, GS I, GS ( H); Star
 * ones from Star's "STAR Line Mode Command Specifications" and "StarPRNT Command Specifications"
 * (ENQ, EOT, ESC ACK SOH, ETB, ESC GS ETX) and their appendix on Automatic Status (ASB). The two
 * sets never share bytes: every Epson request starts with DLE, GS or ESC u / v, and the Star
 * grammar measures none of those as a status request.
 */
import type { PrinterIdentity } from '../../shared';
import { DLE, ESC, GS } from '../escpos';

/**
 * What the printer reports about itself. The service sets 'paper-out' while the disk is full;
 * a station passing its receipts through to a real printer may report that printer's state.
 * Any condition but 'online' is offline, and a printer offline prints nothing, so it never
 * confirms a job done (GS ( H, Star ETB and print end counter).
 */
export type PrinterCondition = 'online' | 'paper-out' | 'cover-open' | 'offline';

/** DLE EOT n: bits 1 and 4 are fixed to 1; every status bit 0 means "fine". */
const REALTIME_OK = 0x12;

/**
 * DLE EOT n of a printer whose roll ran out (Epson: a paper end stops printing and takes the
 * printer offline until paper is loaded; its near-end sensor sees no paper either):
 * - 1, printer status: bit 3 offline (0x1a).
 * - 2, offline cause: bit 5 printing stopped by paper end; cover closed (bit 2), no error
 *   (bit 6): 0x32.
 * - 3, error cause: a paper end is not an error (cutter, unrecoverable, auto-recoverable): 0x12.
 * - 4, roll paper sensor: bits 2-3 near end and bits 5-6 paper end, both pairs set (0x7e).
 */
const REALTIME_PAPER_OUT = new Map<number, number>([
  [1, 0x1a],
  [2, 0x32],
  [3, 0x12],
  [4, 0x7e],
]);

/**
 * DLE EOT n of a printer not ready for other reasons, n missing where it reads as fine:
 * - cover open: 1 offline (0x1a); 2 cover open (bit 2: 0x16). Paper and errors are fine.
 * - offline (a downstream printer that cannot be reached or reports an error): 1 offline, and
 *   no cause given, as the cause is not one a till could act on.
 */
const REALTIME_NOT_READY: Record<Exclude<PrinterCondition, 'online'>, Map<number, number>> = {
  'paper-out': REALTIME_PAPER_OUT,
  'cover-open': new Map([
    [1, 0x1a],
    [2, 0x16],
  ]),
  offline: new Map([[1, 0x1a]]),
};

/**
 * GS r 1 (and ESC v) paper sensor byte: bits 0-1 near end, bits 2-3 paper end, bit 4 fixed 0.
 */
const PAPER_SENSOR_OK = 0x00;
const PAPER_SENSOR_OUT = 0x0f;

/**
 * Automatic status back (4 bytes). First byte: bit 4 fixed 1, bits 0, 1, 7 fixed 0, offline
 * (bit 3), cover open (bit 5) and feed button (bit 6) all 0 — so (b0 & 0x93) == 0x10 holds.
 */
export const ASB_OK = Buffer.from([0x10, 0x00, 0x00, 0x00]);

/**
 * The same with the roll out of paper: first byte offline (bit 3); second byte no error; third
 * byte the paper sensors, near end (bits 0-1) and paper end (bits 2-3); fourth byte nothing.
 * With the cover open: offline and cover open (bit 5) in the first byte. Offline: bit 3 alone.
 */
export const ASB_PAPER_OUT = Buffer.from([0x18, 0x00, 0x0f, 0x00]);
const ASB: Record<PrinterCondition, Buffer> = {
  online: ASB_OK,
  'paper-out': ASB_PAPER_OUT,
  'cover-open': Buffer.from([0x38, 0x00, 0x00, 0x00]),
  offline: Buffer.from([0x18, 0x00, 0x00, 0x00]),
};

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

/** Status 1 bit 3: offline (a Star printer goes offline at a paper end too); bit 5 cover open. */
const STAR_OFFLINE = 0x08;
const STAR_COVER_OPEN = 0x20;
/**
 * Status 4 of an empty roll: paper end (bit 3) and the inner near-end sensor (bit 2). The outer
 * near-end sensor (bit 1) only some models have; those without it send 0 there, so we do too.
 */
const STAR_PAPER_OUT = 0x0c;

export const STAR_ASB_OK = starAsb(false, 0, 'online');

function starAsb(etbDone: boolean, etbCounter: number, condition: PrinterCondition): Buffer {
  const etb = ((etbCounter & 0x07) << 1) | ((etbCounter & 0x18) << 2);
  const out = condition === 'paper-out';
  const status1 =
    (etbDone ? STAR_ETB_DONE : 0) |
    (condition !== 'online' ? STAR_OFFLINE : 0) |
    (condition === 'cover-open' ? STAR_COVER_OPEN : 0);
  return Buffer.from([...STAR_ASB_HEADER, status1, 0, 0, out ? STAR_PAPER_OUT : 0, 0, etb, 0]);
}

/**
 * ENQ: bit 5 set is "reception buffer empty" (bytes are handled as they arrive); bit 4 fixed 0;
 * paper end (3), other errors such as cover open (2), framing (1) and parity (0) errors all 0.
 */
const STAR_ENQ_OK = 0x20;
/** ENQ with no paper: bit 3 paper end. Cover open or offline: bit 2, the other errors. */
const STAR_ENQ_PAPER_OUT = 0x28;
const STAR_ENQ_NOT_READY = 0x24;
/** EOT: bit 4 fixed 1, bit 0 fixed 0; paper end (3), near end (2, 5), mark and jam errors 0. */
const STAR_EOT_OK = 0x10;
/** EOT with no paper: paper end (bit 3) and inner near end (bit 2); outer near end as for ASB. */
const STAR_EOT_PAPER_OUT = 0x1c;

export interface StatusReplier {
  /**
   * The reply to the status command at buf[pos..pos+length), or an empty buffer when the
   * command expects none (DLE ENQ, GS a 0). Never throws.
   */
  reply(buf: Uint8Array, pos: number, length: number): Buffer;
  /** Epson's automatic status as of now: sent unasked when the condition changes (GS a). */
  asb(): Buffer;
}

export interface SharedStatusReplier extends StatusReplier {
  /**
   * The same printer reporting another condition (one station's), its Star counters shared: one
   * replier serves every station, as one printer serves several hosts.
   */
  withCondition(condition: () => PrinterCondition): StatusReplier;
}

/**
 * @param condition read at each request, so a reply always tells the printer's state of the
 *   moment (the service flips it when the disk fills up or has room again).
 */
export function createStatusReplier(
  identity: PrinterIdentity,
  condition: () => PrinterCondition = () => 'online',
): SharedStatusReplier {
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
  function star(
    buf: Uint8Array,
    pos: number,
    length: number,
    condition: PrinterCondition,
  ): Buffer | null {
    const c = buf[pos];
    const out = condition === 'paper-out';
    if (length === 1) {
      if (c === 0x05) {
        const enq = condition === 'online' ? STAR_ENQ_OK : STAR_ENQ_NOT_READY;
        return Buffer.from([out ? STAR_ENQ_PAPER_OUT : enq]);
      }
      if (c === 0x04) return Buffer.from([out ? STAR_EOT_PAPER_OUT : STAR_EOT_OK]);
      if (c === 0x17) {
        // A printer offline (no paper) stops before the ETB, so it never reports that job done.
        if (condition !== 'online') return EMPTY;
        // ETB: once what came before is printed (at once, here), count it and report it in ASB.
        // The printer sends that ASB only while ASB is enabled; we always do, as a host that
        // polls with ESC ACK SOH instead reads this ASB first and finds its ETB there.
        etbCounter = (etbCounter + 1) & 0x1f;
        etbDone = true;
        return starAsb(true, etbCounter, condition);
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
      const asb = starAsb(etbDone, etbCounter, condition);
      etbDone = false;
      return asb;
    }
    if (cmd === 0x1e && buf[pos + 2] === 0x45) {
      etbCounter = 0; // ESC RS E n: clears the ETB counter and status, and sends nothing
      etbDone = false;
      return EMPTY;
    }
    if (cmd === 0x1d && buf[pos + 2] === 0x03 && length >= 6) {
      // Handled in turn with the print data, which a printer offline (no paper) does not reach.
      if (condition !== 'online') return EMPTY;
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

  function reply(
    buf: Uint8Array,
    pos: number,
    length: number,
    condition: PrinterCondition,
  ): Buffer {
    const starReply = star(buf, pos, length, condition);
    if (starReply) return starReply;
    const prefix = buf[pos];
    const cmd = buf[pos + 1];
    const n = length > 2 ? buf[pos + 2] : 0;
    const out = condition === 'paper-out';
    if (prefix === DLE && cmd === 0x04) {
      const notReady = condition === 'online' ? undefined : REALTIME_NOT_READY[condition].get(n);
      return Buffer.from([notReady ?? REALTIME_OK]);
    }
    if (prefix === DLE && cmd === 0x05) return EMPTY; // DLE ENQ: recover from error; no reply
    if (prefix === DLE && cmd === 0x14) {
      return n === 7 && buf[pos + 3] === 1 ? ASB[condition] : EMPTY;
    }
    if (prefix === GS && cmd === 0x61) return n === 0 ? EMPTY : ASB[condition]; // GS a n
    if (prefix === GS && cmd === 0x72) {
      // GS r n: 1 / 49 the paper sensor; 2 / 50 drawer and 4 / 52 ink stay fine
      const paper = n === 1 || n === 49;
      return Buffer.from([paper && out ? PAPER_SENSOR_OUT : PAPER_SENSOR_OK]);
    }
    if (prefix === GS && cmd === 0x49) return byN.get(n) ?? info('');
    if (prefix === GS && cmd === 0x28 && length >= 11 && buf[pos + 5] === 0x30) {
      // GS ( H pL pH fn=48 m=48 d1..d4: echo the process ID once the job so far is done,
      // which never happens offline (no paper): the POS waits, times out and keeps the job.
      if (condition !== 'online') return EMPTY;
      return Buffer.from([0x37, 0x22, ...buf.subarray(pos + 7, pos + 11), 0x00]);
    }
    // ESC v: the paper sensor as GS r 1; ESC u: the drawer connector, pin low
    if (prefix === ESC && cmd === 0x76) return Buffer.from([out ? PAPER_SENSOR_OUT : 0x00]);
    if (prefix === ESC && cmd === 0x75) return Buffer.from([0x00]);
    return EMPTY;
  }

  const withCondition = (current: () => PrinterCondition): StatusReplier => ({
    asb: () => ASB[current()],
    reply: (buf, pos, length) => reply(buf, pos, length, current()),
  });
  return { ...withCondition(condition), withCondition };
}
