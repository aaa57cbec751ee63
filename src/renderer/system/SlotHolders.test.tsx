// @vitest-environment jsdom
/**
 * Who holds the printer slots, as the manager reads it: each device address with its
 * connections, receipts in progress and longest silence, and the tills turned away.
 */
import { MantineProvider } from '@mantine/core';
import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { mantineInJsdom } from '../testing/mantine-in-jsdom';
import { testMetrics } from '../state/test-metrics';
import { SlotHolders, idleFor } from './SlotHolders';

mantineInJsdom();

describe('who holds the printer slots', () => {
  it('lists each device with its connections and longest silence, and the refusals', () => {
    const { connections } = testMetrics(0, (m) => {
      m.connections.open = 11;
      m.connections.refusedOverLimit = 3;
      m.connections.refusedPerPeer = 2;
      m.connections.evictedIdle = 94;
      m.connections.closedIdle = 5;
      m.connections.peers = [
        { peer: '192.168.1.77', open: 8, inProgress: 0, longestIdleS: 3_725 },
        // Addresses come from the network: shown as text, never read as markup.
        { peer: '<img src=x onerror=alert(1)>', open: 1, inProgress: 1, longestIdleS: 2 },
      ];
    });
    render(
      <MantineProvider>
        <SlotHolders
          connections={connections}
          problem={{ code: 'CONNECTIONS_REFUSED', message: '2 connections from 192.168.1.77…' }}
        />
      </MantineProvider>,
    );
    const [scanner, odd] = screen.getAllByTestId('slot-holder');
    expect(within(scanner).getByText('192.168.1.77')).toBeTruthy();
    expect(within(scanner).getByText('8 (its limit)')).toBeTruthy();
    expect(within(scanner).getByText('1 h 2 min')).toBeTruthy();
    expect(within(odd).getByText('<img src=x onerror=alert(1)>')).toBeTruthy();
    expect(document.querySelector('img')).toBeNull();
    expect(screen.getByTestId('refused').textContent).toBe(
      'Turned away: 5 (3 with every slot busy, 2 over a device’s limit)',
    );
    expect(screen.getByTestId('evicted').textContent).toBe(
      'Idle ones closed: 5 after their time, 94 to make room',
    );
    expect(screen.getByRole('status').textContent).toContain('192.168.1.77');
  });

  it('says when no device is connected', () => {
    render(
      <MantineProvider>
        <SlotHolders connections={testMetrics(0).connections} problem={null} />
      </MantineProvider>,
    );
    expect(screen.getByText('No device is connected.')).toBeTruthy();
    expect(screen.getByTestId('refused').textContent).toBe('Turned away: 0');
    expect(screen.queryByRole('status')).toBeNull();
  });

  it.each([
    [0, '0 s'],
    [59, '59 s'],
    [60, '1 min'],
    [7_200, '2 h'],
  ])('%i seconds idle reads as %s', (s, said) => expect(idleFor(s)).toBe(said));
});
