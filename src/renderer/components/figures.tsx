/**
 * The pieces the money screens share: a figure on a tile, a table of labels and amounts, and a
 * day's hours beside the same weekday last week.
 */
import { Paper, Table, type TableProps, Text } from '@mantine/core';
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
