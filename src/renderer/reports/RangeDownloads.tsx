import { Alert, Button, Group } from '@mantine/core';
import { useState } from 'react';
import type { ExportJob } from '../../shared/api';
import type { ReportFormat } from '../../shared/reports';
import { useDeskApi } from '../api/desk-api-context';
import { JobProgress, type JobWords } from '../components/JobProgress';
import { useExportJobStatus } from '../state/use-export-job';
import type { DayRange } from './report-range';

const FORMATS: { format: ReportFormat; label: string; what: string }[] = [
  { format: 'pdf', label: 'PDF to print', what: 'the PDF' },
  { format: 'xlsx', label: 'Spreadsheet (XLSX)', what: 'the spreadsheet' },
  { format: 'csv', label: 'CSV', what: 'the CSV' },
];

/**
 * The range as a file: each button starts the file as an export job, written beside capture;
 * its progress (receipts written of the range's), a Cancel button, then the file to download
 * (or, in the desktop app, to show in its folder).
 */
export function RangeDownloads({ range, station }: { range: DayRange; station: string | null }) {
  const api = useDeskApi();
  const [jobId, setJobId] = useState<number | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const job = useExportJobStatus(jobId, setProblem);
  const running = job?.state === 'running';

  const start = async (format: ReportFormat) => {
    setProblem(null);
    const r = await api.startRangeReport({ ...range, ...(station ? { station } : {}), format });
    if (r.ok) setJobId(r.value.id);
    else setProblem(r.error.message);
  };

  return (
    <>
      <Group gap="xs" aria-label="Download the range">
        {FORMATS.map((f) => (
          <Button
            key={f.format}
            variant={f.format === 'pdf' ? 'filled' : 'default'}
            size="sm"
            disabled={running}
            onClick={() => void start(f.format)}
          >
            {f.label}
          </Button>
        ))}
      </Group>
      {problem ? (
        <Alert color="red" title="The file could not be made" data-testid="range-problem">
          {problem}
        </Alert>
      ) : null}
      {job ? <JobProgress job={job} words={wordsFor(job)} onProblem={setProblem} /> : null}
    </>
  );
}

/** The job in this panel's words: the file named by its format. */
function wordsFor(job: ExportJob): JobWords {
  const what = FORMATS.find((f) => f.format === job.format)?.what ?? 'the file';
  return {
    testId: 'range',
    what,
    cancelled: `Cancelled: ${what} was not kept.`,
    stopped: 'The file stopped',
    progressLabel: 'Report file progress',
  };
}
