/**
 * What the manager sets for the two ways receipts leave the PC (issue 13): the cloud relay to the
 * restaurant's own endpoint, and pass-through of a station's jobs to a real printer. Both are off
 * until the manager turns them on. The relay's token and signing secret are not settings: they
 * are kept by the OS keychain in the app and in a file only the user can read headless.
 */
import { z } from 'zod';
import { redactionRulesSchema } from './redaction-rules';
import { RELAY_BATCH_BYTES, RELAY_BATCH_RECEIPTS, STORE_ID_PATTERN } from './relay-wire';

const whole = (what: string, min: number, max: number, unit = '') =>
  z
    .number({ error: `${what} must be a number.` })
    .int({ error: `${what} must be a whole number.` })
    .min(min, { error: `${what} must be at least ${min.toLocaleString('en')}${unit}.` })
    .max(max, { error: `${what} must be at most ${max.toLocaleString('en')}${unit}.` });

/** Loopback names and addresses, where plain http is allowed (tests, a Worker on this PC). */
export function isLoopback(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/gu, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/u.test(h);
}

const SETTINGS = 'Settings › Cloud relay';

/**
 * Why the relay URL cannot be used, as a sentence; null when it can (empty is allowed while the
 * relay is off). HTTPS is required, except to this PC itself (127.0.0.0/8, ::1, localhost),
 * where a local Worker and the tests listen.
 */
export function relayUrlProblem(text: string): string | null {
  if (text === '') return null;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return `The relay URL is not a web address: write it in full, as https://receipts.example.com/v1/receipts, in ${SETTINGS}.`;
  }
  if (url.username || url.password) {
    return `The relay URL contains a user name or password: remove it, and put the relay token in its own field in ${SETTINGS}.`;
  }
  if (url.protocol === 'https:') return null;
  if (url.protocol === 'http:') {
    if (isLoopback(url.hostname)) return null;
    return `The relay URL must start with https:// (http:// is allowed only to this PC itself): otherwise receipts and the token would cross the network unencrypted. Change it in ${SETTINGS}.`;
  }
  return `The relay URL must start with https://. Change it in ${SETTINGS}.`;
}

export const cloudRelaySchema = z.object({
  enabled: z.boolean().default(false),
  /** The endpoint's receipts address: https://…/v1/receipts. */
  url: z
    .string()
    .trim()
    .refine((v) => relayUrlProblem(v) === null, {
      error: (issue) => relayUrlProblem(String(issue.input)) ?? 'Give the relay address.',
    })
    .default(''),
  /** Names this restaurant at the endpoint: "paris-11". */
  storeId: z
    .string()
    .trim()
    .refine((v) => v === '' || STORE_ID_PATTERN.test(v), {
      error:
        'A store id is up to 40 letters, digits, dashes or underscores, starting with a letter or digit, such as paris-11.',
    })
    .default(''),
  /** Receipts per request, and the largest request body in KiB. */
  batchReceipts: whole('Receipts per request', 1, 100).default(RELAY_BATCH_RECEIPTS),
  batchKiB: whole('The request size', 16, 1024, ' KiB').default(RELAY_BATCH_BYTES / 1024),
  /** Also send the bytes the POS sent (base64): off, they are rarely needed and larger. */
  includeRaw: z.boolean().default(false),
  /**
   * The manager's own words to mask on every receipt sent (names, phone numbers…). Card numbers
   * (digit runs passing the Luhn check) are always masked: there is no setting to send them.
   */
  redactions: redactionRulesSchema,
  /** A request that has not been answered in this long is abandoned and retried. */
  requestTimeoutS: whole('The time allowed per request', 1, 300, ' seconds').default(20),
  /**
   * The longest wait between two tries of a failing batch (full-jitter backoff from 1 s up to
   * this), and how long a circuit opened by repeated failures waits before one probe (doubling
   * per failed probe, up to 20 times this or 10 minutes).
   */
  retryCapS: whole('The longest wait between tries', 1, 3600, ' seconds').default(300),
  circuitCoolDownS: whole('The pause after repeated failures', 1, 3600, ' seconds').default(30),
  /** A batch the endpoint refuses (a 4xx other than 408 and 429) is tried this often, then dead. */
  deadAfterAttempts: whole('Attempts before giving up', 1, 100).default(5),
  /** Delivered receipts are forgotten by the outbox after this many days. */
  keepDeliveredDays: whole('Days to remember delivered receipts', 1, 365).default(7),
});

export const passThroughSchema = z.object({
  /** The station whose jobs are forwarded. */
  station: z.string().trim().min(1, { error: 'Say which station passes its jobs through.' }),
  /** The real printer: its address and raw-TCP port (9100 on most network printers). */
  host: z
    .string()
    .trim()
    .min(1, { error: "Give the printer's address, such as 192.168.1.50." })
    .max(253),
  port: whole('The printer port', 1, 65535).default(9100),
  /** Answer the till's status requests with the real printer's status (paper out, cover open). */
  answerStatus: z.boolean().default(false),
});

export type CloudRelaySettings = z.infer<typeof cloudRelaySchema>;
export type PassThroughSettings = z.infer<typeof passThroughSchema>;

export const CLOUD_RELAY_DEFAULTS: CloudRelaySettings = cloudRelaySchema.parse({});

/** The outbox destination of the cloud relay and of a station's pass-through printer. */
export const CLOUD_DESTINATION = 'cloud';
export function printerDestination(station: string): string {
  return `printer:${station}`;
}

/**
 * The relay's token and signing secret as the manager enters them: a value sets it, null
 * forgets it, absent leaves it as it is.
 */
export const relayCredentialsSchema = z
  .object({
    token: z
      .string()
      .trim()
      .min(16, { error: 'The relay token needs at least 16 characters.' })
      .max(512)
      .nullable()
      .optional(),
    secret: z
      .string()
      .trim()
      .min(32, { error: 'The signing secret needs at least 32 characters.' })
      .max(512)
      .nullable()
      .optional(),
  })
  .strict();
export type RelayCredentialsInput = z.infer<typeof relayCredentialsSchema>;

/** Sends refused receipts again: one receipt's, or every one refused (no receipt given). */
export const retryRelaySchema = z
  .object({ receiptId: z.number().int().min(1).optional() })
  .strict();

/** Prints one receipt again on a station's pass-through printer (after an unconfirmed job). */
export const printAgainSchema = z
  .object({ receiptId: z.number().int().min(1), station: z.string().trim().min(1) })
  .strict();
