import {
  Alert,
  Button,
  Group,
  Paper,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
import { useEffect, useState } from 'react';
import type { DailyReport, ReportFormat } from '../../shared/reports';
import { useDeskApi } from '../api/desk-api-context';
import { moneyOrDash } from '../format';
import { useDesk } from '../state/desk-store';
import { useBusinessToday } from '../state/use-business-today';
import { FigureTable, KeyFigures, paymentRows } from './figures';
import { StationSelect } from './StationSelect';
import { RangeReportPanel } from '../reports/RangeReportPanel';
import type { Period } from '../reports/report-range';

const DOWNLOADS: { format: ReportFormat; label: string }[] = [
  { format: 'pdf', label: 'PDF to print' },
  { format: 'xlsx', label: 'Spreadsheet (XLSX)' },
  { format: 'csv', label: 'CSV' },
];

const PERIODS: { value: Period; label: string }[] = [
  { value: 'day', label: 'Day' },
  { value: 'week', label: 'Week' },
  { value: 'month', label: 'Month' },
  { value: 'custom', label: 'From – to' },
];

/** A business day's report, or a week's, a month's or any range's. */
export function ReportsScreen() {
  const [period, setPeriod] = useState<Period>('day');
  const today = useBusinessToday();
  return (
    <Stack p="lg" gap="md" className="reports-screen">
      <Group justify="space-between" align="center">
        <Title order={2} size="h4">
          Reports
        </Title>
        <SegmentedControl
          aria-label="Report period"
          value={period}
          onChange={(v) => setPeriod(v as Period)}
          data={PERIODS}
        />
      </Group>
      {period === 'day' ? (
        <DayReport />
      ) : today ? (
        <RangeReportPanel key={period} period={period} today={today} />
      ) : null}
    </Stack>
  );
}

/**
 * A business day's figures as the daily report has them: the day's money, the payment mix, the
 * tills' Z reports against the receipts, and every receipt that could not be read (one click
 * opens it). Downloads as PDF, XLSX and CSV where the page can download.
 */
function DayReport() {
  const api = useDeskApi();
  const today = useBusinessToday();
  // The day picked, else today's once the settings have come.
  const [picked, setDate] = useState<string | null>(null);
  const date = picked ?? today;
  const [station, setStation] = useState<string | null>(null);
  const [report, setReport] = useState<DailyReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  // Receipts stored since: the report is asked again as they come.
  const receiptsToday = useDesk((s) => s.stats?.receiptsToday);

  useEffect(() => {
    if (date === null) return;
    let current = true;
    void api.getDailyReport({ date, ...(station ? { station } : {}) }).then((r) => {
      if (!current) return;
      setReport(r.ok ? r.value : null);
      setError(r.ok ? null : r.error.message);
    });
    return () => {
      current = false;
    };
  }, [api, date, station, receiptsToday]);

  const money = moneyOrDash(report?.currency ?? null);
  return (
    <Stack gap="md">
      <Group align="end" gap="md">
        <DatePickerInput
          label="Business day"
          value={date}
          onChange={setDate}
          valueFormat="ddd D MMM YYYY"
          w={220}
          data-testid="report-day"
        />
        <StationSelect value={station} onChange={setStation} width={200} />
        {report ? (
          <Group gap="xs" aria-label="Download the report">
            {DOWNLOADS.map((d) => {
              const day = { date: report.businessDay, ...(station ? { station } : {}) };
              const variant = d.format === 'pdf' ? 'filled' : 'default';
              // A browser downloads the file; the desktop app saves it into the exports folder
              // and shows it there.
              return api.reportFileUrl ? (
                <Button
                  key={d.format}
                  component="a"
                  href={api.reportFileUrl(day, d.format)}
                  download
                  variant={variant}
                  size="sm"
                >
                  {d.label}
                </Button>
              ) : (
                <Button
                  key={d.format}
                  variant={variant}
                  size="sm"
                  onClick={() =>
                    void api.saveDailyReport({ ...day, format: d.format }).then((r) => {
                      setSaved(r.ok ? `Saved as ${r.value.fileName} in the exports folder.` : null);
                      setError(r.ok ? null : r.error.message);
                    })
                  }
                >
                  {d.label}
                </Button>
              );
            })}
          </Group>
        ) : null}
      </Group>
      {saved ? (
        <Text size="sm" role="status">
          {saved}
        </Text>
      ) : null}
      {error ? (
        <Alert color="red" title="The report could not be made">
          {error}
        </Alert>
      ) : null}
      {report ? (
        <>
          <Text size="sm" c="dimmed">
            {report.restaurantName ? `${report.restaurantName} · ` : ''}
            from {report.dayStart} ({report.timezone}) · {report.receiptCount} receipts
          </Text>
          <KeyFigures
            figures={report}
            money={money}
            count={String}
            last={{ label: 'Discounts', value: money(report.discounts) }}
            testId="report-key-figures"
          />
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
            <Paper withBorder p="sm">
              <Title order={3} size="h5" mb="xs">
                Payments
              </Title>
              {Object.keys(report.payments).length === 0 ? (
                <Text size="sm" c="dimmed">
                  No payments on this day.
                </Text>
              ) : null}
              <FigureTable
                data-testid="report-payments"
                rows={paymentRows(report.payments, money)}
              />
            </Paper>
            <Paper withBorder p="sm">
              <Title order={3} size="h5" mb="xs">
                Z report against the receipts
              </Title>
              {report.zReport ? (
                <Table data-testid="report-z">
                  <Table.Tbody>
                    {report.zReport.lines.map((l) => (
                      <Table.Tr key={l.figure}>
                        <Table.Td>{l.figure}</Table.Td>
                        <Table.Td ta="right">
                          {l.difference === 0 ? (
                            'agrees'
                          ) : (
                            <Text span fw={700} className="figures-problem">
                              differs by{' '}
                              {l.figure === 'Receipts' ? l.difference : money(l.difference)}
                            </Text>
                          )}
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              ) : (
                <Text size="sm" c="dimmed">
                  No Z report was printed for this day.
                </Text>
              )}
            </Paper>
          </SimpleGrid>
          <Paper withBorder p="sm">
            <Title order={3} size="h5" mb="xs">
              Receipts whose total could not be read ({report.unparsedCount})
            </Title>
            {report.unparsed.length === 0 ? (
              <Text size="sm" c="dimmed">
                None: every sale and refund was read.
              </Text>
            ) : (
              <Stack gap={4} data-testid="report-unparsed">
                {report.unparsed.map((u) => (
                  <Group key={u.id} gap="sm">
                    <Button
                      size="compact-sm"
                      variant="default"
                      onClick={() => useDesk.getState().openReceipt(u.id)}
                    >
                      Receipt {u.id}
                    </Button>
                    <Text size="sm">
                      {u.station} · {u.reason}
                    </Text>
                  </Group>
                ))}
              </Stack>
            )}
          </Paper>
        </>
      ) : null}
    </Stack>
  );
}
