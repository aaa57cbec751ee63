// The printer side: TCP listeners that answer like a healthy Epson or Star printer (or a station
// like the real printer its receipts pass through to, out of paper or open), split each
// connection's stream into receipts (cut / FIN / idle), and hand them to a sink that commits
// them before the connection is closed. Bounded: connections, receipt size, allow-list, pause.
// Slots are shared fairly: per-address cap, idle connections closed and evicted first, and every
// refusal counted, in health and in the log.
export { CaptureService, normalizePeer } from './capture-service';
export type {
  CaptureConfig,
  CaptureOptions,
  CaptureGauges,
  ListenerState,
  PauseReason,
} from './capture-service';
export type { CaptureSink, SegmentMeta } from './connection';
export type { Segment } from './framer';
export { ReceiptFramer } from './framer';
export { createStatusReplier, ASB_OK, type PrinterCondition } from './status-replies';
export { STATUS_REPLIES_KEPT, type StatusReplyRecord } from './status-log';
export { describeStatusReply } from './status-names';
export { printerAddresses, sendTestReceipt } from './printer-addresses';
