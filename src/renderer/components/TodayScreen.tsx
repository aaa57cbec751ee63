import { Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
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
import { useDeskValue } from '../api/desk-api-context';
import { formatCount } from '../format';
import { useDesk } from '../state/desk-store';
import { TodayMoney } from './TodayMoney';

/**
 * Today so far: the business day's money first, then the receipts per hour and per station,
 * beside the same weekday last week.
 */
export function TodayScreen() {
  const total = useDesk((s) => s.stats?.receiptsToday);
  const drawerKicks = useDesk((s) => s.stats?.drawerKicksToday);
  // Asked again whenever the day's count moves.
  const day = useDeskValue((api) => api.getToday(), total);

  const sum = (xs: number[] | undefined) => (xs ?? []).reduce((a, b) => a + b, 0);
  const today = sum(day?.hours);
  const lastWeek = sum(day?.lastWeekHours);
  const weekday = day ? new Date(day.day).toLocaleDateString(undefined, { weekday: 'long' }) : '';
  const data = (day?.hours ?? []).map((n, h) => ({
    hour: `${String(h).padStart(2, '0')}:00`,
    Today: n,
    [`Last ${weekday}`]: day!.lastWeekHours[h],
  }));

  return (
    <Stack p="lg" gap="lg" className="today-screen">
      <Title order={2} size="h4">
        Today{day ? `, ${new Date(day.day).toLocaleDateString()}` : ''}
      </Title>
      <TodayMoney />
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
        <Paper withBorder p="sm">
          <Text size="xs" c="dimmed" tt="uppercase">
            Receipts today
          </Text>
          <Text size="xl" fw={600} data-testid="today-total">
            {formatCount(day ? today : null)}
          </Text>
        </Paper>
        <Paper withBorder p="sm">
          <Text size="xs" c="dimmed" tt="uppercase">
            Last {weekday || 'week'}
          </Text>
          <Text size="xl" fw={600}>
            {formatCount(day ? lastWeek : null)}
          </Text>
        </Paper>
        <Paper withBorder p="sm">
          <Text size="xs" c="dimmed" tt="uppercase">
            Cash drawer opened today
          </Text>
          <Text size="xl" fw={600}>
            {formatCount(drawerKicks)}
          </Text>
        </Paper>
      </SimpleGrid>
      <Paper withBorder p="sm" role="figure" aria-label="Receipts per hour">
        <Text size="sm" fw={600} mb="xs">
          Receipts per hour
        </Text>
        <div style={{ width: '100%', height: 260 }}>
          <ResponsiveContainer>
            <BarChart data={data}>
              <CartesianGrid strokeDasharray="3 3" stroke="var(--line)" />
              <XAxis dataKey="hour" tick={{ fontSize: 11, fill: 'var(--muted)' }} interval={1} />
              <YAxis allowDecimals={false} tick={{ fontSize: 11, fill: 'var(--muted)' }} />
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
      </Paper>
      <Table withTableBorder striped aria-label="Receipts per station">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Station</Table.Th>
            <Table.Th>Today</Table.Th>
            <Table.Th>Last {weekday || 'week'}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {day?.stations.map((s) => (
            <Table.Tr key={s.station}>
              <Table.Td>{s.station}</Table.Td>
              <Table.Td>{formatCount(s.receipts)}</Table.Td>
              <Table.Td>{formatCount(s.lastWeek)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
