/**
 * GS ( k 2D codes. The POS stores the symbol's data (function 80) and settings (module size,
 * error correction), then prints it (function 81). Each print becomes a block with the symbology,
 * the data as a scanner would read it and the exact bytes of the store command.
 */
import type { Align, Code2dBlock } from '../../shared';

/** GS ( k cn: which symbology a command is for. */
const SYMBOLOGY: Readonly<Record<number, Code2dBlock['symbology']>> = {
  48: 'pdf417',
  49: 'qr',
  50: 'maxicode',
  53: 'aztec',
  54: 'datamatrix',
};

/** QR error correction levels by GS ( k cn=49 fn=69 n. */
const QR_ECC: Readonly<Record<number, string>> = { 48: 'L', 49: 'M', 50: 'Q', 51: 'H' };

interface Stored {
  data: Uint8Array | null;
  raw: Uint8Array | null;
  moduleSize: number;
  errorCorrection?: string;
}

/** What the printer remembers between the store and the print commands, per symbology. */
export class Codes2d {
  private readonly stored = new Map<number, Stored>();

  /** A GS ( k setting or store command (everything but print) at buf[at..at+length). */
  set(buf: Uint8Array, at: number, length: number): void {
    const cn = buf[at + 5];
    const fn = buf[at + 6];
    const s = this.slot(cn);
    if (fn === 80) {
      // fn 80 m d1..dk: m is 48 for every symbology here.
      s.data = buf.slice(at + 8, at + length);
      s.raw = buf.slice(at, at + length);
    } else if ((fn === 67 && (cn === 48 || cn === 49 || cn === 54)) || (cn === 53 && fn === 68)) {
      s.moduleSize = buf[at + 7];
    } else if (cn === 49 && fn === 69) {
      s.errorCorrection = QR_ECC[buf[at + 7]];
    } else if (cn === 48 && fn === 69) {
      // PDF417: m=48 level n (0..8), m=49 ratio n%.
      s.errorCorrection = buf[at + 7] === 48 ? `level ${buf[at + 8] - 48}` : `${buf[at + 8]}%`;
    } else if (cn === 53 && fn === 69) {
      s.errorCorrection = `${buf[at + 7]}%`;
    }
  }

  /** GS ( k fn 81: the stored symbol, or null with the reason. */
  print(
    buf: Uint8Array,
    at: number,
    align: Align,
  ): { block: Code2dBlock | null; warning: string | null } {
    const cn = buf[at + 5];
    const symbology = SYMBOLOGY[cn];
    if (!symbology) return { block: null, warning: `2D code type ${cn} is not drawn yet.` };
    const s = this.slot(cn);
    if (!s.data || !s.raw) {
      return {
        block: null,
        warning: `A ${symbology} code was printed before any data was stored.`,
      };
    }
    return {
      block: {
        kind: 'code2d',
        symbology,
        data: readable(s.data),
        rawBase64: Buffer.from(s.raw.buffer, s.raw.byteOffset, s.raw.length).toString('base64'),
        moduleSize: s.moduleSize,
        ...(s.errorCorrection ? { errorCorrection: s.errorCorrection } : {}),
        align,
      },
      warning: null,
    };
  }

  private slot(cn: number): Stored {
    let s = this.stored.get(cn);
    if (!s) {
      s = { data: null, raw: null, moduleSize: 3 };
      this.stored.set(cn, s);
    }
    return s;
  }
}

/** Scanners hand over UTF-8 when the bytes are valid UTF-8, the bytes as Latin-1 otherwise. */
function readable(data: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(data);
  } catch {
    return Buffer.from(data.buffer, data.byteOffset, data.length).toString('latin1');
  }
}
