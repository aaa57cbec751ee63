// Live receipt events for the renderer (IPC) and the browser (SSE): in commit order, without
// gaps, batched so a burst of thousands of receipts a second never floods a window.
export { ReceiptFeed } from './receipt-feed';
