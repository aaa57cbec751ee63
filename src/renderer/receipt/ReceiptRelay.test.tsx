// @vitest-environment jsdom
/**
 * The drawer says where a receipt stands with the cloud and its station's printer, shows the
 * endpoint's and the printer's reasons as text (never markup), and its buttons ask the service
 * to send or print again, then show the new state.
 */
import { MantineProvider } from '@mantine/core';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { DeskApi, ReceiptDetail, ReceiptRelayState } from '../../shared/api';
import { DeskApiContext } from '../api/desk-api-context';
import { fakeDeskApi } from '../testing/fake-desk-api';
import { mantineInJsdom } from '../testing/mantine-in-jsdom';
import { testReceipt } from '../state/test-receipts';
import { ReceiptRelay } from './ReceiptRelay';

mantineInJsdom();

// Today at 12:04: the drawer says the time alone for today.
const AT = new Date().setHours(12, 4, 0, 0);

function detail(relay: ReceiptRelayState[] | undefined): ReceiptDetail {
  return {
    ...testReceipt(7, { station: 'Bar' }),
    document: null,
    rawBase64: '',
    droppedBytes: 0,
    statusReplies: [],
    statusRepliesNotKept: 0,
    figures: null,
    relay,
  };
}

function show(receipt: ReceiptDetail, api: DeskApi = fakeDeskApi()) {
  return render(
    <MantineProvider>
      <DeskApiContext.Provider value={api}>
        <ReceiptRelay receipt={receipt} />
      </DeskApiContext.Provider>
    </MantineProvider>,
  );
}

const ok = <T,>(value: T) => Promise.resolve({ ok: true as const, value });

describe('where the receipt went, in the drawer', () => {
  it('shows nothing for a receipt that went nowhere', () => {
    show(detail(undefined));
    expect(screen.queryByTestId('receipt-relay')).toBeNull();
    show(detail([]));
    expect(screen.queryByTestId('receipt-relay')).toBeNull();
  });

  it('says each destination, with the reason as text, and sends a refused receipt again', async () => {
    const calls: unknown[] = [];
    let sentAgain = false;
    const api = fakeDeskApi({
      retryRelay: (request) => {
        calls.push(request);
        sentAgain = true;
        return ok(1);
      },
      getReceipt: () =>
        ok(
          detail([
            sentAgain
              ? { destination: 'cloud', state: 'delivered', attempts: 1, at: AT, error: null }
              : { destination: 'cloud', state: 'dead', attempts: 5, at: AT, error: 'x' },
          ]),
        ),
    });
    show(
      detail([
        {
          destination: 'cloud',
          state: 'dead',
          attempts: 5,
          at: AT,
          error: '<b>Unauthorized</b>: the token is not this store’s.',
        },
        { destination: 'printer:Bar', state: 'delivered', attempts: 1, at: AT, error: null },
      ]),
      api,
    );
    const table = screen.getByRole('region', { name: 'Where this receipt was sent' });
    const [cloud, bar] = within(table).getAllByTestId('relay-line');
    // The endpoint's words are shown as they came, tags and all: never rendered as markup.
    expect(cloud.textContent).toContain(
      'Refused: <b>Unauthorized</b>: the token is not this store’s.',
    );
    expect(cloud.querySelector('b')).toBeNull();
    expect(bar.textContent).toMatch(/^Bar's printerPrinted on Bar's printer at 12:04\b/);

    fireEvent.click(within(cloud).getByRole('button', { name: 'Send again' }));
    expect(calls).toEqual([{ receiptId: 7 }]);
    await waitFor(() =>
      expect(screen.getAllByTestId('relay-line')[0].textContent).toContain(
        'Sent to the cloud at 12:04',
      ),
    );
  });

  it('prints an unconfirmed job again on its station, and says why it could not', async () => {
    const calls: unknown[] = [];
    const api = fakeDeskApi({
      printAgain: (request) => {
        calls.push(request);
        return Promise.resolve({
          ok: false as const,
          error: {
            code: 'BUSY',
            message: "Receipt 7 is already waiting for Bar's printer.",
          },
        });
      },
    });
    show(
      detail([
        {
          destination: 'printer:Bar',
          state: 'unconfirmed',
          attempts: 1,
          at: AT,
          error: 'The printer at 10.0.0.9:9100 broke the connection.',
        },
      ]),
      api,
    );
    const line = screen.getByTestId('relay-line');
    expect(line.textContent).toContain(
      'Not confirmed: The printer at 10.0.0.9:9100 broke the connection.',
    );
    fireEvent.click(within(line).getByRole('button', { name: 'Print again on Bar' }));
    expect(calls).toEqual([{ receiptId: 7, station: 'Bar' }]);
    expect((await screen.findByRole('alert')).textContent).toBe(
      "Receipt 7 is already waiting for Bar's printer.",
    );
  });
});
