// @vitest-environment jsdom
/**
 * The Events view lists what a receipt did besides print (cuts, drawer kicks with their pin,
 * beeps) and the status requests the till sent with the answers, each at its byte; picking a
 * byte marks it in the hex dump.
 */
import { MantineProvider } from '@mantine/core';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import type { ReactNode } from 'react';
import { describe, expect, it } from 'vitest';
import { mantineInJsdom } from '../testing/mantine-in-jsdom';
import type { StatusReplySent } from '../../shared/api';
import { DOCUMENT_VERSION, type ReceiptDocument } from '../../shared/document';
import { HexDump } from './HexDump';
import { ReceiptEvents } from './ReceiptEvents';

mantineInJsdom();

const wrap = (ui: ReactNode) => render(<MantineProvider>{ui}</MantineProvider>);

const doc: ReceiptDocument = {
  version: DOCUMENT_VERSION,
  dialect: 'escpos',
  paper: { widthDots: 576, columns: 48 },
  codePages: [],
  warnings: [],
  blocks: [
    { kind: 'text', align: 'left', runs: [{ text: 'Table 4', style: {} }] },
    { kind: 'event', event: 'buzzer', offset: 20 },
    { kind: 'event', event: 'drawer-kick', offset: 25, detail: 'pin 5' },
    { kind: 'event', event: 'cut', offset: 30 },
  ],
};

const replies: StatusReplySent[] = [
  {
    offset: 0,
    requestHex: '10 04 01',
    request: 'DLE EOT 1 — printer status',
    replyHex: '12',
    meaning: 'online, no error',
  },
  {
    offset: 17,
    requestHex: '1d 72 01',
    request: 'GS r 1 — paper sensor',
    replyHex: '00',
    meaning: 'paper present',
  },
];

const rowsOf = (testId: string) =>
  within(screen.getByTestId(testId))
    .getAllByRole('row')
    .slice(1)
    .map((row) => row.textContent);

describe('ReceiptEvents', () => {
  it('lists the cut, the drawer kick with its pin and the beep, then each status reply', () => {
    const shown: [number, number][] = [];
    wrap(
      <ReceiptEvents
        document={doc}
        statusReplies={replies}
        notKept={0}
        onShowBytes={(offset, length) => shown.push([offset, length])}
      />,
    );
    expect(rowsOf('printer-events')).toEqual([
      '20Beep',
      '25Cash drawer openedpin 5',
      '30Paper cut',
    ]);
    expect(rowsOf('status-replies')).toEqual([
      '0DLE EOT 1 — printer status 10 04 01online, no error 12',
      '17GS r 1 — paper sensor 1d 72 01paper present 00',
    ]);
    fireEvent.click(screen.getByRole('button', { name: 'Show byte 17 in the bytes' }));
    fireEvent.click(screen.getByRole('button', { name: 'Show byte 25 in the bytes' }));
    expect(shown).toEqual([
      [17, 3],
      [25, 1],
    ]);
  });

  it('says plainly when there is nothing, and counts the replies not kept', () => {
    const quiet = { ...doc, blocks: doc.blocks.slice(0, 1) };
    wrap(<ReceiptEvents document={quiet} statusReplies={[]} notKept={0} onShowBytes={() => {}} />);
    expect(screen.getByText('No cut, cash drawer or beep in this receipt.')).toBeTruthy();
    expect(
      screen.getByText('The till asked the printer nothing while sending this receipt.'),
    ).toBeTruthy();
    cleanup();

    wrap(
      <ReceiptEvents document={null} statusReplies={replies} notKept={36} onShowBytes={() => {}} />,
    );
    expect(screen.getByText(/once the receipt has been read/)).toBeTruthy();
    expect(screen.getByText(/and 36 more requests answered/).textContent).toContain(
      'keeps its first 2',
    );
  });

  it('marks the picked bytes in the hex dump, across a line end', () => {
    const raw = Buffer.from(Array.from({ length: 40 }, (_, k) => k)).toString('base64');
    wrap(<HexDump rawBase64={raw} warnings={[]} mark={{ offset: 14, length: 3 }} />);
    const marks = screen.getAllByTestId('hex-mark').map((m) => m.textContent);
    expect(marks).toEqual(['0e 0f', '10']);
  });
});
