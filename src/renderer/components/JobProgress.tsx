import { Alert, Button, Group, Paper, Progress, Text } from '@mantine/core';
import type { ExportJob } from '../../shared/api';
import { useDeskApi } from '../api/desk-api-context';
import { formatBytes, formatCount } from '../format';

/** What a screen calls its file job, in the words and test ids that screen uses. */
export interface JobWords {
  /** Prefix of the test ids: `<prefix>-cancelled`, `-problem`, `-progress`, `-done`. */
  testId: string;
  /** The file while it is written: "Writing the PDF: 3 of 40 receipts". */
  what: string;
  /** The line shown once the job is cancelled. */
  cancelled: string;
  /** The alert's title when the job fails ("The export stopped"). */
  stopped: string;
  /** The progress bar's accessible name. */
  progressLabel: string;
}

/**
 * A file job beside its screen: the receipts written so far with a Cancel button, then the file
 * to download (or, in the desktop app, to show in its folder), or why there is none. A cancel or
 * a hand-over that fails says why through `onProblem`.
 */
export function JobProgress({
  job,
  words,
  onProblem,
}: {
  job: ExportJob;
  words: JobWords;
  onProblem: (message: string) => void;
}) {
  const api = useDeskApi();
  const delivery = api.exportDelivery;
  // The job's own polling sees it end as cancelled; only a refusal needs saying here.
  const cancel = async () => {
    const r = await api.cancelExport(job.id);
    if (!r.ok) onProblem(r.error.message);
  };
  const open = async () => {
    const r = await api.openExport(job.id);
    if (!r.ok) onProblem(r.error.message);
  };
  if (job.state === 'failed') {
    return job.error?.code === 'CANCELLED' ? (
      <Text size="sm" role="status" data-testid={`${words.testId}-cancelled`}>
        {words.cancelled}
      </Text>
    ) : (
      <Alert color="red" title={words.stopped} data-testid={`${words.testId}-problem`}>
        {job.error?.message ?? `${words.stopped}.`}
      </Alert>
    );
  }
  if (job.state === 'running') {
    const share = job.total > 0 ? (job.done / job.total) * 100 : 0;
    return (
      <Paper withBorder p="md" data-testid={`${words.testId}-progress`}>
        <Group justify="space-between" mb="xs">
          <Text size="sm">
            Writing {words.what}: {formatCount(job.done)} of {formatCount(job.total)} receipts
          </Text>
          <Button size="compact-sm" variant="default" onClick={() => void cancel()}>
            Cancel
          </Button>
        </Group>
        <Progress value={share} size="lg" striped animated aria-label={words.progressLabel} />
      </Paper>
    );
  }
  return (
    <Paper withBorder p="md" data-testid={`${words.testId}-done`}>
      <Group justify="space-between" wrap="wrap">
        <div>
          <Text fw={600}>{job.fileName}</Text>
          <Text size="sm" c="dimmed">
            {formatCount(job.done)} {job.done === 1 ? 'receipt' : 'receipts'},{' '}
            {formatBytes(job.bytes ?? 0)}
            {delivery === 'show-in-folder' ? ', in the exports folder' : ''}
          </Text>
        </div>
        <Button onClick={() => void open()}>
          {delivery === 'show-in-folder' ? 'Show in folder' : 'Download'}
        </Button>
      </Group>
    </Paper>
  );
}
