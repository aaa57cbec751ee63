/**
 * Every bound and knob of the service, with its default, in one schema. A settings file and
 * command-line flags are validated against it; the gauges report the same names.
 */
import { z } from 'zod';
import { AUTO_EXPORT_DEFAULTS, autoExportSchema } from './auto-export';
import { businessDaySchema, DEFAULT_DAY_START } from './business-day';
import { CLOUD_RELAY_DEFAULTS, cloudRelaySchema, isLoopback, passThroughSchema } from './relay';
import { salesProfileSchema } from './sales-profile';
import { innerSchema } from './zod-inner';

export const MiB = 1024 * 1024;

/** A TCP port as the manager types it; 0 (tests, `--printer-port 0`) picks any free port. */
const port = (what: string) =>
  z
    .number({ error: `${what} must be a number.` })
    .int({ error: `${what} must be a whole number.` })
    .min(0, { error: `${what} must be between 1 and 65535.` })
    .max(65535, { error: `${what} must be between 1 and 65535.` });

const wholeAtLeast = (what: string, min: number, unit = '') =>
  z
    .number({ error: `${what} must be a number.` })
    .int({ error: `${what} must be a whole number.` })
    .min(min, { error: `${what} must be at least ${min.toLocaleString('en')}${unit}.` });

export const listenerSchema = z.object({
  host: z
    .string()
    .trim()
    .min(1, { error: 'Give an address to listen on (0.0.0.0 listens on every network).' })
    .default('0.0.0.0'),
  port: port('The printer port').default(9100),
  /** The label the manager sees: "Front", "Bar", "Kitchen". */
  station: z
    .string()
    .trim()
    .min(1, { error: 'Give the station a name, such as Front or Bar.' })
    .max(40, { error: 'A station name has at most 40 characters.' })
    .default('Front'),
  /** The printer language the POS speaks to this station; auto decides from each receipt. */
  dialect: z.enum(['auto', 'escpos', 'star-line', 'star-prnt']).default('auto'),
  /** Characters per line the POS is set up for: 32 (58 mm), 42, 48 (80 mm), 56 or 64. */
  columns: z
    .union([z.literal(32), z.literal(42), z.literal(48), z.literal(56), z.literal(64)], {
      error: 'Characters per line is one of 32, 42, 48, 56 or 64.',
    })
    .default(48),
  /** The double-byte encoding of Kanji mode, as the printer model would have it. */
  multibyte: z.enum(['shift_jis', 'gb18030', 'big5', 'euc-kr']).default('shift_jis'),
  /** Japanese and Chinese printer models start in Kanji mode; others wait for FS &. */
  kanjiAtStart: z.boolean().default(false),
});

/** An exact IPv4 or IPv6 address of a till (the allow-list). */
const tillAddress = z
  .string()
  .trim()
  .refine((v) => z.ipv4().safeParse(v).success || z.ipv6().safeParse(v).success, {
    error: (issue) =>
      `"${String(issue.input)}" is not an IP address. Write a till's address as 192.168.1.20.`,
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

const settingsShape = z.object({
  listeners: z
    .array(listenerSchema)
    .min(1, { error: 'Keep at least one printer port, or the tills have nowhere to print.' })
    .prefault([{ host: '0.0.0.0', port: 9100, station: 'Front' }]),
  capture: z
    .object({
      /** A receipt ends after this long without bytes (its bytes are kept, never dropped). */
      idleTimeoutMs: wholeAtLeast('The idle time', 50, ' ms').default(10_000),
      /** Open connections over all listeners. */
      maxConnections: wholeAtLeast('Open connections', 1).default(50),
      /**
       * A connection that sent nothing for this long, with no receipt in progress, is closed (as
       * a network printer closes its own idle ones); the till reconnects on its next receipt.
       */
      idleCloseS: wholeAtLeast('The time before an idle connection closes', 1, ' second').default(
        120,
      ),
      /** Open connections from one address, so one device cannot take every till's room. */
      maxConnectionsPerPeer: wholeAtLeast('Connections per device', 1).default(8),
      /** Larger receipts are cut off, stored as received and flagged truncated. */
      maxReceiptBytes: wholeAtLeast('The largest receipt', 1024, ' bytes').default(16 * MiB),
      /** Empty = every peer may print. Otherwise exact IP addresses (IPv4 or IPv6). */
      allowList: z.array(tillAddress).default([]),
    })
    .default({
      idleTimeoutMs: 10_000,
      maxConnections: 50,
      idleCloseS: 120,
      maxConnectionsPerPeer: 8,
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
      threads: wholeAtLeast('Threads', 1)
        .max(64, { error: 'Threads must be at most 64.' })
        .nullable()
        .default(null),
      /** Interpretation batches waiting for a thread before the listeners pause their sockets. */
      maxQueue: wholeAtLeast('The queue', 1).default(8),
      /** Receipts per interpretation batch. */
      batchSize: wholeAtLeast('The batch size', 1)
        .max(1000, { error: 'The batch size must be at most 1,000.' })
        .default(16),
      /** A receipt whose interpretation takes longer is stored as failed; its worker is replaced. */
      taskTimeoutMs: wholeAtLeast('The time limit per receipt', 10, ' ms').default(5_000),
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
      retentionDays: wholeAtLeast('Days to keep', 1).nullable().default(null),
    })
    .default({
      commitWindowMs: 0,
      maxBacklogBytes: 32 * MiB,
      maxBacklogReceipts: 4096,
      retentionDays: null,
    }),
  /** Every receipt, with its figures, to the restaurant's own endpoint (src/shared/relay). */
  cloudRelay: cloudRelaySchema.default(CLOUD_RELAY_DEFAULTS),
  /** Stations whose jobs are also printed on a real printer. */
  passThrough: z
    .array(passThroughSchema)
    .max(20, { error: 'At most 20 pass-through printers.' })
    .default([]),
  /** The daily report written into a folder after each business day (src/shared/auto-export). */
  autoExport: autoExportSchema.default(AUTO_EXPORT_DEFAULTS),
  /** The restaurant, its business day and its money (sales figures and daily reports). */
  business: businessDaySchema
    .extend({
      /** Printed at the top of the daily report. */
      restaurantName: z
        .string()
        .trim()
        .max(60, { error: 'A restaurant name has at most 60 characters.' })
        .default(''),
      /** ISO 4217 code for receipts that print no currency; empty: read it from the receipts. */
      currency: z
        .string()
        .trim()
        .toUpperCase()
        .regex(/^(?:[A-Z]{3})?$/u, {
          error:
            'Write the currency as its three-letter code, such as EUR, USD or JPY, or leave it empty to read it from the receipts.',
        })
        .default(''),
      /** Per station, how its receipts are read where they differ from the common layouts. */
      profiles: z
        .array(salesProfileSchema)
        .max(50, { error: 'At most 50 station profiles.' })
        .default([]),
    })
    .default({
      dayStart: DEFAULT_DAY_START,
      timeZone: '',
      restaurantName: '',
      currency: '',
      profiles: [],
    }),
  http: z
    .object({
      host: z
        .string()
        .trim()
        .min(1, { error: 'Give an address for the web page (127.0.0.1 keeps it on this PC).' })
        .default('127.0.0.1'),
      port: port('The web port').default(9180),
      /** Required when host is not a loopback address. */
      apiToken: z
        .string()
        .min(16, { error: 'The access token needs at least 16 characters.' })
        .nullable()
        .default(null),
      /**
       * Names that reach the page when it is open to the network, besides this PC's own
       * addresses and host name (e.g. "office-pc.lan"). Any other name is refused: that is how
       * a web page on a stranger's name (DNS rebinding) is kept out.
       */
      allowedHosts: z
        .array(
          z
            .string()
            .trim()
            .toLowerCase()
            .regex(/^[a-z0-9]([a-z0-9.-]{0,251}[a-z0-9])?$/u, {
              error: 'A name is letters, digits, dots and dashes, like office-pc.lan.',
            }),
        )
        .max(20)
        .default([]),
      maxStreamClients: z.number().int().min(1).default(20),
      /** Each event stream is closed after this long; clients reconnect and resume. */
      streamMaxAgeS: z.number().int().min(5).default(300),
    })
    .default({
      host: '127.0.0.1',
      port: 9180,
      apiToken: null,
      allowedHosts: [],
      maxStreamClients: 20,
      streamMaxAgeS: 300,
    }),
});

/**
 * Checks between settings: two ports cannot share an address, a station's name says which
 * printer it is, and a web page open to the network needs a token.
 */
export const settingsSchema = settingsShape.superRefine((s, ctx) => {
  const seenPorts = new Map<string, number>();
  const seenStations = new Map<string, number>();
  s.listeners.forEach((l, i) => {
    // Port 0 picks a free port each time, so it never collides.
    const key = `${l.host}|${l.port}`;
    const other = seenPorts.get(key);
    if (l.port !== 0 && other !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['listeners', i, 'port'],
        message: `Port ${l.port} is already used by ${s.listeners[other].station}. Each station needs its own port.`,
      });
    } else seenPorts.set(key, i);
    const name = l.station.toLowerCase();
    if (seenStations.has(name)) {
      ctx.addIssue({
        code: 'custom',
        path: ['listeners', i, 'station'],
        message: `Another port is already called ${l.station}. Give each station its own name.`,
      });
    } else seenStations.set(name, i);
    if (l.port !== 0 && l.port === s.http.port) {
      ctx.addIssue({
        code: 'custom',
        path: ['listeners', i, 'port'],
        message: `Port ${l.port} is the web page's port. Choose another for ${l.station}.`,
      });
    }
  });
  const profiled = new Set<string>();
  s.business.profiles.forEach((p, i) => {
    const name = p.station.toLowerCase();
    if (profiled.has(name)) {
      ctx.addIssue({
        code: 'custom',
        path: ['business', 'profiles', i, 'station'],
        message: `${p.station} has two sales profiles. Keep one per station.`,
      });
    } else profiled.add(name);
  });
  const passing = new Set<string>();
  s.passThrough.forEach((p, i) => {
    const listener = s.listeners.find((l) => l.station.toLowerCase() === p.station.toLowerCase());
    const at = ['passThrough', i];
    if (!listener) {
      ctx.addIssue({
        code: 'custom',
        path: [...at, 'station'],
        message: `There is no station called ${p.station}. Pass through one of the printer ports' stations.`,
      });
    } else if (passing.has(p.station.toLowerCase())) {
      ctx.addIssue({
        code: 'custom',
        path: [...at, 'station'],
        message: `${p.station} already passes its jobs through. Keep one printer per station.`,
      });
    }
    passing.add(p.station.toLowerCase());
    // Forwarding to one of our own ports would print every job back to ourselves for ever.
    const ours = s.listeners.some(
      (l) => l.port === p.port && (isLoopback(p.host) || p.host === l.host || p.host === '0.0.0.0'),
    );
    if (ours) {
      ctx.addIssue({
        code: 'custom',
        path: [...at, 'port'],
        message: `${p.host}:${p.port} is Receipt Desk's own printer port. Give the real printer's address.`,
      });
    }
  });
  if (s.cloudRelay.enabled && (s.cloudRelay.url === '' || s.cloudRelay.storeId === '')) {
    ctx.addIssue({
      code: 'custom',
      path: ['cloudRelay', s.cloudRelay.url === '' ? 'url' : 'storeId'],
      message: 'The cloud relay needs its address and a store id before it can be turned on.',
    });
  }
  if (!isLoopback(s.http.host) && !s.http.apiToken) {
    ctx.addIssue({
      code: 'custom',
      path: ['http', 'apiToken'],
      message:
        'Opening the web page to the network needs an access token, so only staff can see receipts.',
    });
  }
});

export type Settings = z.infer<typeof settingsSchema>;
export type SettingsInput = z.input<typeof settingsSchema>;
export type ListenerSettings = z.infer<typeof listenerSchema>;
export type PrinterIdentity = z.infer<typeof identitySchema>;

export function defaultSettings(): Settings {
  return settingsSchema.parse({});
}

/**
 * What a window or page sends to save settings: an object, checked setting by setting by the
 * service (which names the one that is wrong), and the save's options.
 */
export const settingsInputSchema = z
  .custom<SettingsInput>(
    (v) => typeof v === 'object' && v !== null && !Array.isArray(v),
    'settings must be an object',
  )
  .superRefine((value, ctx) => {
    // A misspelt setting would otherwise be dropped without a word, and its default used.
    const unknown = unknownSetting(settingsShape, value, []);
    if (unknown) ctx.addIssue({ code: 'custom', message: `There is no setting ${unknown}.` });
  });

/** The path of the first field the schema does not declare, or null. */
function unknownSetting(schema: z.core.$ZodType, value: unknown, path: string[]): string | null {
  const s = innerSchema(schema);
  if (s instanceof z.ZodObject && typeof value === 'object' && value !== null) {
    const shape = s.shape as Record<string, z.core.$ZodType>;
    for (const [key, v] of Object.entries(value)) {
      const field = shape[key];
      const found = field ? unknownSetting(field, v, [...path, key]) : [...path, key].join('.');
      if (found) return found;
    }
  } else if (s instanceof z.ZodArray && Array.isArray(value)) {
    for (const [i, v] of value.entries()) {
      const found = unknownSetting(s.element as z.core.$ZodType, v, [...path, String(i)]);
      if (found) return found;
    }
  }
  return null;
}
export const saveSettingsOptionsSchema = z
  .object({ confirmDeletion: z.boolean().optional() })
  .strict();
