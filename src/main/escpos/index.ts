// The ESC/POS interpreter: bytes in, document model and plain text out. Pure (no I/O, no
// clocks, no globals), so it runs in the worker pool and is fast to test and fuzz.
// The command grammar is shared with the capture framer so both stay aligned on every command.
export { measure, Kind, NEED_MORE, MAX_LOOKAHEAD, DLE, ESC, FS, GS } from './commands';
export type { Measure } from './commands';
export { interpret, INTERPRETER_VERSION } from './interpreter';
export type { InterpretOptions } from './interpreter';
