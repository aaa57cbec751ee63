-- The stores that relay to this endpoint, with the business-day settings their last batch sent:
-- a day's figures are laid out in the store's own time zone from its own day start.
CREATE TABLE stores (
  id TEXT PRIMARY KEY,
  restaurant_name TEXT NOT NULL,
  timezone TEXT NOT NULL,
  day_start TEXT NOT NULL,
  currency TEXT,
  -- UTC ms of the last batch accepted from the store.
  last_batch_at INTEGER NOT NULL
);

-- Every receipt once: the desk's id is the idempotency key, so a retried batch stores nothing new.
CREATE TABLE receipts (
  id TEXT PRIMARY KEY,
  store_id TEXT NOT NULL,
  -- Per store and receipts file, increasing in the order the desk received the receipts.
  seq INTEGER NOT NULL,
  station TEXT NOT NULL,
  -- UTC ms when the desk received the receipt's last byte.
  received_at INTEGER NOT NULL,
  business_day TEXT NOT NULL,
  text TEXT NOT NULL,
  -- The sales figures as the desk read them (JSON, ReceiptFigures), or NULL when none were read.
  figures TEXT,
  drawer_kicks INTEGER NOT NULL,
  -- The POS's bytes, base64, only when the manager turned that on.
  raw TEXT,
  batch_id TEXT NOT NULL,
  stored_at INTEGER NOT NULL
);
-- A store's business day is a range of received times, read in the desk's order.
CREATE INDEX receipts_by_store_time ON receipts (store_id, received_at, seq);
CREATE INDEX receipts_by_store_seq ON receipts (store_id, seq);

-- Batch ids seen while their signatures are still inside the time window: a request captured on
-- the way is refused when played again. Rows past expires_at are pruned as batches arrive.
CREATE TABLE relay_batches (
  id TEXT PRIMARY KEY,
  store_id TEXT NOT NULL,
  seen_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
);
CREATE INDEX relay_batches_by_expiry ON relay_batches (expires_at);
