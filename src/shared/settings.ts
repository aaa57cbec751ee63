/**
 * Every bound and knob of the service, with its default, in one schema. A settings file and
 * command-line flags are validated against it; the gauges report the same names.
 */
import { z } from 'zod';

export const MiB = 1024 * 1024;

export const listenerSchema = z.object({
  host: z.string().min(1).default('0.0.0.0'),
  port: z.number().int().min(0).max(65535).default(9100),
  /** The label the manager sees: "Front", "Bar", "Kitchen". */
  station: z.string().min(1).max(40).default('Front'),
  /** The printer language the POS speaks to this station; auto decides from each receipt. */
  dialect: z.enum(['auto', 'escpos', 'star-line', 'star-prnt']).default('auto'),
  /** Characters per line the POS is set up for: 32 (58 mm), 42, 48 (80 mm), 56 or 64. */
  columns: z
    .union([z.literal(32), z.literal(42), z.literal(48), z.literal(56), z.literal(64)])
    .default(48),
  /** The double-byte encoding of Kanji mode, as the printer model would have it. */
  multibyte: z.enum(['shift_jis', 'gb18030', 'big5', 'euc-kr']).default('shift_jis'),
  /** Japanese and Chinese printer models start in Kanji mode; others wait for FS &. */
  kanjiAtStart: z.boolean().default(false),
});

/** How the printer introduces itself to GS I and similar identification requests. */
export const identitySchema = z.object({
  maker: z.string().max(32).default('EPSON'),
  model: z.string().max(32).default('TM-T88V'),
  firmware: z.string().max(32).default('30.01 ESC/POS'),
  serial: z.string().max(32).default('RD0000000001'),
  /** GS I 1: printer model ID byte. */
  modelId: z.number().int().min(0).max(255).default(0x20),
});

export const settingsSchema = z.object({
  listeners: z
    .array(listenerSchema)
    .min(1)
    .prefault([{ host: '0.0.0.0', port: 9100, station: 'Front' }]),
  capture: z
    .object({
      /** A receipt ends after this long without bytes (its bytes are kept, never dropped). */
      idleTimeoutMs: z.number().int().min(50).default(10_000),
      /** Open connections over all listeners. */
      maxConnections: z.number().int().min(1).default(50),
      /** Larger receipts are cut off, stored as received and flagged truncated. */
      maxReceiptBytes: z
        .number()
        .int()
        .min(1024)
        .default(16 * MiB),
      /** Empty = every peer may print. Otherwise exact IP addresses (IPv4 or IPv6). */
      allowList: z.array(z.string().min(1)).default([]),
    })
    .default({
      idleTimeoutMs: 10_000,
      maxConnections: 50,
      maxReceiptBytes: 16 * MiB,
      allowList: [],
    }),
  identity: identitySchema.default({
    maker: 'EPSON',
    model: 'TM-T88V',
    firmware: '30.01 ESC/POS',
    serial: 'RD0000000001',
    modelId: 0x20,
  }),
  pool: z
    .object({
      /** Worker threads; null = min(4, CPU count). */
      threads: z.number().int().min(1).max(64).nullable().default(null),
      /** Interpretation batches waiting for a thread before the listeners pause their sockets. */
      maxQueue: z.number().int().min(1).default(8),
      /** Receipts per interpretation batch. */
      batchSize: z.number().int().min(1).max(1000).default(16),
      /** A receipt whose interpretation takes longer is stored as failed; its worker is replaced. */
      taskTimeoutMs: z.number().int().min(10).default(5_000),
    })
    .default({ threads: null, maxQueue: 8, batchSize: 16, taskTimeoutMs: 5_000 }),
  store: z
    .object({
      /**
       * How long the writer waits for more receipts before a commit. 0: commit as soon as the
       * writer is free (receipts that arrive meanwhile form the next group).
       */
      commitWindowMs: z.number().min(0).max(100).default(0),
      /** Receipt bytes waiting for the disk beyond which the printer ports pause reading. */
      maxBacklogBytes: z
        .number()
        .int()
        .min(1024)
        .default(32 * MiB),
      /** Receipts waiting for the disk beyond which the printer ports pause reading. */
      maxBacklogReceipts: z.number().int().min(1).default(4096),
      /** Days to keep receipts; null keeps everything. */
      retentionDays: z.number().int().min(1).nullable().default(null),
    })
    .default({
      commitWindowMs: 0,
      maxBacklogBytes: 32 * MiB,
      maxBacklogReceipts: 4096,
      retentionDays: null,
    }),
  http: z
    .object({
      host: z.string().min(1).default('127.0.0.1'),
      port: z.number().int().min(0).max(65535).default(9180),
      /** Required when host is not a loopback address. */
      apiToken: z.string().min(16).nullable().default(null),
      maxStreamClients: z.number().int().min(1).default(20),
      /** Each event stream is closed after this long; clients reconnect and resume. */
      streamMaxAgeS: z.number().int().min(5).default(300),
    })
    .default({
      host: '127.0.0.1',
      port: 9180,
      apiToken: null,
      maxStreamClients: 20,
      streamMaxAgeS: 300,
    }),
});

export type Settings = z.infer<typeof settingsSchema>;
export type SettingsInput = z.input<typeof settingsSchema>;
export type ListenerSettings = z.infer<typeof listenerSchema>;
export type PrinterIdentity = z.infer<typeof identitySchema>;

export function defaultSettings(): Settings {
  return settingsSchema.parse({});
}
