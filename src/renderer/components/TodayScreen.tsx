import { Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useDeskValue } from '../api/desk-api-context';
import { formatCount } from '../format';
import { useDesk } from '../state/desk-store';
import { WeekChart } from './figures';
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
        <WeekChart data={data} weekday={weekday} height={260} wholeNumbers />
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
