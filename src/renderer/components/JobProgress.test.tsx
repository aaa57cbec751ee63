// @vitest-environment jsdom
/**
 * A file job as the Export screen and the range report show it: its progress with Cancel, the
 * finished file to hand over, or why there is none, each in the screen's own words.
 */
import { MantineProvider } from '@mantine/core';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { DeskApi, ExportJob } from '../../shared/api';
import { DeskApiContext } from '../api/desk-api-context';
import { mantineInJsdom } from '../testing/mantine-in-jsdom';
import { JobProgress, type JobWords } from './JobProgress';

mantineInJsdom();

const words: JobWords = {
  testId: 'range',
  what: 'the PDF',
  cancelled: 'Cancelled: the PDF was not kept.',
  stopped: 'The file stopped',
  progressLabel: 'Report file progress',
};

const running: ExportJob = {
  id: 7,
  kind: 'range-report',
  format: 'pdf',
  from: 0,
  to: 1,
  station: null,
  state: 'running',
  done: 1200,
  total: 4000,
  fileName: null,
  bytes: null,
  error: null,
};

function show(job: ExportJob, api: Partial<DeskApi>, onProblem = vi.fn()) {
  render(
    <MantineProvider>
      <DeskApiContext.Provider value={{ exportDelivery: 'download', ...api } as DeskApi}>
        <JobProgress job={job} words={words} onProblem={onProblem} />
      </DeskApiContext.Provider>
    </MantineProvider>,
  );
  return onProblem;
}

describe('a file job', () => {
  it('shows its progress and cancels it, saying why when the cancel is refused', async () => {
    const cancelExport = vi.fn(async () => ({
      ok: false as const,
      error: { code: 'NOT_FOUND', message: 'That export is gone.' },
    }));
    const onProblem = show(running, { cancelExport } as Partial<DeskApi>);
    expect(screen.getByTestId('range-progress').textContent).toContain(
      `Writing the PDF: ${(1200).toLocaleString()} of ${(4000).toLocaleString()} receipts`,
    );
    expect(screen.getByRole('progressbar', { name: 'Report file progress' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(onProblem).toHaveBeenCalledWith('That export is gone.'));
    expect(cancelExport).toHaveBeenCalledWith(7);
  });

  it('hands the finished file over', async () => {
    const openExport = vi.fn(async () => ({ ok: true as const, value: { fileName: 'a.pdf' } }));
    const onProblem = show({ ...running, state: 'done', done: 1, fileName: 'a.pdf', bytes: 2048 }, {
      openExport,
    } as Partial<DeskApi>);
    expect(screen.getByTestId('range-done').textContent).toContain('1 receipt, 2.0 KiB');
    fireEvent.click(screen.getByRole('button', { name: 'Download' }));
    await waitFor(() => expect(openExport).toHaveBeenCalledWith(7));
    expect(onProblem).not.toHaveBeenCalled();
  });

  it('says a cancelled job kept no file, and a failed one why it stopped', () => {
    const cancelled = { code: 'CANCELLED', message: 'You cancelled this export.' };
    show({ ...running, state: 'failed', error: cancelled }, {});
    expect(screen.getByTestId('range-cancelled').textContent).toBe(
      'Cancelled: the PDF was not kept.',
    );
    show({ ...running, state: 'failed', error: null }, {});
    expect(screen.getByTestId('range-problem').textContent).toContain('The file stopped.');
  });
});
