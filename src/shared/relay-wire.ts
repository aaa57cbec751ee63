/**
 * What the cloud relay sends to the restaurant's endpoint (cloud/, a Cloudflare Worker with D1)
 * and what the endpoint answers. Both sides read this one file, so a change to the wire fails
 * the typecheck on both. Pure types and constants: no Node, no DOM.
 *
 * A request is `POST /v1/receipts` with
 *   Authorization: Bearer <relay token>
 *   X-Receipt-Desk-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">
 * and a JSON body `RelayBatch`. The endpoint stores each receipt once (its `id` is the
 * idempotency key) and answers 200 with `RelayAccepted` only after its commit: `accepted` lists
 * every id now stored, those it already had included. The relay marks a receipt delivered only
 * when its id is in that list.
 */
import type { ReceiptFigures } from './sales';

export const RELAY_WIRE_VERSION = 1;
export const RELAY_SIGNATURE_HEADER = 'X-Receipt-Desk-Signature';
/** A signature older or newer than this (seconds) is refused: a replay or a wrong clock. */
export const RELAY_SIGNATURE_TOLERANCE_S = 300;
/** Defaults of a batch: at most this many receipts, or this many bytes of JSON body. */
export const RELAY_BATCH_RECEIPTS = 25;
export const RELAY_BATCH_BYTES = 256 * 1024;
/** The endpoint refuses a body over this (the relay never sends one: a batch is cut below). */
export const RELAY_MAX_BODY_BYTES = 1024 * 1024;
/** The endpoint refuses a receipt whose text is longer than this many characters. */
export const RELAY_MAX_TEXT_CHARS = 64 * 1024;
/** Store ids as the owner types them: "paris-11", "lyon_2". */
export const STORE_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$/u;

export interface RelayReceipt {
  /**
   * Stable id, the idempotency key: `<store id>.<install id>.<local receipt id>`. The install id
   * is made once per receipts file, so a new file never reuses an id.
   */
  id: string;
  /** Per store and receipts file, strictly increasing in the order receipts were received. */
  seq: number;
  station: string;
  /** Milliseconds since the epoch (UTC) when the last byte arrived. */
  receivedAt: number;
  /** YYYY-MM-DD: the business day the desk counts the receipt to. */
  businessDay: string;
  /** The plain text as printed, card numbers and the manager's redactions masked. */
  text: string;
  /** The sales figures read from that text (masked the same way); null when none were read. */
  figures: ReceiptFigures | null;
  /** How many times the receipt opened the cash drawer (no-sale opens count in the report). */
  drawerKicks: number;
  /** The bytes the POS sent, base64, only when the manager turned it on. */
  raw?: string;
}

export interface RelayBatch {
  v: typeof RELAY_WIRE_VERSION;
  /**
   * Unique per request, a retry included (a retry is a new request with a new id and time): the
   * endpoint refuses a batch id it saw within the tolerance window, so a captured request cannot
   * be played again, while the receipts' own ids keep a retried receipt from being stored twice.
   */
  batchId: string;
  storeId: string;
  /** The store's business day settings, so the endpoint can lay out a day's hours. */
  timezone: string;
  dayStart: string;
  /** ISO 4217, when the store sets one. */
  currency: string | null;
  restaurantName: string;
  receipts: RelayReceipt[];
}

export interface RelayAccepted {
  /** Every id of the batch now stored (already stored counts as accepted). */
  accepted: string[];
}

/** What the endpoint answers with a 4xx or 5xx. */
export interface RelayRefused {
  error: string;
}
