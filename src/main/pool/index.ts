// The bounded worker pool that interprets receipts off the main thread (piscina). Receipts are
// batched per turn of the event loop; when every thread is busy and the queue is full the pool
// reports itself saturated so the listeners pause their sockets (TCP backpressure).
export { InterpretPool } from './interpret-pool';
export type { InterpretPoolOptions, PoolGauges } from './interpret-pool';
export type {
  ExtractItem,
  ExtractResult,
  InterpretItem,
  InterpretResult,
  StationProfile,
} from './task';
