/**
 * Writes each business day's report files (PDF and CSV, XLSX when chosen) into the manager's
 * folder once the day has ended, its grace has passed and its receipts' figures are read.
 *
 * No long timer: the days owed are worked out from the clock on start, after each settings save
 * and every `everyMs` (a minute), so a PC that slept, a clock that jumped or a day missed while
 * Receipt Desk was closed all come out the same way: the next look writes what is owed.
 */
import path from 'node:path';
import {
  AUTO_EXPORT_CATCH_UP_DAYS,
  AUTO_EXPORT_GRACE_MIN,
  type AutoExportSettings,
  type AutoExportStatus,
  type BusinessDaySettings,
  type DeskError,
  DeskFailure,
  type ReportFormat,
} from '../../shared';
import { type BusinessDayRule, businessDayBounds, businessDayOf, systemTimeZone } from '../days';
import { writeNewFile } from '../export';
import { addDays, dueDays } from './due-days';
import { autoExportProblem, notFullPath } from './export-problem';
import { type ExportRecord, loadRecord, saveRecord } from './export-record';
import { folderReady } from './folder-ready';

const MINUTE_MS = 60_000;
/** A day's receipts whose figures are still not read this long after it ends are not waited for. */
const FIGURES_WAIT_MS = 2 * 60 * MINUTE_MS;

export interface DayFile {
  /** The name the report asks for (`receipt-desk-report-2026-12-06.pdf`). */
  fileName: string;
  body: Buffer;
}

export interface AutoExporterOptions {
  dataDir: string;
  /** The folder used when the setting is empty (the data folder's exports). */
  defaultFolder: string;
  settings: () => AutoExportSettings;
  /** The restaurant's day start and time zone (empty: this PC's). */
  business: () => BusinessDaySettings;
  /** Receipts of [from, to) whose sales figures are not read yet. */
  unread: (from: number, to: number) => number;
  /** A business day's report as a file of one format. */
  file: (day: string, format: ReportFormat) => Promise<DayFile>;
  /** How many receipts were printed in [from, to) (a business day's bounds). */
  receipts: (from: number, to: number) => number;
  now: () => number;
  /** How often to look again (a minute; tests shorten it). */
  everyMs: number;
  log: (message: string) => void;
  /** Told when writing fails, once per distinct problem (the desktop app's notice). */
  notify: (failure: DeskFailure) => void;
}

export class AutoExporter {
  private record: ExportRecord;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;
  private waiting: AutoExportStatus['waiting'] = null;

  constructor(private readonly o: AutoExporterOptions) {
    this.record = loadRecord(o.dataDir, o.log);
  }

  start(): void {
    this.timer = setInterval(() => this.check(), this.o.everyMs);
    this.timer.unref();
    this.check();
  }

  /** Stops looking; resolves once a day being written is finished. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  /** Looks now (a saved setting may have turned it on, or moved the folder). */
  check(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.run()
      .catch((err: unknown) => this.o.log(`Automatic export: ${(err as Error).message}`))
      .finally(() => {
        this.running = null;
        if (this.again) {
          this.again = false;
          this.check();
        }
      });
  }

  status(): AutoExportStatus {
    const s = this.o.settings();
    const since = this.record.since;
    return {
      enabled: s.enabled,
      folder: this.folder(),
      defaultFolder: this.o.defaultFolder,
      formats: this.formats(),
      last: this.record.last,
      problem: this.record.problem,
      next: s.enabled ? this.plan(since ?? this.firstDay()).next : null,
      waiting: s.enabled ? this.waiting : null,
    };
  }

  private rule(): BusinessDayRule {
    const b = this.o.business();
    return { dayStart: b.dayStart, timeZone: b.timeZone || systemTimeZone() };
  }

  private folder(): string {
    return this.o.settings().folder || this.o.defaultFolder;
  }

  private formats(): ReportFormat[] {
    return this.o.settings().xlsx ? ['pdf', 'csv', 'xlsx'] : ['pdf', 'csv'];
  }

  /** Turned on now: owed from the last finished day, so the first files show it works. */
  private firstDay(): string {
    return addDays(businessDayOf(this.o.now(), this.rule()), -1);
  }

  private plan(since: string) {
    return dueDays({
      now: this.o.now(),
      rule: this.rule(),
      since,
      isWritten: (day) => this.record.days[day]?.done === true,
      graceMs: AUTO_EXPORT_GRACE_MIN * MINUTE_MS,
      maxDays: AUTO_EXPORT_CATCH_UP_DAYS,
    });
  }

  private async run(): Promise<void> {
    if (!this.o.settings().enabled) {
      this.waiting = null;
      if (this.record.since !== null) await this.save({ ...this.record, since: null });
      return;
    }
    if (this.record.since === null) {
      await this.save({ ...this.record, since: this.firstDay() });
      this.o.log(`Automatic export on: from business day ${this.record.since}.`);
    }
    const folder = this.folder();
    const plan = this.plan(this.record.since!);
    if (plan.beyondBound) {
      this.o.log(
        `Automatic export: business days ${plan.beyondBound.from} to ${plan.beyondBound.to} were not written (more than ${AUTO_EXPORT_CATCH_UP_DAYS} days ago). Save them from the Reports screen.`,
      );
      await this.save({ ...this.record, since: addDays(plan.beyondBound.to, 1) });
    }
    // Settings accept C:\… and /… alike; only this PC's kind of full path is a folder here.
    if (!path.isAbsolute(folder)) return this.failed(notFullPath(folder), null);
    try {
      await folderReady(folder);
    } catch (err) {
      return this.failed(autoExportProblem(err, folder, null), null);
    }
    this.waiting = null;
    // A day whose report fails on its own (not the folder, not the disk) holds up no other day.
    let failure: { problem: DeskError; day: string } | null = null;
    for (const day of plan.due) {
      // Turned off or moved meanwhile: the look that the save asked for takes over.
      if (this.stopped || !this.o.settings().enabled || this.folder() !== folder) return;
      const [from, to] = businessDayBounds(day, this.rule());
      const unread = this.o.unread(from, to);
      if (unread > 0 && this.o.now() < to + FIGURES_WAIT_MS) {
        this.waiting = { businessDay: day, receipts: unread, until: to + FIGURES_WAIT_MS };
        break;
      }
      try {
        await this.writeDay(day, folder);
      } catch (err) {
        const problem = autoExportProblem(err, folder, day);
        const ofFolder = problem.code !== 'EXPORT_FAILED';
        // The folder's or the disk's problem is the one to tell; it stops the other days too.
        if (ofFolder || !failure) failure = { problem, day };
        if (ofFolder) break;
      }
    }
    if (failure) return this.failed(failure.problem, failure.day);
    // The folder takes files (or the day it was about is written): the problem is over.
    const p = this.record.problem;
    const over = (day: string) => this.record.days[day]?.done || !plan.due.includes(day);
    if (p && (p.businessDay === null || over(p.businessDay))) {
      await this.save({ ...this.record, problem: null });
    }
    await this.prune();
  }

  /** Writes the formats a day still lacks, each saved in the record as soon as it is written. */
  private async writeDay(day: string, folder: string): Promise<void> {
    const formats = this.formats();
    for (const format of formats) {
      if (this.record.days[day]?.files[format]) continue;
      const file = await this.o.file(day, format);
      const ext = path.extname(file.fileName);
      const name = await writeNewFile(folder, path.basename(file.fileName, ext), format, file.body);
      const before = this.record.days[day] ?? { files: {}, done: false };
      const days = {
        ...this.record.days,
        [day]: { ...before, files: { ...before.files, [format]: name } },
      };
      await this.save({ ...this.record, days });
    }
    const entry = this.record.days[day];
    const written = Object.entries(entry.files).map(([f, name]) => ({
      f: f as ReportFormat,
      name,
    }));
    // A problem about this day or the folder is over once the day is written: said in the same
    // save, so nobody reads the day written and the problem still standing.
    const p = this.record.problem;
    await this.save({
      ...this.record,
      problem: p && (p.businessDay === null || p.businessDay === day) ? null : p,
      days: { ...this.record.days, [day]: { ...entry, done: true } },
      last: {
        businessDay: day,
        at: this.o.now(),
        formats: written.map((w) => w.f),
        files: written.map((w) => w.name),
        receipts: this.o.receipts(...businessDayBounds(day, this.rule())),
      },
    });
    this.o.log(
      `Automatic export: ${day} written to ${folder} (${written.map((w) => w.name).join(', ')}).`,
    );
  }

  private async failed(problem: DeskError, day: string | null): Promise<void> {
    const known = this.record.problem;
    // The status shows the problem as soon as the record holds it: the notice goes out with it,
    // not after the record's file is written.
    const saved = this.save({
      ...this.record,
      problem: { ...problem, at: this.o.now(), businessDay: day },
    });
    if (known?.message !== problem.message) {
      this.o.log(`Automatic export: ${problem.message}`);
      this.o.notify(new DeskFailure('AUTO_EXPORT_FAILED', problem.message));
    }
    await saved;
  }

  /** Forgets days before the catch-up bound: they are never owed again. */
  private async prune(): Promise<void> {
    const oldest = addDays(this.firstDay(), -AUTO_EXPORT_CATCH_UP_DAYS);
    const stale = Object.keys(this.record.days).filter((d) => d < oldest);
    if (stale.length === 0) return;
    const days = { ...this.record.days };
    for (const d of stale) delete days[d];
    await this.save({ ...this.record, days });
  }

  private async save(next: ExportRecord): Promise<void> {
    this.record = next;
    await saveRecord(this.o.dataDir, next);
  }
}
