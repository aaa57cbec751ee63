/**
 * The pieces the money screens share: a figure on a tile, the key figures of a day or a range, a
 * table of labels and amounts (with the rows for the payment mix and the top items), and a day's
 * hours beside the same weekday last week.
 */
import { Paper, SimpleGrid, Table, type TableProps, Text } from '@mantine/core';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { DailyReport } from '../../shared/reports';
import { PAYMENT_METHOD_NAMES } from '../../shared/sales';

/** One figure on a tile: a small label over its value. */
export function FigureTile({
  label,
  value,
  strong,
}: {
  label: string;
  value: string;
  strong?: boolean;
}) {
  return (
    <Paper withBorder p="sm">
      <Text size="xs" c="dimmed" tt="uppercase">
        {label}
      </Text>
      <Text size="xl" fw={strong ? 700 : 600}>
        {value}
      </Text>
    </Paper>
  );
}

/** The figures a day's report and a range's report both lead with. */
type KeyFigureValues = Pick<
  DailyReport,
  'total' | 'netSales' | 'tax' | 'tips' | 'saleCount' | 'averageSale' | 'refunds'
>;

/**
 * A report's key figures on tiles, four to a row: what was collected, net sales, tax, tips, the
 * number of sales (written by `count`), the average sale and refunds, then the report's own
 * eighth tile (`last`).
 */
export function KeyFigures({
  figures,
  money,
  count,
  last,
  testId,
}: {
  figures: KeyFigureValues;
  money: (v: number | null) => string;
  count: (n: number) => string;
  last: { label: string; value: string };
  testId: string;
}) {
  return (
    <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm" data-testid={testId}>
      <FigureTile label="Total collected" value={money(figures.total)} strong />
      <FigureTile label="Net sales" value={money(figures.netSales)} strong />
      <FigureTile label="Tax" value={money(figures.tax)} />
      <FigureTile label="Tips" value={money(figures.tips)} />
      <FigureTile label="Sales" value={count(figures.saleCount)} />
      <FigureTile label="Average sale" value={money(figures.averageSale)} />
      <FigureTile label="Refunds" value={money(figures.refunds)} />
      <FigureTile label={last.label} value={last.value} />
    </SimpleGrid>
  );
}

/** The payment mix as FigureTable rows: each method's name and amount. */
export function paymentRows(
  payments: DailyReport['payments'],
  money: (v: number) => string,
): [string, string][] {
  return Object.entries(payments).map(([m, v]): [string, string] => [
    PAYMENT_METHOD_NAMES[m as keyof typeof PAYMENT_METHOD_NAMES],
    money(v ?? 0),
  ]);
}

/** The first `top` items (highest sales first) as FigureTable rows: "Burger ×45" and its sales. */
export function itemRows(
  items: DailyReport['items'],
  top: number,
  money: (v: number) => string,
): [string, string][] {
  return items
    .slice(0, top)
    .map((i): [string, string] => [`${i.name} ×${i.quantity}`, money(i.sales)]);
}

/** Labels and amounts, the amounts right-aligned in a monospace font so their digits line up. */
export function FigureTable({
  rows,
  ...table
}: { rows: [string, string][] } & Omit<TableProps, 'children'>) {
  return (
    <Table {...table}>
      <Table.Tbody>
        {rows.map(([label, value], k) => (
          <Table.Tr key={k}>
            <Table.Td>{label}</Table.Td>
            <Table.Td ta="right" ff="monospace">
              {value}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** Bars per hour: today's beside the same weekday last week's (`weekday` names it). */
export function WeekChart({
  data,
  weekday,
  height,
  wholeNumbers = false,
}: {
  data: Record<string, string | number>[];
  weekday: string;
  height: number;
  wholeNumbers?: boolean;
}) {
  return (
    <div style={{ width: '100%', height }}>
      <ResponsiveContainer>
        <BarChart data={data}>
          <CartesianGrid strokeDasharray="3 3" stroke="var(--line)" />
          <XAxis dataKey="hour" tick={{ fontSize: 11, fill: 'var(--muted)' }} interval={1} />
          <YAxis allowDecimals={!wholeNumbers} tick={{ fontSize: 11, fill: 'var(--muted)' }} />
          <Tooltip />
          {/* Legend text in the page's ink: the series colours are too pale for text. */}
          <Legend formatter={(name) => <span style={{ color: 'var(--ink)' }}>{name}</span>} />
          <Bar dataKey="Today" fill="var(--accent)" isAnimationActive={false} />
          <Bar
            dataKey={`Last ${weekday}`}
            fill="var(--mantine-color-gray-6)"
            isAnimationActive={false}
          />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
