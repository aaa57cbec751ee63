import { describe, expect, it } from 'vitest';
import { lastWrittenText, nextText, waitingText } from './auto-export-text';

describe('the automatic export in words', () => {
  it('says when the last day was written, in the restaurant’s time zone', () => {
    const last = {
      businessDay: '2026-12-06',
      at: Date.parse('2026-12-07T03:15:00Z'),
      formats: ['pdf', 'csv'] as const,
      files: ['receipt-desk-report-2026-12-06.pdf', 'receipt-desk-report-2026-12-06.csv'],
      receipts: 212,
    };
    expect(lastWrittenText({ ...last, formats: [...last.formats] }, 'Europe/Berlin')).toBe(
      'Last written: Mon 7 Dec, 04:15 — 2026-12-06 (PDF, CSV)',
    );
    expect(
      lastWrittenText({ ...last, formats: ['pdf', 'csv', 'xlsx'], receipts: 0 }, 'Europe/Berlin'),
    ).toBe('Last written: Mon 7 Dec, 04:15 — 2026-12-06 (PDF, CSV, XLSX, no receipts that day)');
    expect(
      nextText(
        { businessDay: '2026-12-07', at: Date.parse('2026-12-08T03:15:00Z') },
        'Europe/Berlin',
      ),
    ).toBe('Next: 2026-12-07, written from Tue 8 Dec, 04:15.');
    expect(
      waitingText(
        { businessDay: '2026-12-07', receipts: 3, until: Date.parse('2026-12-08T05:00:00Z') },
        'Europe/Berlin',
      ),
    ).toBe(
      '2026-12-07 waits for the sales figures of 3 receipts to be read; it is written by Tue 8 Dec, 06:00 at the latest.',
    );
  });
});
