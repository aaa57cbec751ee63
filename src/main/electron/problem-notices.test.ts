import { describe, expect, it } from 'vitest';
import { NOTICE_QUIET_MS, noticeTitle, throttledNotices } from './problem-notices';

describe('problem notifications', () => {
  it('tells the manager about a full disk once, and again only if it goes on', () => {
    let now = 0;
    const shown: string[] = [];
    const notice = throttledNotices(
      (title, body) => shown.push(`${title}: ${body}`),
      () => now,
    );
    notice('DISK_FULL', 'Stopped', 'The disk is full.');
    for (let s = 1; s < 60; s++) {
      now = s * 1000; // a failed commit every second for a minute
      notice('DISK_FULL', 'Stopped', 'The disk is full.');
    }
    expect(shown).toEqual(['Stopped: The disk is full.']);
    // A different problem is news at once.
    notice('WRITE_FAILED', 'Stopped', 'The receipts file cannot be written.');
    expect(shown).toHaveLength(2);
    now = NOTICE_QUIET_MS;
    notice('DISK_FULL', 'Stopped', 'The disk is still full.');
    expect(shown.at(-1)).toBe('Stopped: The disk is still full.');
  });

  it('tells the manager tills are being turned away at most once per 10 minutes', () => {
    let now = 0;
    const shown: number[] = [];
    const notice = throttledNotices(
      () => shown.push(now),
      () => now,
    );
    // The service reports refusals once a minute while they go on: half an hour of them.
    for (let minute = 0; minute < 30; minute++) {
      now = minute * 60_000;
      notice('CONNECTIONS_REFUSED', noticeTitle('CONNECTIONS_REFUSED'), '3 connections refused');
    }
    expect(shown).toEqual([0, 10 * 60_000, 20 * 60_000]);
    expect(noticeTitle('CONNECTIONS_REFUSED')).toBe('Receipt Desk is turning tills away');
    expect(noticeTitle('DISK_FULL')).toBe('Receipt Desk stopped keeping receipts');
    // The daily report not written is no lost receipt: its notice says what it is.
    expect(noticeTitle('AUTO_EXPORT_FAILED')).toBe('The daily report was not written');
  });
});
