import { formatCount } from '../format';
import { useDesk } from '../state/desk-store';

export function StatsBar() {
  const stats = useDesk((s) => s.stats);
  return (
    <dl className="stats" aria-label="Receipt counts">
      <Stat label="Today" value={formatCount(stats?.receiptsToday)} testId="stat-today" />
      <Stat label="All receipts" value={formatCount(stats?.receiptsTotal)} testId="stat-total" />
      <Stat label="Failed" value={formatCount(stats?.failedTotal)} testId="stat-failed" />
      <Stat label="Truncated" value={formatCount(stats?.truncatedTotal)} testId="stat-truncated" />
    </dl>
  );
}

function Stat({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <div className="stat">
      <dt>{label}</dt>
      <dd data-testid={testId}>{value}</dd>
    </div>
  );
}
