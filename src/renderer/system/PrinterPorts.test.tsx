// @vitest-environment jsdom
/**
 * The printer ports as the manager reads them: where each station listens, whether it does (and
 * why not), and how long ago it last printed.
 */
import { MantineProvider } from '@mantine/core';
import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { mantineInJsdom } from '../testing/mantine-in-jsdom';
import type { Health } from '../../shared/api';
import { PrinterPorts } from './PrinterPorts';

mantineInJsdom();

const NOW = Date.UTC(2026, 4, 12, 18, 0, 0);

const health: Health = {
  status: 'degraded',
  problems: [
    {
      code: 'PORT_CLOSED',
      message: 'Printer port 9101 (Bar) is already in use by another program.',
    },
  ],
  printer: { listening: true, host: '0.0.0.0', port: 9100 },
  listeners: [
    {
      station: 'Front',
      host: '0.0.0.0',
      port: 9100,
      listening: true,
      error: null,
      lastReceiptAt: NOW - 2 * 60_000 - 5_000,
    },
    {
      station: 'Bar',
      host: '0.0.0.0',
      port: 9101,
      listening: false,
      error: 'Port 9101 is already in use by another program. Close it or choose another port.',
      lastReceiptAt: null,
    },
  ],
  db: { ok: true },
  uptimeS: 60,
};

describe('printer ports', () => {
  it('shows each port, its state or error, and when its station last printed', () => {
    render(
      <MantineProvider>
        <PrinterPorts health={health} now={NOW} />
      </MantineProvider>,
    );
    const [front, bar] = screen.getAllByTestId('printer-port');
    expect(within(front).getByText('0.0.0.0:9100')).toBeTruthy();
    expect(within(front).getByText('Listening')).toBeTruthy();
    const last = within(front).getByText('2 min ago');
    expect(last.tagName).toBe('TIME');
    expect(last.getAttribute('datetime')).toBe(new Date(NOW - 125_000).toISOString());

    expect(within(bar).getByText('Not listening')).toBeTruthy();
    expect(within(bar).getByText(/already in use by another program/)).toBeTruthy();
    expect(within(bar).getByText('No receipts yet')).toBeTruthy();
  });

  it('says a listening port tells tills it is out of paper while the disk is full, and why', () => {
    const full: Health = {
      ...health,
      problems: [
        {
          code: 'DISK_FULL',
          message:
            'The disk holding the receipts file is full (SQLITE_FULL). Free some space on it.',
        },
      ],
    };
    render(
      <MantineProvider>
        <PrinterPorts health={full} now={NOW} />
      </MantineProvider>,
    );
    const [front, bar] = screen.getAllByTestId('printer-port');
    expect(within(front).getByText('Out of paper: disk full')).toBeTruthy();
    expect(within(front).getByText(/Free some space on it/)).toBeTruthy();
    expect(within(front).queryByText('Listening')).toBeNull();
    expect(within(bar).getByText('Not listening')).toBeTruthy();
  });
});
