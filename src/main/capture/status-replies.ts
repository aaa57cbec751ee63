/**
 * The bytes a healthy Epson printer sends back to status and identification requests: online,
 * paper present, cover closed, no error. A POS that asks must never conclude "printer offline".
 * Bit layouts are from Epson's ESC/POS reference (DLE EOT, GS a, GS r, GS I, GS ( H).
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

  return {
    reply(buf, pos, length) {
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
