/**
 * The interpreter's entry: picks the dialect (set per station, or detected from the bytes) and
 * hands the receipt to the ESC/POS or the Star interpreter. Bytes that decide nothing (plain
 * text and line feeds) read the same in both, and are read as ESC/POS.
 */
import type { Dialect, Interpretation } from '../../shared';
import { detectFamily, starVariant } from './dialect';
import { type EscPosOptions, interpretEscPos } from './interpreter';
import { interpretStar } from './star-interpreter';

export interface InterpretOptions extends EscPosOptions {
  /** The printer language the station speaks; 'auto' (default) decides from the bytes. */
  dialect?: Dialect | 'auto';
}

const NAMES: Readonly<Record<Dialect, string>> = {
  escpos: 'ESC/POS',
  'star-line': 'Star Line mode',
  'star-prnt': 'StarPRNT',
};

export function interpret(bytes: Uint8Array, options: InterpretOptions = {}): Interpretation {
  const asked = options.dialect ?? 'auto';
  const family = detectFamily(bytes);
  // Which Star variant may take a walk over the whole receipt: only asked for when it matters.
  const detected = (): Dialect | null => (family === 'star' ? starVariant(bytes) : family);
  const dialect = asked === 'auto' ? (detected() ?? 'escpos') : asked;
  const out =
    dialect === 'escpos' ? interpretEscPos(bytes, options) : interpretStar(bytes, options, dialect);
  const mismatch = family !== null && (family === 'escpos') !== (dialect === 'escpos');
  if (mismatch) {
    // Read as the station is set, but never silently: the manager can change the station.
    out.document.warnings.unshift({
      offset: 0,
      code: 'dialect',
      message:
        `This receipt's commands are ${NAMES[detected()!]}, but the station is set to ` +
        `${NAMES[dialect]}; it was read as ${NAMES[dialect]}. Set the station's printer ` +
        'language to auto or to the POS printer type.',
    });
  }
  return out;
}
