/**
 * Cuts the receipts ready to relay (already masked, in outbox order) into request bodies: at
 * most so many receipts or so many bytes of JSON each, never reordered. Each receipt is turned
 * into JSON once and a body's size is added up as it grows, so cutting is linear in the bytes,
 * and each body's size is exact (its UTF-8 length, as sent).
 */
import { randomUUID } from 'node:crypto';
import {
  RELAY_BATCH_BYTES,
  RELAY_BATCH_RECEIPTS,
  RELAY_MAX_BODY_BYTES,
  RELAY_MAX_TEXT_CHARS,
  RELAY_WIRE_VERSION,
  type RelayBatch,
  type RelayReceipt,
} from '../../shared';

/**
 * A receipt to send. `figuresJson`, when present, is its figures as the desk stored them (JSON
 * written by JSON.stringify), already found to need no masking: it goes into the body as it is,
 * and `figures` is not read. Parsed and written again it would come out the same, for ~40 µs of
 * the main thread a receipt.
 */
export type OutgoingReceipt = RelayReceipt & { figuresJson?: string };

/** What every batch of a store says besides its id and receipts. */
export type BatchEnvelope = Omit<RelayBatch, 'v' | 'batchId' | 'receipts'>;

export interface CutOptions {
  maxReceipts?: number;
  /** Bytes of JSON body; above RELAY_MAX_BODY_BYTES counts as RELAY_MAX_BODY_BYTES. */
  maxBytes?: number;
  /** A new id for each body (a retry is a new request, so each cut makes new ids). */
  newBatchId?: () => string;
}

export interface RequestBody {
  batchId: string;
  /** The JSON text to send and sign, exactly. */
  body: string;
  /** Buffer.byteLength(body). */
  bytes: number;
  /** The ids of its receipts, in order: what a 2xx must list to mark them delivered. */
  receiptIds: string[];
}

/** A receipt the endpoint would refuse whatever the batch: the caller marks it dead with `reason`. */
export interface TooLargeReceipt {
  id: string;
  bytes: number;
  reason: string;
}

export interface Cut {
  batches: RequestBody[];
  tooLarge: TooLargeReceipt[];
}

interface Open {
  batchId: string;
  prefix: string;
  parts: string[];
  ids: string[];
  bytes: number;
}

const SUFFIX = ']}';

export function cutBatches(
  receipts: readonly OutgoingReceipt[],
  envelope: BatchEnvelope,
  o: CutOptions = {},
): Cut {
  const maxReceipts = Math.max(1, Math.floor(o.maxReceipts ?? RELAY_BATCH_RECEIPTS));
  const maxBytes = Math.min(RELAY_MAX_BODY_BYTES, o.maxBytes ?? RELAY_BATCH_BYTES);
  const newBatchId = o.newBatchId ?? randomUUID;
  const batches: RequestBody[] = [];
  const tooLarge: TooLargeReceipt[] = [];
  let open: Open | null = null;

  const close = () => {
    if (!open) return;
    const body = open.prefix + open.parts.join(',') + SUFFIX;
    batches.push({ batchId: open.batchId, body, bytes: open.bytes, receiptIds: open.ids });
    open = null;
  };

  for (const receipt of receipts) {
    if (receipt.text.length > RELAY_MAX_TEXT_CHARS) {
      tooLarge.push({
        id: receipt.id,
        bytes: Buffer.byteLength(receipt.text),
        reason:
          `The receipt's text is ${receipt.text.length.toLocaleString('en')} characters, more than ` +
          `the relay endpoint takes (${RELAY_MAX_TEXT_CHARS.toLocaleString('en')}): it stays on this ` +
          'PC and is not relayed.',
      });
      continue;
    }
    const json = receiptJson(receipt);
    const bytes = Buffer.byteLength(json);
    if (open !== null) {
      if (open.parts.length < maxReceipts && open.bytes + 1 + bytes <= maxBytes) {
        open.parts.push(json);
        open.ids.push(receipt.id);
        open.bytes += 1 + bytes;
        continue;
      }
    }
    const batchId = newBatchId();
    const prefix = bodyPrefix(envelope, batchId);
    const alone = Buffer.byteLength(prefix) + bytes + SUFFIX.length;
    if (alone > RELAY_MAX_BODY_BYTES) {
      tooLarge.push({
        id: receipt.id,
        bytes: alone,
        reason:
          `The receipt takes ${formatBytes(alone)} to send, more than the relay endpoint accepts ` +
          `in one request (${formatBytes(RELAY_MAX_BODY_BYTES)}): it stays on this PC and is not relayed.`,
      });
      // The open batch stays open: the receipts either side of this one may still share it.
      continue;
    }
    close();
    open = { batchId, prefix, parts: [json], ids: [receipt.id], bytes: alone };
    // Larger than a batch but not than a request: it goes, alone.
    if (alone > maxBytes) close();
  }
  close();
  return { batches, tooLarge };
}

/**
 * The placeholder the stored figures replace. Every string in the JSON has its quotes escaped,
 * so `,"` never occurs inside one: the first occurrence is the field itself.
 */
const FIGURES_PLACEHOLDER = ',"figures":0';

function receiptJson(receipt: OutgoingReceipt): string {
  if (receipt.figuresJson === undefined) return JSON.stringify(receipt);
  const { figuresJson, ...rest } = receipt;
  const json = JSON.stringify({ ...rest, figures: 0 });
  const at = json.indexOf(FIGURES_PLACEHOLDER);
  return `${json.slice(0, at)},"figures":${figuresJson}${json.slice(at + FIGURES_PLACEHOLDER.length)}`;
}

/** The body up to its receipts' opening bracket, in the field order of RelayBatch. */
function bodyPrefix(e: BatchEnvelope, batchId: string): string {
  const batch: RelayBatch = {
    v: RELAY_WIRE_VERSION,
    batchId,
    storeId: e.storeId,
    timezone: e.timezone,
    dayStart: e.dayStart,
    currency: e.currency,
    restaurantName: e.restaurantName,
    receipts: [],
  };
  const head = JSON.stringify(batch);
  // `receipts` is the last field, so the JSON ends with its empty array and the closing brace.
  if (!head.endsWith('[]}')) throw new Error('RelayBatch must end with its receipts');
  return head.slice(0, -SUFFIX.length);
}

/** In KiB, rounded up, so a receipt just over the limit never reads as equal to it. */
function formatBytes(n: number): string {
  return `${Math.ceil(n / 1024).toLocaleString('en')} KiB`;
}
