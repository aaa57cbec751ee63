// @vitest-environment jsdom
/**
 * The relay's token and secret are write-only: the screen says whether each is kept and where,
 * sends a new value straight to setRelayCredentials (never into the settings form), refuses a
 * value the service would refuse with the same sentence, and never shows a value again.
 */
import { MantineProvider } from '@mantine/core';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { RelayStatus } from '../../shared/api';
import { DeskApiContext } from '../api/desk-api-context';
import type { RelayStatusHandle } from '../relay/use-relay-status';
import { fakeDeskApi } from '../testing/fake-desk-api';
import { mantineInJsdom } from '../testing/mantine-in-jsdom';
import { RelayCredentials } from './RelayCredentials';

mantineInJsdom();

const KEPT_IN = 'a file in the data folder only your user account can read';

function status(hasToken: boolean, hasSecret: boolean): RelayStatus {
  return {
    cloud: {
      state: 'disabled',
      backlog: 0,
      oldestAgeS: null,
      deliveredPerMin: 0,
      dead: 0,
      lastError: null,
      hasToken,
      hasSecret,
      secretsKeptIn: KEPT_IN,
    },
    passThrough: [],
    dead: [],
    unconfirmed: [],
  };
}

function setUp(initial: RelayStatus) {
  const sent: unknown[] = [];
  const submitted: unknown[] = [];
  let current = initial;
  const api = fakeDeskApi({
    setRelayCredentials: (input) => {
      sent.push(input);
      current = status(
        input.token === undefined ? current.cloud.hasToken : input.token !== null,
        input.secret === undefined ? current.cloud.hasSecret : input.secret !== null,
      );
      return Promise.resolve({ ok: true as const, value: current });
    },
  });
  function Harness() {
    const handle: RelayStatusHandle = {
      status: current,
      refresh: () => {},
      show: (s) => {
        current = s;
        view.rerender(ui());
      },
    };
    return (
      // A form around it, as in Settings: Enter in the field must not submit it.
      <form
        onSubmit={(e) => {
          e.preventDefault();
          submitted.push(true);
        }}
      >
        <RelayCredentials relay={handle} />
      </form>
    );
  }
  const ui = () => (
    <MantineProvider>
      <DeskApiContext.Provider value={api}>
        <Harness />
      </DeskApiContext.Provider>
    </MantineProvider>
  );
  const view = render(ui());
  return { sent, submitted };
}

describe('relay token and secret', () => {
  it('says whether each is kept, and where, without a value', () => {
    setUp(status(true, false));
    const token = screen.getByRole('group', { name: 'Relay token' });
    expect(within(token).getByTestId('relay-token-state').textContent).toBe(
      `Kept in ${KEPT_IN}. It is never shown again.`,
    );
    expect(within(token).getByRole('button', { name: 'Replace the token' })).toBeTruthy();
    expect(within(token).getByRole('button', { name: 'Forget the token' })).toBeTruthy();
    const secret = screen.getByRole('group', { name: 'Signing secret' });
    expect(within(secret).getByTestId('relay-secret-state').textContent).toBe('Not set.');
    expect(within(secret).queryByRole('button', { name: 'Forget the secret' })).toBeNull();
  });

  it('refuses a short value with the schema’s sentence, keeps a good one on Enter, clears it', async () => {
    const { sent, submitted } = setUp(status(false, false));
    const secret = screen.getByRole('group', { name: 'Signing secret' });
    fireEvent.click(within(secret).getByRole('button', { name: 'Set the secret' }));
    const field = within(secret).getByLabelText('New signing secret');
    fireEvent.change(field, { target: { value: 'too short' } });
    fireEvent.keyDown(field, { key: 'Enter' });
    expect(
      within(secret).getByText('The signing secret needs at least 32 characters.'),
    ).toBeTruthy();
    expect(sent).toEqual([]);

    const value = 'a-signing-secret-of-forty-characters-000';
    fireEvent.change(field, { target: { value } });
    fireEvent.keyDown(field, { key: 'Enter' });
    await waitFor(() =>
      expect(within(secret).getByRole('status').textContent).toBe('The secret is kept.'),
    );
    expect(sent).toEqual([{ secret: value }]);
    expect(submitted).toEqual([]);
    // The value is gone from the page: no field holds it, no text shows it.
    expect(document.body.innerHTML).not.toContain(value);
    expect(within(secret).getByTestId('relay-secret-state').textContent).toContain('Kept in');
  });

  it('forgets the token', async () => {
    const { sent } = setUp(status(true, true));
    const token = screen.getByRole('group', { name: 'Relay token' });
    fireEvent.click(within(token).getByRole('button', { name: 'Forget the token' }));
    await waitFor(() =>
      expect(within(token).getByTestId('relay-token-state').textContent).toBe('Not set.'),
    );
    expect(sent).toEqual([{ token: null }]);
  });
});
