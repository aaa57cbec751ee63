// The receipt interpreter: bytes in, document model and plain text out, for ESC/POS and Star.
// Pure (no I/O, no clocks, no globals), so it runs in the worker pool and is fast to test and
// fuzz. The command grammar is shared with the capture framer so both stay aligned.
export { measure, Kind, NEED_MORE, MAX_LOOKAHEAD, DLE, ESC, FS, GS } from './commands';
export type { Measure } from './commands';
export { measureStar, newStarMode } from './star-commands';
export type { StarMode } from './star-commands';
export { detectDialect } from './dialect';
export { interpret } from './interpret';
export type { InterpretOptions } from './interpret';
export { INTERPRETER_VERSION } from './interpreter';
export type { MultibyteEncoding } from './characters';
