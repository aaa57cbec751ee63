/** The relay as the manager reads it: state words, colours, and where one receipt stands. */
import { describe, expect, it } from 'vitest';
import type { PassThroughGauges, ReceiptRelayState, RelayGauges } from '../../shared/api';
import {
  ageWords,
  backlogWords,
  cloudStatus,
  destinationOf,
  printerStatus,
  RELAY_STATE_WORDS,
  receiptRelayLine,
} from './relay-words';

const cloud = (change: Partial<RelayGauges> = {}): RelayGauges => ({
  state: 'ok',
  backlog: 0,
  oldestAgeS: null,
  deliveredPerMin: 0,
  dead: 0,
  lastError: null,
  ...change,
});

const printer = (change: Partial<PassThroughGauges> = {}): PassThroughGauges => ({
  ...cloud(),
  station: 'Bar',
  printer: '192.168.1.50:9100',
  unconfirmed: 0,
  printerStatus: { state: 'ready', words: 'Ready', at: 0 },
  ...change,
});

const row = (change: Partial<ReceiptRelayState>): ReceiptRelayState => ({
  destination: 'cloud',
  state: 'queued',
  attempts: 0,
  at: null,
  error: null,
  ...change,
});

const clock = (ms: number) => `t${ms}`;

describe('relay state words', () => {
  it('says each state as the manager reads it', () => {
    expect(RELAY_STATE_WORDS).toEqual({
      ok: 'Sending',
      retrying: 'Retrying',
      'circuit-open': 'Paused after repeated failures (circuit open)',
      disabled: 'Off',
    });
  });

  it('says ages and backlogs in words', () => {
    expect(ageWords(0)).toBe('0 s');
    expect(ageWords(59.4)).toBe('59 s');
    expect(ageWords(185)).toBe('3 min');
    expect(ageWords(7_200)).toBe('2 h');
    expect(ageWords(7_500)).toBe('2 h 5 min');
    expect(ageWords(86_400)).toBe('1 day');
    expect(ageWords(3 * 86_400)).toBe('3 days');
    expect(backlogWords({ backlog: 0, oldestAgeS: null })).toBe('No receipts waiting');
    expect(backlogWords({ backlog: 1, oldestAgeS: 40 })).toBe('1 receipt waiting, for 40 s');
    expect(backlogWords({ backlog: 12, oldestAgeS: 200 }, 'job')).toBe(
      '12 jobs waiting, the oldest 3 min',
    );
  });

  it('names destinations', () => {
    expect(destinationOf('cloud')).toEqual({
      title: 'Cloud relay',
      inSentence: 'the cloud',
      station: null,
    });
    expect(destinationOf('printer:Bar')).toEqual({
      title: "Bar's printer",
      inSentence: "Bar's printer",
      station: 'Bar',
    });
    // A station name with a colon stays whole.
    expect(destinationOf('printer:Bar: upstairs').station).toBe('Bar: upstairs');
  });
});

describe('relay colours', () => {
  it('cloud: off has no state, retrying a warning, circuit open failing, refused a warning', () => {
    expect(cloudStatus(cloud({ state: 'disabled' }))).toBeNull();
    expect(cloudStatus(cloud())).toEqual({ state: 'ok', note: 'OK' });
    expect(cloudStatus(cloud({ state: 'retrying' }))?.state).toBe('warning');
    expect(cloudStatus(cloud({ state: 'circuit-open' }))).toEqual({
      state: 'failing',
      note: 'Circuit open',
    });
    expect(cloudStatus(cloud({ dead: 2 }))).toEqual({ state: 'warning', note: '2 refused' });
    // Refused receipts are said first, in the colour of the state.
    expect(cloudStatus(cloud({ state: 'circuit-open', dead: 3 }))).toEqual({
      state: 'failing',
      note: '3 refused',
    });
    // Turned off with receipts still refused: they still need the manager.
    expect(cloudStatus(cloud({ state: 'disabled', dead: 1 }))?.state).toBe('warning');
  });

  it('printer: failing while it cannot print, a warning for unconfirmed jobs or low paper', () => {
    expect(printerStatus(printer()).state).toBe('ok');
    for (const state of ['paper-out', 'cover-open', 'offline', 'unreachable'] as const) {
      const s = printerStatus(printer({ printerStatus: { state, words: 'Out of paper', at: 1 } }));
      expect(s).toEqual({ state: 'failing', note: 'Out of paper' });
    }
    expect(printerStatus(printer({ unconfirmed: 1 }))).toEqual({
      state: 'warning',
      note: '1 not confirmed',
    });
    expect(printerStatus(printer({ state: 'retrying' })).state).toBe('warning');
    expect(
      printerStatus(
        printer({ printerStatus: { state: 'paper-near-end', words: 'Paper low', at: 1 } }),
      ).note,
    ).toBe('Paper low');
    expect(
      printerStatus(
        printer({ printerStatus: { state: 'unknown', words: 'Not asked yet', at: null } }),
      ).state,
    ).toBe('ok');
  });
});

describe('where a receipt stands', () => {
  it('queued, and queued after failed tries with the reason', () => {
    expect(receiptRelayLine(row({}), clock)).toMatchObject({ text: 'Queued', action: null });
    expect(
      receiptRelayLine(row({ attempts: 3, error: 'The endpoint answered 503.' }), clock).text,
    ).toBe('Queued, to be tried again (3 tries so far): The endpoint answered 503.');
  });

  it('sent to the cloud, printed on a printer, with the time', () => {
    expect(receiptRelayLine(row({ state: 'delivered', at: 5 }), clock)).toMatchObject({
      text: 'Sent to the cloud at t5',
      tone: 'ok',
      action: null,
    });
    expect(
      receiptRelayLine(row({ destination: 'printer:Bar', state: 'delivered', at: 7 }), clock).text,
    ).toBe("Printed on Bar's printer at t7");
    expect(
      receiptRelayLine(row({ destination: 'printer:Bar', state: 'sending' }), clock).text,
    ).toBe('Printing now');
  });

  it('refused by the cloud: the reason and "Send again"', () => {
    const line = receiptRelayLine(
      row({ state: 'dead', error: 'The endpoint refused the token (401).' }),
      clock,
    );
    expect(line).toMatchObject({
      text: 'Refused: The endpoint refused the token (401).',
      tone: 'problem',
      action: { kind: 'send-again' },
    });
  });

  it('not confirmed by a printer: the reason and "Print again on Bar"', () => {
    const line = receiptRelayLine(
      row({ destination: 'printer:Bar', state: 'unconfirmed', error: 'It hung up.' }),
      clock,
    );
    expect(line.text).toBe('Not confirmed: It hung up.');
    expect(line.action).toEqual({
      kind: 'print-again',
      station: 'Bar',
      label: 'Print again on Bar',
    });
  });

  it('a printer job given up (its receipt removed) offers nothing to press', () => {
    const line = receiptRelayLine(
      row({
        destination: 'printer:Bar',
        state: 'dead',
        error: 'The receipt was removed before it printed.',
      }),
      clock,
    );
    expect(line.text).toBe('Not printed: The receipt was removed before it printed.');
    expect(line.action).toBeNull();
  });
});
