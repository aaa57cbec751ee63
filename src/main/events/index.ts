// Live receipt events for the renderer (IPC) and the browser (SSE): in commit order, without
// gaps, batched so a burst of thousands of receipts a second never floods a window.
export { ReceiptFeed, FEED_MAX_BYTES, withPreview } from './receipt-feed';
export type { FeedOptions, ReceiptReader } from './receipt-feed';
