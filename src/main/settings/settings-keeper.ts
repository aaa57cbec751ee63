/**
 * The settings in force, and the one way to change them while Receipt Desk runs: one save at a
 * time, checked by the schema, printer ports reopened without losing a receipt, then written to
 * settings.json. When a port cannot open or the file cannot be written, everything stays as it
 * was. A shorter kept period first asks to confirm how many receipts it deletes.
 */
import type { SaveSettingsOptions, Settings, SettingsInput, SettingsView } from '../../shared';
import { DeskFailure } from '../../shared';
import { saveSettingsFile, settingsFile, validSettings } from './settings-file';
import { waitingForRestart } from './settings-restart';

export interface SettingsKeeperOptions {
  dataDir: string;
  /** The settings Receipt Desk started with (some apply only at start). */
  atStart: Settings;
  /** Applies the printer ports and capture limits; throws (changing nothing) when it cannot. */
  applyCapture: (s: Settings) => Promise<void>;
  /** When receipts older than `days` days begin, and how many receipts are older than a time. */
  retentionCutoff: (days: number) => number;
  countBefore: (cutoff: number) => number;
  /** Deletes what a shorter kept period no longer keeps. */
  applyRetention: () => Promise<void>;
  log: (message: string) => void;
}

export class SettingsKeeper {
  private current: Settings;
  private saving: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: SettingsKeeperOptions) {
    this.current = options.atStart;
  }

  get settings(): Settings {
    return this.current;
  }

  view(): SettingsView {
    return {
      settings: this.current,
      file: settingsFile(this.options.dataDir),
      waitingForRestart: waitingForRestart(this.options.atStart, this.current),
    };
  }

  save(input: SettingsInput, options: SaveSettingsOptions = {}): Promise<SettingsView> {
    const run = this.saving.then(() => this.apply(input, options));
    this.saving = run.catch(() => {});
    return run;
  }

  private async apply(input: SettingsInput, options: SaveSettingsOptions): Promise<SettingsView> {
    const next = validSettings(input, 'Nothing was changed.');
    const before = this.current;
    const days = next.store.retentionDays;
    const shorter = days !== null && (before.store.retentionDays ?? Infinity) > days;
    if (shorter && !options.confirmDeletion) this.confirmDeletion(days);
    await this.options.applyCapture(next);
    try {
      saveSettingsFile(this.options.dataDir, next);
    } catch (err) {
      await this.options.applyCapture(before).catch(() => {});
      throw err;
    }
    this.current = next;
    this.options.log(
      `Settings saved: ${next.listeners.map((l) => `${l.station} on ${l.port}`).join(', ')}.`,
    );
    if (shorter) await this.options.applyRetention();
    return this.view();
  }

  private confirmDeletion(days: number): void {
    const cutoff = this.options.retentionCutoff(days);
    const doomed = this.options.countBefore(cutoff);
    if (doomed === 0) return;
    throw new DeskFailure(
      'CONFIRM_DELETION',
      `Keeping receipts for ${days} days deletes the ${doomed.toLocaleString('en')} ${doomed === 1 ? 'receipt' : 'receipts'} received before ${new Date(cutoff).toLocaleString('en-GB')}. They cannot be brought back. Save again to confirm.`,
    );
  }
}
