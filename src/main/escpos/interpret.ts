/**
 * The interpreter's entry: picks the dialect (set per station, or detected from the bytes) and
 * hands the receipt to the ESC/POS or the Star interpreter.
 */
import type { Dialect, Interpretation } from '../../shared';
import { type EscPosOptions, interpretEscPos } from './interpreter';

export interface InterpretOptions extends EscPosOptions {
  /** The printer language the station speaks; 'auto' (default) decides from the bytes. */
  dialect?: Dialect | 'auto';
}

export function interpret(bytes: Uint8Array, options: InterpretOptions = {}): Interpretation {
  return interpretEscPos(bytes, options);
}
