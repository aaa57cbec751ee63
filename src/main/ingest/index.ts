// The path of one receipt through the desk: bytes from capture, committed by the store (the
// till's ack), interpreted in the pool, its text saved, announced on the live feed. Reading
// receipts again and building a receipt's document when it is first opened go the same way.
export { ReceiptPath, type ReceiptPathOptions } from './receipt-path';
export { FiguresCatchUp, type FiguresCatchUpOptions } from './figures-catch-up';
