/**
 * The relay in the manager's words: the state of the cloud relay and of each pass-through
 * printer, where one receipt stands with each destination, and how urgent each is (the colours
 * of the System screen's gauges). Settings, System and the receipt drawer all say it this way.
 */
import type {
  PassThroughGauges,
  PrinterStatusGauge,
  ReceiptRelayState,
  RelayGauges,
  RelayState,
} from '../../shared/api';
import type { GaugeStatus } from '../system/gauge-list';

export const RELAY_STATE_WORDS: Readonly<Record<RelayState, string>> = {
  ok: 'Sending',
  retrying: 'Retrying',
  'circuit-open': 'Paused after repeated failures (circuit open)',
  disabled: 'Off',
};

const CLOUD = 'cloud';
const PRINTER_PREFIX = 'printer:';

/** A destination of the outbox: the cloud, or a station's printer ("printer:Bar"). */
export interface Destination {
  /** "Cloud relay", "Bar's printer": a heading. */
  title: string;
  /** "the cloud", "Bar's printer": inside a sentence. */
  inSentence: string;
  /** The station whose printer it is; null for the cloud. */
  station: string | null;
}

export function destinationOf(destination: string): Destination {
  if (destination === CLOUD) {
    return { title: 'Cloud relay', inSentence: 'the cloud', station: null };
  }
  const station = destination.startsWith(PRINTER_PREFIX)
    ? destination.slice(PRINTER_PREFIX.length)
    : destination;
  return { title: printerOf(station), inSentence: printerOf(station), station };
}

/** "Bar's printer". */
export function printerOf(station: string): string {
  return `${station}'s printer`;
}

/** How long, as people say it: "40 s", "3 min", "2 h 5 min", "3 days". */
export function ageWords(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  const min = Math.floor(s / 60);
  if (min < 60) return `${min} min`;
  const h = Math.floor(min / 60);
  if (h < 24) return min % 60 === 0 ? `${h} h` : `${h} h ${min % 60} min`;
  const days = Math.floor(h / 24);
  return days === 1 ? '1 day' : `${days.toLocaleString()} days`;
}

/** "No receipts waiting", "1 receipt waiting, for 40 s", "12 receipts waiting, the oldest 3 min". */
export function backlogWords(g: Pick<RelayGauges, 'backlog' | 'oldestAgeS'>, what = 'receipt') {
  if (g.backlog === 0) return `No ${what}s waiting`;
  const count = g.backlog === 1 ? `1 ${what}` : `${g.backlog.toLocaleString()} ${what}s`;
  if (g.oldestAgeS === null) return `${count} waiting`;
  const age = ageWords(g.oldestAgeS);
  return g.backlog === 1 ? `${count} waiting, for ${age}` : `${count} waiting, the oldest ${age}`;
}

const ok = (note = 'OK'): GaugeStatus => ({ state: 'ok', note });

/**
 * The cloud relay as a gauge: retrying needs a look, a circuit opened by repeated failures is
 * failing, and receipts refused for good need the manager even while the rest flows. Off is no
 * state at all (null): nothing is wrong with a relay the restaurant does not use.
 */
export function cloudStatus(g: RelayGauges): GaugeStatus | null {
  if (g.state === 'disabled') return g.dead > 0 ? refused(g.dead, 'warning') : null;
  const state = g.state === 'circuit-open' ? 'failing' : g.state === 'retrying' ? 'warning' : 'ok';
  // The receipts given up are what the manager can act on: said first, in the state's colour.
  if (g.dead > 0) return refused(g.dead, state === 'ok' ? 'warning' : state);
  if (g.state === 'circuit-open') return { state, note: 'Circuit open' };
  if (g.state === 'retrying') return { state, note: 'Retrying' };
  return ok();
}

function refused(dead: number, state: GaugeStatus['state']): GaugeStatus {
  return { state, note: `${dead.toLocaleString()} refused` };
}

/** A printer that cannot print, and whose jobs therefore wait, is failing. */
const PRINTER_FAILING: ReadonlySet<PrinterStatusGauge['state']> = new Set([
  'paper-out',
  'cover-open',
  'offline',
  'unreachable',
]);

/**
 * A pass-through printer as a gauge: failing while the printer cannot print, a warning while
 * jobs are retried, the paper runs low, or a job waits for the manager (unconfirmed).
 */
export function printerStatus(g: PassThroughGauges): GaugeStatus {
  if (PRINTER_FAILING.has(g.printerStatus.state)) {
    return { state: 'failing', note: g.printerStatus.words };
  }
  if (g.unconfirmed > 0) {
    return { state: 'warning', note: `${g.unconfirmed.toLocaleString()} not confirmed` };
  }
  if (g.state === 'retrying') return { state: 'warning', note: 'Retrying' };
  if (g.printerStatus.state === 'paper-near-end') {
    return { state: 'warning', note: g.printerStatus.words };
  }
  return ok();
}

/** What the manager can do about a receipt's row, if anything. */
export type RelayAction =
  { kind: 'send-again' } | { kind: 'print-again'; station: string; label: string };

export interface RelayLine {
  destination: Destination;
  /** Where the receipt stands, as a sentence (the reason, where there is one, is data). */
  text: string;
  tone: 'ok' | 'waiting' | 'problem';
  action: RelayAction | null;
}

/**
 * One receipt with one destination, for the drawer: "Queued", "Sent to the cloud at 12:04",
 * "Refused: <reason>" (send again), "Printed on Bar's printer at 12:05", "Not confirmed:
 * <reason>" (print again on Bar). `clock` writes a time ("12:04").
 */
export function receiptRelayLine(r: ReceiptRelayState, clock: (ms: number) => string): RelayLine {
  const destination = destinationOf(r.destination);
  const at = r.at === null ? '' : ` at ${clock(r.at)}`;
  const because = (error: string | null, fallback: string) => error ?? fallback;
  const line = (text: string, tone: RelayLine['tone'], action: RelayAction | null = null) => ({
    destination,
    text,
    tone,
    action,
  });
  const printer = destination.station;
  switch (r.state) {
    case 'queued':
      if (r.attempts === 0 || r.error === null) return line('Queued', 'waiting');
      return line(`Queued, to be tried again (${tries(r.attempts)} so far): ${r.error}`, 'waiting');
    case 'sending':
      return line(printer === null ? 'Being sent now' : 'Printing now', 'waiting');
    case 'delivered':
      return printer === null
        ? line(`Sent to the cloud${at}`, 'ok')
        : line(`Printed on ${destination.inSentence}${at}`, 'ok');
    case 'dead':
      // A printer's job is given up only when its receipt was removed: nothing to print again.
      return printer === null
        ? line(`Refused: ${because(r.error, 'the endpoint gave no reason.')}`, 'problem', {
            kind: 'send-again',
          })
        : line(`Not printed: ${because(r.error, 'no reason was given.')}`, 'problem');
    case 'unconfirmed':
      return line(
        `Not confirmed: ${because(r.error, 'the printer did not say it had the whole job.')}`,
        'problem',
        printer === null
          ? null
          : { kind: 'print-again', station: printer, label: `Print again on ${printer}` },
      );
  }
}

function tries(n: number): string {
  return n === 1 ? '1 try' : `${n.toLocaleString()} tries`;
}
