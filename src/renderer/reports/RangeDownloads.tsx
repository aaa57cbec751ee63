import { Alert, Button, Group, Paper, Progress, Text } from '@mantine/core';
import { useState } from 'react';
import type { ExportJob } from '../../shared/api';
import type { ReportFormat } from '../../shared/reports';
import { useDeskApi } from '../api/desk-api-context';
import { formatBytes, formatCount } from '../format';
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
  const cancel = async () => {
    if (!job) return;
    const r = await api.cancelExport(job.id);
    if (r.ok) setJobId(r.value.id);
    else setProblem(r.error.message);
  };
  const open = async () => {
    if (!job) return;
    const r = await api.openExport(job.id);
    if (!r.ok) setProblem(r.error.message);
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
      {job ? (
        <JobStatus
          job={job}
          delivery={api.exportDelivery}
          onCancel={() => void cancel()}
          onOpen={() => void open()}
        />
      ) : null}
    </>
  );
}

function JobStatus({
  job,
  delivery,
  onCancel,
  onOpen,
}: {
  job: ExportJob;
  delivery: 'show-in-folder' | 'download';
  onCancel: () => void;
  onOpen: () => void;
}) {
  const what = FORMATS.find((f) => f.format === job.format)?.what ?? 'the file';
  if (job.state === 'failed') {
    return job.error?.code === 'CANCELLED' ? (
      <Text size="sm" role="status" data-testid="range-cancelled">
        Cancelled: {what} was not kept.
      </Text>
    ) : (
      <Alert color="red" title="The file stopped" data-testid="range-problem">
        {job.error?.message ?? 'The file stopped.'}
      </Alert>
    );
  }
  if (job.state === 'running') {
    const share = job.total > 0 ? (job.done / job.total) * 100 : 0;
    return (
      <Paper withBorder p="md" data-testid="range-progress">
        <Group justify="space-between" mb="xs">
          <Text size="sm">
            Writing {what}: {formatCount(job.done)} of {formatCount(job.total)} receipts
          </Text>
          <Button size="compact-sm" variant="default" onClick={onCancel}>
            Cancel
          </Button>
        </Group>
        <Progress value={share} size="lg" striped animated aria-label="Report file progress" />
      </Paper>
    );
  }
  return (
    <Paper withBorder p="md" data-testid="range-done">
      <Group justify="space-between" wrap="wrap">
        <div>
          <Text fw={600}>{job.fileName}</Text>
          <Text size="sm" c="dimmed">
            {formatCount(job.done)} {job.done === 1 ? 'receipt' : 'receipts'},{' '}
            {formatBytes(job.bytes ?? 0)}
            {delivery === 'show-in-folder' ? ', in the exports folder' : ''}
          </Text>
        </div>
        <Button onClick={onOpen}>
          {delivery === 'show-in-folder' ? 'Show in folder' : 'Download'}
        </Button>
      </Group>
    </Paper>
  );
}
