// The relay: receipts leaving the PC through the outbox table, to the restaurant's cloud
// endpoint (cloud-courier) and to real printers per station (printer-courier), each with its
// own order, retries and gauges. Nothing is sent unless the manager turned it on.
import type {
  PassThroughGauges,
  ReceiptRelayState,
  RelayCredentialsInput,
  RelayGauges,
  RelayProblemRow,
  RelayStatus,
  Settings,
} from '../../shared';
import { CLOUD_DESTINATION, DeskFailure, printerDestination } from '../../shared';
import type { OutboxRow, Store } from '../store';
import type { BatchEnvelope } from './batches';
import { CloudCourier } from './cloud-courier';
import { PrinterCourier, type TillCondition } from './printer-courier';
import type { SecretStore } from './secrets-file';

export { FileSecretStore, type SecretStore } from './secrets-file';
export { SealedSecretStore, type Sealer } from './sealed-secrets';
export type { TillCondition } from './printer-courier';

export const RELAY_TOKEN = 'relay-token';
export const RELAY_SECRET = 'relay-secret';

export interface RelayOptions {
  store: () => Store;
  settings: () => Settings;
  secrets: SecretStore;
  /** Where the secrets are kept, in the manager's words. */
  secretsKeptIn: string;
  businessDayOf: (receivedAt: number) => string;
  envelope: () => Omit<BatchEnvelope, 'storeId'>;
  now: () => number;
  log: (message: string) => void;
  /** A pass-through printer changed state (out of paper, back): a desktop notice. */
  notify: (station: string, words: string, ok: boolean) => void;
  /** A till printed in the last moment: the cloud relay gives way (see CloudCourier). */
  tillsBusy: () => boolean;
  /** What a station's tills should hear when they ask its status (null: the desk's own). */
  setTillCondition: (station: string, condition: TillCondition | null) => void;
}

export class Relay {
  private readonly cloud: CloudCourier;
  private readonly printers = new Map<string, PrinterCourier>();
  private credentials: { token: string | null; secret: string | null } | null = null;
  private started = false;
  private lastUrl: string;

  constructor(private readonly o: RelayOptions) {
    this.lastUrl = o.settings().cloudRelay.url;
    this.cloud = new CloudCourier({
      queries: () => o.store().outbox,
      writer: () => o.store().writer,
      settings: () => o.settings().cloudRelay,
      envelope: o.envelope,
      credentials: () => this.readCredentials(),
      businessDayOf: o.businessDayOf,
      now: o.now,
      log: o.log,
      tillsBusy: o.tillsBusy,
    });
  }

  /** The destinations a new receipt of `station` is queued for (none while relaying is off). */
  outboxFor(station: string): string[] {
    const s = this.o.settings();
    const out: string[] = [];
    if (s.cloudRelay.enabled && s.cloudRelay.url !== '' && s.cloudRelay.storeId !== '') {
      out.push(CLOUD_DESTINATION);
    }
    if (s.passThrough.some((p) => p.station === station)) out.push(printerDestination(station));
    return out;
  }

  async start(): Promise<void> {
    this.started = true;
    this.cloud.start();
    await this.applySettings();
  }

  async stop(): Promise<void> {
    this.started = false;
    await Promise.all([this.cloud.stop(), ...[...this.printers.values()].map((p) => p.stop())]);
    this.printers.clear();
  }

  /** Sales figures were stored: the cloud relay may be waiting for them. */
  figuresSaved(): void {
    this.cloud.figuresSaved();
  }

  /** A receipt was committed (perhaps with outbox rows). */
  nudge(): void {
    this.cloud.nudge();
    for (const p of this.printers.values()) p.nudge();
  }

  /** Settings were saved: printers added or removed, a new address tried at once. */
  async applySettings(): Promise<void> {
    if (!this.started) return;
    const s = this.o.settings();
    if (s.cloudRelay.url !== this.lastUrl) {
      this.lastUrl = s.cloudRelay.url;
      this.cloud.reset();
    }
    const wanted = new Map(s.passThrough.map((p) => [p.station, p]));
    for (const [station, courier] of this.printers) {
      const p = wanted.get(station);
      if (!p || p.host !== courier.target.host || p.port !== courier.target.port) {
        this.printers.delete(station);
        await courier.stop();
        this.o.setTillCondition(station, null);
      }
    }
    for (const [station, p] of wanted) {
      let courier = this.printers.get(station);
      if (!courier) {
        courier = new PrinterCourier({
          station,
          target: { host: p.host, port: p.port },
          queries: () => this.o.store().outbox,
          writer: () => this.o.store().writer,
          now: this.o.now,
          log: this.o.log,
          notify: (words, ok) => this.o.notify(station, words, ok),
          setTillCondition: (c) => this.o.setTillCondition(station, c),
        });
        this.printers.set(station, courier);
        await courier.start();
      }
      courier.answerStatus = p.answerStatus;
    }
  }

  gauges(): { relay: RelayGauges; passThrough: PassThroughGauges[] } {
    return {
      relay: this.cloud.gauges(),
      passThrough: [...this.printers.values()].map((p) => p.gauges()),
    };
  }

  async status(): Promise<RelayStatus> {
    const { token, secret } = await this.readCredentials();
    const outbox = this.o.store().outbox;
    const problems = (state: 'dead' | 'unconfirmed', destination: string): RelayProblemRow[] =>
      outbox.rowsInState(state, destination, 50).map((r) => this.problemRow(r));
    return {
      cloud: {
        ...this.cloud.gauges(),
        hasToken: token !== null,
        hasSecret: secret !== null,
        secretsKeptIn: this.o.secretsKeptIn,
      },
      passThrough: this.gauges().passThrough,
      dead: problems('dead', '%'),
      unconfirmed: problems('unconfirmed', 'printer:%'),
    };
  }

  async setCredentials(input: RelayCredentialsInput): Promise<RelayStatus> {
    for (const [name, value] of [
      [RELAY_TOKEN, input.token],
      [RELAY_SECRET, input.secret],
    ] as const) {
      if (value === undefined) continue;
      if (value === null) await this.o.secrets.delete(name);
      else await this.o.secrets.set(name, value);
    }
    this.credentials = null;
    this.cloud.reset();
    return this.status();
  }

  /** Sends refused receipts again (one receipt's, or all); resolves with how many. */
  async retry(receiptId?: number): Promise<number> {
    const outbox = this.o.store().outbox;
    let count = 0;
    for (;;) {
      const rows =
        receiptId === undefined
          ? outbox.rowsInState('dead', '%', 500)
          : outbox.receiptRows(receiptId).filter((r) => r.state === 'dead');
      if (rows.length === 0) break;
      await this.o.store().writer.updateOutbox(
        rows.map((r) => ({
          id: r.id,
          state: 'queued',
          attempts: 0,
          error: null,
          at: this.o.now(),
        })),
      );
      count += rows.length;
      if (receiptId !== undefined) break;
    }
    if (count > 0) this.cloud.reset();
    return count;
  }

  /** Queues a receipt's job for its station's printer again, at the manager's word. */
  async printAgain(receiptId: number, station: string): Promise<RelayStatus> {
    const destination = printerDestination(station);
    const row = this.o
      .store()
      .outbox.receiptRows(receiptId)
      .find((r) => r.destination === destination);
    if (!row) {
      throw new DeskFailure(
        'NOT_FOUND',
        `Receipt ${receiptId} was not sent to ${station}'s printer, so it cannot be printed there again.`,
      );
    }
    if (row.state === 'queued' || row.state === 'sending') {
      throw new DeskFailure(
        'BUSY',
        `Receipt ${receiptId} is already waiting for ${station}'s printer. It prints when the printer takes it.`,
      );
    }
    await this.o
      .store()
      .writer.updateOutbox([
        { id: row.id, state: 'queued', attempts: 0, error: null, at: this.o.now() },
      ]);
    this.printers.get(station)?.nudge();
    return this.status();
  }

  /** Where one receipt stands with each destination (the receipt drawer). */
  receiptStates(receiptId: number): ReceiptRelayState[] {
    return this.o
      .store()
      .outbox.receiptRows(receiptId)
      .map((r) => ({
        destination: r.destination,
        state: r.state,
        attempts: r.attempts,
        at: r.doneAt,
        error: r.error,
      }));
  }

  private problemRow(r: OutboxRow): RelayProblemRow {
    return {
      receiptId: r.receiptId,
      destination: r.destination,
      station: r.station,
      receivedAt: r.receivedAt,
      at: r.doneAt,
      error: r.error,
    };
  }

  private async readCredentials(): Promise<{ token: string | null; secret: string | null }> {
    this.credentials ??= {
      token: await this.o.secrets.get(RELAY_TOKEN),
      secret: await this.o.secrets.get(RELAY_SECRET),
    };
    return this.credentials;
  }
}
