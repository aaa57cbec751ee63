import { Paper, SimpleGrid, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { DailyReport } from '../../shared/reports';
import { currencyDigits } from '../../shared/sales';
import { useDeskApi } from '../api/desk-api-context';
import { daysBefore } from '../business-day';
import { moneyOrDash } from '../format';
import { useDesk } from '../state/desk-store';
import { useBusinessToday } from '../state/use-business-today';
import { FigureTable, FigureTile, itemRows, paymentRows, WeekChart } from './figures';

/** How often the day's money is asked again while the screen is open (figures come in behind). */
const REFRESH_MS = 5_000;

/**
 * The business day's money so far, first on the Today screen: net sales, what was collected,
 * tax, tips, the average sale, the payment mix, sales per hour against the same weekday last
 * week, the top items and each station's sales.
 */
export function TodayMoney() {
  const api = useDeskApi();
  const receiptsToday = useDesk((s) => s.stats?.receiptsToday);
  const day = useBusinessToday();
  const [today, setToday] = useState<DailyReport | null>(null);
  const [lastWeek, setLastWeek] = useState<DailyReport | null>(null);
  const [tick, setTick] = useState(0);

  useEffect(() => {
    const timer = setInterval(() => setTick((t) => t + 1), REFRESH_MS);
    return () => clearInterval(timer);
  }, []);

  useEffect(() => {
    if (day === null) return;
    let current = true;
    void api.getDailyReport({ date: day }).then((r) => {
      if (current && r.ok) setToday(r.value);
    });
    return () => {
      current = false;
    };
  }, [api, day, receiptsToday, tick]);

  useEffect(() => {
    if (day === null) return;
    void api.getDailyReport({ date: daysBefore(day, 7) }).then((r) => {
      if (r.ok) setLastWeek(r.value);
    });
  }, [api, day]);

  if (!today) return null;
  const money = moneyOrDash(today.currency);
  const weekday = new Date(`${today.businessDay}T12:00:00`).toLocaleDateString(undefined, {
    weekday: 'long',
  });
  const unit = 10 ** currencyDigits(today.currency);
  const hours = today.hourly.map((h, k) => ({
    hour: `${String(h.hour).padStart(2, '0')}:00`,
    Today: h.sales / unit,
    [`Last ${weekday}`]: (lastWeek?.hourly[k]?.sales ?? 0) / unit,
  }));
  return (
    <>
      <SimpleGrid cols={{ base: 2, sm: 3, lg: 6 }} spacing="sm" data-testid="today-money">
        <FigureTile label="Net sales" value={money(today.netSales)} strong />
        <FigureTile label="Collected" value={money(today.total)} />
        <FigureTile label="Tax" value={money(today.tax)} />
        <FigureTile label="Tips" value={money(today.tips)} />
        <FigureTile label="Average sale" value={money(today.averageSale)} />
        <FigureTile label="Sales" value={String(today.saleCount)} />
      </SimpleGrid>
      <Paper withBorder p="sm" role="figure" aria-label="Sales per hour">
        <Text size="sm" fw={600} mb="xs">
          Sales per hour (net)
        </Text>
        <WeekChart data={hours} weekday={weekday} height={220} />
      </Paper>
      <SimpleGrid cols={{ base: 1, md: 3 }} spacing="sm">
        <Listing label="Payments" rows={paymentRows(today.payments, money)} />
        <Listing label="Top items" rows={itemRows(today.items, 5, money)} />
        <Listing
          label="Sales per station"
          rows={today.stations.map((s) => [s.station, money(s.sales)])}
        />
      </SimpleGrid>
    </>
  );
}

function Listing({ label, rows }: { label: string; rows: [string, string][] }) {
  return (
    <Paper withBorder p="sm">
      <Text size="sm" fw={600} mb="xs">
        {label}
      </Text>
      {rows.length === 0 ? (
        <Text size="sm" c="dimmed">
          None yet today.
        </Text>
      ) : (
        <FigureTable aria-label={label} rows={rows} />
      )}
    </Paper>
  );
}
