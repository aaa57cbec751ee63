/**
 * The interpreter's entry: picks the dialect (set per station, or detected from the bytes) and
 * hands the receipt to the ESC/POS or the Star interpreter. Bytes that decide nothing (plain
 * text and line feeds) read the same in both, and are read as ESC/POS.
 */
import type { Dialect, Interpretation } from '../../shared';
import { detectDialect } from './dialect';
import { type EscPosOptions, interpretEscPos } from './interpreter';
import { interpretStar } from './star-interpreter';

export interface InterpretOptions extends EscPosOptions {
  /** The printer language the station speaks; 'auto' (default) decides from the bytes. */
  dialect?: Dialect | 'auto';
}

export function interpret(bytes: Uint8Array, options: InterpretOptions = {}): Interpretation {
  const asked = options.dialect ?? 'auto';
  const dialect = asked === 'auto' ? (detectDialect(bytes) ?? 'escpos') : asked;
  return dialect === 'escpos'
    ? interpretEscPos(bytes, options)
    : interpretStar(bytes, options, dialect);
}
