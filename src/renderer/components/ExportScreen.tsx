import { Alert, Button, Group, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { DatePickerInput, type DatesRangeValue } from '@mantine/dates';
import { useEffect, useState } from 'react';
import type { ExportFormat, ExportJob, ExportPreview, ExportRange } from '../../shared/api';
import { EXPORT_ZIP_MAX_RECEIPTS } from '../../shared/api';
import { useDeskApi } from '../api/desk-api-context';
import { formatBytes, formatCount } from '../format';
import { useExportJob } from '../state/export-job';
import { useExportJobStatus } from '../state/use-export-job';
import { JobProgress, type JobWords } from './JobProgress';
import { StationSelect } from './StationSelect';

const FORMATS: { value: ExportFormat; label: string; hint: string }[] = [
  {
    value: 'csv',
    label: 'Spreadsheet (CSV)',
    hint: 'One row per receipt with its time, station and text. Opens in Excel, Numbers or LibreOffice.',
  },
  {
    value: 'zip',
    label: 'Raw printer bytes (ZIP, for support)',
    hint: 'Each receipt exactly as the till sent it, one .bin file each, with a list of them. Send this when support asks for receipts.',
  },
];

/**
 * The receipts of a day or several, written to a file: a spreadsheet for the office, or the raw
 * printer bytes for a support case. Progress while it is written, then the file.
 */
export function ExportScreen() {
  const api = useDeskApi();
  const [days, setDays] = useState<DatesRangeValue<string>>([todayString(), todayString()]);
  const [station, setStation] = useState<string | null>(null);
  const [format, setFormat] = useState<ExportFormat>('csv');
  const [starting, setStarting] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const range = toRange(days, station);
  const preview = usePreview(range);
  const { jobId, setJobId } = useExportJob();
  const job = useExportJobStatus(jobId, setProblem);
  const running = job?.state === 'running';
  const tooManyForZip = format === 'zip' && (preview?.receipts ?? 0) > EXPORT_ZIP_MAX_RECEIPTS;

  const start = async () => {
    if (!range) return;
    setStarting(true);
    setProblem(null);
    const r = await api.startExport({ ...range, format });
    setStarting(false);
    if (r.ok) setJobId(r.value.id);
    else setProblem(r.error.message);
  };

  return (
    <Stack p="lg" gap="md" h="100%" style={{ overflow: 'auto' }} maw={880}>
      <Title order={2} size="h4">
        Export
      </Title>
      <Text c="dimmed" size="sm">
        The receipts of a day or several, as a file to keep, open in a spreadsheet, or send to
        support.
      </Text>
      <Group align="end" wrap="wrap">
        <DatePickerInput
          type="range"
          allowSingleDateInRange
          label="Days"
          placeholder="Pick a day"
          value={days}
          onChange={setDays}
          maxDate={todayString()}
          valueFormat="D MMM YYYY"
          w={300}
          data-testid="export-days"
        />
        <StationSelect value={station} onChange={setStation} width={200} />
      </Group>
      <Stack gap={6}>
        <Text size="sm" fw={500} id="export-format-label">
          File
        </Text>
        <SegmentedControl
          aria-labelledby="export-format-label"
          value={format}
          onChange={(v) => setFormat(v as ExportFormat)}
          data={FORMATS.map(({ value, label }) => ({ value, label }))}
          w="fit-content"
        />
        <Text size="sm" c="dimmed">
          {FORMATS.find((f) => f.value === format)?.hint}
        </Text>
      </Stack>
      <Text data-testid="export-count" aria-live="polite">
        {describeCount(range, preview)}
      </Text>
      {tooManyForZip ? (
        <Alert color="yellow" data-testid="export-too-many">
          A ZIP holds at most {formatCount(EXPORT_ZIP_MAX_RECEIPTS)} receipts. Pick fewer days or
          one station, or export these as a spreadsheet.
        </Alert>
      ) : null}
      <Button
        onClick={() => void start()}
        loading={starting}
        disabled={!range || running || preview?.receipts === 0 || tooManyForZip}
        w="fit-content"
      >
        Export
      </Button>
      {problem ? (
        <Alert color="red" title="The export could not be done" data-testid="export-problem">
          {problem}
        </Alert>
      ) : null}
      {job ? <JobProgress job={job} words={wordsFor(job)} onProblem={setProblem} /> : null}
    </Stack>
  );
}

/** The export job in this screen's words. */
function wordsFor(job: ExportJob): JobWords {
  return {
    testId: 'export',
    what: job.format === 'csv' ? 'the spreadsheet' : 'the ZIP',
    cancelled: 'Cancelled: no file was kept.',
    stopped: 'The export stopped',
    progressLabel: 'Export progress',
  };
}

/** How many receipts the chosen days hold, asked again when the choice changes. */
function usePreview(range: ExportRange | null): ExportPreview | null {
  const api = useDeskApi();
  const [preview, setPreview] = useState<ExportPreview | null>(null);
  const key = range ? `${range.from}-${range.to}-${range.station ?? ''}` : null;
  useEffect(() => {
    setPreview(null);
    if (!range) return;
    let current = true;
    void api.previewExport(range).then((r) => {
      if (current && r.ok) setPreview(r.value);
    });
    return () => {
      current = false;
    };
    // `range` is a fresh object each render; `key` says what it holds.
  }, [api, key]);
  return preview;
}

function describeCount(range: ExportRange | null, preview: ExportPreview | null): string {
  if (!range) return 'Pick the days to export.';
  if (!preview) return 'Counting the receipts…';
  const oneDay = range.to - range.from <= 25 * 3600 * 1000;
  const where = range.station ? ` at ${range.station}` : '';
  if (preview.receipts === 0) {
    return `No receipts${where} on ${oneDay ? 'this day' : 'these days'}: nothing to export.`;
  }
  const n = formatCount(preview.receipts);
  const noun = preview.receipts === 1 ? 'receipt' : 'receipts';
  return `${oneDay ? 'This day holds' : 'These days hold'} ${n} ${noun}${where} (${formatBytes(preview.bytes)} of printer data).`;
}

/** Local midnight of the first day to the local midnight after the last, in UTC ms. */
function toRange(days: DatesRangeValue<string>, station: string | null): ExportRange | null {
  const [first, last] = days;
  if (!first) return null;
  const from = midnight(first);
  const to = midnight(last ?? first, 1);
  return station ? { from, to, station } : { from, to };
}

/** Local midnight of a picked day (YYYY-MM-DD) plus `addDays`, in UTC ms (DST-safe). */
function midnight(day: string, addDays = 0): number {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(y, m - 1, d + addDays).getTime();
}

function todayString(): string {
  const d = new Date();
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}
