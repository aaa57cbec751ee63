import {
  ActionIcon,
  Alert,
  Group,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { DatePickerInput, type DatesRangeValue } from '@mantine/dates';
import { useEffect, useState } from 'react';
import type { RangeReport } from '../../shared/range-reports';
import { useDeskApi } from '../api/desk-api-context';
import { FigureTable, itemRows, KeyFigures, paymentRows } from '../components/figures';
import { StationSelect } from '../components/StationSelect';
import { formatCount, moneyOrDash } from '../format';
import { RangeDownloads } from './RangeDownloads';
import { type DayRange, describeRange, monthOf, shiftRange, weekOf } from './report-range';

/**
 * Several business days at once: a week (Monday to Sunday), a month, or the days picked, with
 * one station or all. The sums on screen, a row per day, the payment mix and the top items, and
 * the range as a PDF, XLSX or CSV file.
 */
export function RangeReportPanel({
  period,
  today,
}: {
  period: 'week' | 'month' | 'custom';
  /** Today's business day: where the week or month starts out. */
  today: string;
}) {
  const api = useDeskApi();
  const [anchor, setAnchor] = useState(today);
  const [picked, setPicked] = useState<DatesRangeValue<string>>([today, today]);
  const [station, setStation] = useState<string | null>(null);
  const [report, setReport] = useState<RangeReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const range: DayRange | null =
    period === 'week'
      ? weekOf(anchor)
      : period === 'month'
        ? monthOf(anchor)
        : picked[0]
          ? { from: picked[0], to: picked[1] ?? picked[0] }
          : null;
  const key = range ? `${range.from}|${range.to}|${station ?? ''}` : null;

  useEffect(() => {
    setReport(null);
    setError(null);
    if (!range) return;
    let current = true;
    void api.getRangeReport({ ...range, ...(station ? { station } : {}) }).then((r) => {
      if (!current) return;
      setReport(r.ok ? r.value : null);
      setError(r.ok ? null : r.error.message);
    });
    return () => {
      current = false;
    };
    // `range` is a fresh object each render; `key` says what it holds.
  }, [api, key]);

  const money = moneyOrDash(report?.currency ?? null);
  const step = (n: number) => {
    if (period !== 'custom') setAnchor(shiftRange(period, anchor, n).from);
  };
  const noun = period === 'week' ? 'week' : 'month';
  return (
    <Stack gap="md">
      <Group align="end" gap="md">
        {period === 'custom' ? (
          <DatePickerInput
            type="range"
            allowSingleDateInRange
            label="Business days"
            value={picked}
            onChange={setPicked}
            valueFormat="D MMM YYYY"
            w={300}
            data-testid="report-range-days"
          />
        ) : (
          <Group gap={6} align="center">
            <ActionIcon
              variant="default"
              size="lg"
              aria-label={`Previous ${noun}`}
              onClick={() => step(-1)}
            >
              ‹
            </ActionIcon>
            <Text fw={600} miw={220} ta="center" data-testid="report-range-label">
              {range ? describeRange(range) : ''}
            </Text>
            <ActionIcon
              variant="default"
              size="lg"
              aria-label={`Next ${noun}`}
              onClick={() => step(1)}
            >
              ›
            </ActionIcon>
          </Group>
        )}
        <StationSelect value={station} onChange={setStation} width={200} />
      </Group>
      {range ? <RangeDownloads range={range} station={station} /> : null}
      {error ? (
        <Alert color="red" title="The report could not be made">
          {error}
        </Alert>
      ) : null}
      {report ? (
        <RangeSummary report={report} money={money} />
      ) : range && !error ? (
        // A month of a busy restaurant takes a few seconds to add up.
        <Text size="sm" c="dimmed" role="status">
          Adding up the days…
        </Text>
      ) : null}
    </Stack>
  );
}

function RangeSummary({
  report,
  money,
}: {
  report: RangeReport;
  money: (v: number | null) => string;
}) {
  return (
    <>
      <Text size="sm" c="dimmed">
        {report.restaurantName ? `${report.restaurantName} · ` : ''}
        {report.days.length} business days, each from {report.dayStart} ({report.timezone}) ·{' '}
        {formatCount(report.receiptCount)} receipts
      </Text>
      <KeyFigures
        figures={report}
        money={money}
        count={formatCount}
        last={{ label: 'Could not be read', value: formatCount(report.unparsedCount) }}
        testId="range-key-figures"
      />
      <Paper withBorder p="sm">
        <Title order={3} size="h5" mb="xs">
          Days
        </Title>
        <Table striped data-testid="range-days" ff="monospace" fz="sm">
          <Table.Thead>
            <Table.Tr>
              {['Business day', 'Receipts', 'Net sales', 'Tax', 'Tips', 'Total'].map((h, k) => (
                <Table.Th key={h} ta={k === 0 ? 'left' : 'right'}>
                  {h}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {report.days.map((d) => (
              <Table.Tr key={d.businessDay}>
                <Table.Td>{describeRange({ from: d.businessDay, to: d.businessDay })}</Table.Td>
                <Table.Td ta="right">{formatCount(d.receiptCount)}</Table.Td>
                <Table.Td ta="right">{money(d.netSales)}</Table.Td>
                <Table.Td ta="right">{money(d.tax)}</Table.Td>
                <Table.Td ta="right">{money(d.tips)}</Table.Td>
                <Table.Td ta="right">{money(d.total)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Paper>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <Paper withBorder p="sm">
          <Title order={3} size="h5" mb="xs">
            Payments
          </Title>
          <FigureTable
            data-testid="range-payments"
            rows={[
              ...paymentRows(report.payments, money),
              ['Total collected', money(report.total)],
            ]}
          />
        </Paper>
        <Paper withBorder p="sm">
          <Title order={3} size="h5" mb="xs">
            Top items
          </Title>
          {report.items.length === 0 ? (
            <Text size="sm" c="dimmed">
              No items were read.
            </Text>
          ) : (
            <FigureTable rows={itemRows(report.items, 10, money)} />
          )}
        </Paper>
      </SimpleGrid>
    </>
  );
}
