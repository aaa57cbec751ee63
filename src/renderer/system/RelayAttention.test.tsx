// @vitest-environment jsdom
/**
 * The receipts needing the manager, on the System screen: newest first, each with why and the
 * button that fits it (Send again for the cloud, Print again on its station for a printer,
 * nothing for a job whose receipt is gone), and one button for every refused receipt at once.
 */
import { MantineProvider } from '@mantine/core';
import { fireEvent, render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { RelayProblemRow, RelayStatus } from '../../shared/api';
import { DeskApiContext } from '../api/desk-api-context';
import type { RelayStatusHandle } from '../relay/use-relay-status';
import { fakeDeskApi } from '../testing/fake-desk-api';
import { mantineInJsdom } from '../testing/mantine-in-jsdom';
import { RelayAttention } from './RelayAttention';

mantineInJsdom();

const T = new Date().setHours(12, 0, 0, 0);

function problem(receiptId: number, destination: string, at: number, error: string) {
  return { receiptId, destination, station: 'Bar', receivedAt: at - 1000, at, error };
}

function status(dead: RelayProblemRow[], unconfirmed: RelayProblemRow[]): RelayStatus {
  return {
    cloud: {
      state: 'ok',
      backlog: 0,
      oldestAgeS: null,
      deliveredPerMin: 0,
      dead: dead.length,
      lastError: null,
      hasToken: true,
      hasSecret: true,
      secretsKeptIn: 'the system keychain',
    },
    passThrough: [],
    dead,
    unconfirmed,
  };
}

function show(s: RelayStatus) {
  const retried: unknown[] = [];
  const api = fakeDeskApi({
    retryRelay: (request) => {
      retried.push(request);
      return Promise.resolve({ ok: true as const, value: 2 });
    },
  });
  const handle: RelayStatusHandle = { status: s, refresh: () => {}, show: () => {} };
  render(
    <MantineProvider>
      <DeskApiContext.Provider value={api}>
        <RelayAttention relay={handle} />
      </DeskApiContext.Provider>
    </MantineProvider>,
  );
  return retried;
}

describe('receipts needing attention', () => {
  it('says when nothing needs the manager', () => {
    show(status([], []));
    expect(screen.getByTestId('relay-attention-empty').textContent).toMatch(/^Nothing needs you/);
  });

  it('lists refused and unconfirmed receipts newest first, each with its button', async () => {
    const retried = show(
      status(
        [
          problem(3, 'cloud', T + 3000, 'The relay endpoint refused the token (401).'),
          problem(1, 'cloud', T + 1000, 'The relay endpoint refused the token (401).'),
          problem(4, 'printer:Bar', T + 500, 'The receipt was removed before it printed.'),
        ],
        [problem(2, 'printer:Bar', T + 2000, 'The printer at 10.0.0.9:9100 broke the connection.')],
      ),
    );
    const table = screen.getByRole('table', { name: 'Receipts needing attention' });
    const rows = within(table).getAllByTestId('relay-problem');
    expect(rows.map((r) => within(r).getAllByRole('button')[0].textContent)).toEqual([
      'Receipt 3',
      'Receipt 2',
      'Receipt 1',
      'Receipt 4',
    ]);
    expect(rows[0].textContent).toContain('Refused at 12:00');
    expect(within(rows[0]).getByRole('button', { name: 'Send again, receipt 3' })).toBeTruthy();
    expect(rows[1].textContent).toContain('Not confirmed at 12:00');
    expect(
      within(rows[1]).getByRole('button', { name: 'Print again on Bar, receipt 2' }),
    ).toBeTruthy();
    // A printer job given up because its receipt is gone: nothing to press.
    expect(within(rows[3]).getAllByRole('button')).toHaveLength(1);

    fireEvent.click(screen.getByRole('button', { name: 'Send every refused receipt again' }));
    expect(retried).toEqual([{}]);
    expect(await screen.findByText('2 receipts are queued to be sent again.')).toBeTruthy();
  });
});
