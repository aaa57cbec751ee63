/**
 * What each station's printer port reports about itself: the desk's condition for every
 * station (paper out while the disk is full), else the station's own — the state of the real
 * printer its receipts pass through to, when that station setting is on. The desk's wins: while
 * the desk cannot keep receipts, no till may believe one printed, whatever its printer says.
 */
import type { PrinterCondition } from './status-replies';

export const CONDITION_WORDS: Record<PrinterCondition, string> = {
  online: 'online',
  'paper-out': 'out of paper',
  'cover-open': 'cover open',
  offline: 'offline',
};

export class PrinterConditions {
  private deskCondition: PrinterCondition = 'online';
  private readonly stations = new Map<string, PrinterCondition>();

  get desk(): PrinterCondition {
    return this.deskCondition;
  }

  of(station: string): PrinterCondition {
    if (this.deskCondition !== 'online') return this.deskCondition;
    return this.stations.get(station) ?? 'online';
  }

  /** False when nothing changed. */
  setDesk(next: PrinterCondition): boolean {
    if (next === this.deskCondition) return false;
    this.deskCondition = next;
    return true;
  }

  /** null (or 'online') clears the station's own condition. False when nothing changed. */
  setStation(station: string, next: PrinterCondition | null): boolean {
    const now = next ?? 'online';
    if (now === (this.stations.get(station) ?? 'online')) return false;
    if (now === 'online') this.stations.delete(station);
    else this.stations.set(station, now);
    return true;
  }
}
