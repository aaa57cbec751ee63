/**
 * How sending goes to one destination, as a short list of readings: its state in words, what is
 * waiting and since when, how many go through a minute, what was refused or not confirmed, the
 * printer's own status, and the last error (data from the network: text, never markup). The
 * System screen's cards and the Settings sections show the same readings.
 */
import { Text } from '@mantine/core';
import type { ReactNode } from 'react';
import type { PassThroughGauges, RelayGauges } from '../../shared/api';
import { formatClock, formatCount } from '../format';
import { backlogWords, RELAY_STATE_WORDS } from './relay-words';

export function RelayReadings({
  gauges,
  printer,
  withState = true,
}: {
  gauges: RelayGauges;
  /** A pass-through printer's own readings. */
  printer?: PassThroughGauges;
  /** Whether to say the state too (a card that shows it large says it once). */
  withState?: boolean;
}) {
  const off = gauges.state === 'disabled';
  const status = printer?.printerStatus;
  return (
    <dl className="relay-readings">
      {withState ? (
        <Reading term="State" testId="relay-state">
          {RELAY_STATE_WORDS[gauges.state]}
        </Reading>
      ) : null}
      {status ? (
        <Reading term="Printer" testId="printer-status">
          {status.words}
          {status.at !== null ? ` (since ${formatClock(status.at)})` : ''}
        </Reading>
      ) : null}
      {!off || gauges.backlog > 0 ? (
        <Reading term="Waiting" testId="relay-backlog">
          {backlogWords(gauges, printer ? 'job' : 'receipt')}
        </Reading>
      ) : null}
      {!off ? (
        <Reading term={printer ? 'Printed' : 'Delivered'} testId="relay-delivered">
          {formatCount(gauges.deliveredPerMin)} a minute
        </Reading>
      ) : null}
      {(!printer && !off) || gauges.dead > 0 ? (
        <Reading term={printer ? 'Not printed' : 'Refused'} testId="relay-dead">
          {formatCount(gauges.dead)}
        </Reading>
      ) : null}
      {printer ? (
        <Reading term="Not confirmed" testId="relay-unconfirmed">
          {formatCount(printer.unconfirmed)}
        </Reading>
      ) : null}
      {gauges.lastError ? (
        <Reading term="Last error" testId="relay-last-error">
          <Text span size="sm" c="var(--bad)" className="relay-reason">
            {gauges.lastError}
          </Text>
        </Reading>
      ) : null}
    </dl>
  );
}

function Reading({
  term,
  testId,
  children,
}: {
  term: string;
  testId: string;
  children: ReactNode;
}) {
  return (
    <div>
      <dt>{term}</dt>
      <dd data-testid={testId}>{children}</dd>
    </div>
  );
}
