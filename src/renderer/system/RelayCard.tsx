/**
 * One destination of the relay as a gauge card, in the look of the System screen's gauges: its
 * name, its state in words and colour (with a note when it needs a look), its readings, and its
 * backlog over the last ten minutes as a line.
 */
import { Badge, Group, Paper, Text } from '@mantine/core';
import { useId, useMemo } from 'react';
import type { Metrics, PassThroughGauges, RelayGauges } from '../../shared/api';
import { RelayReadings } from '../relay/RelayReadings';
import { RELAY_STATE_WORDS } from '../relay/relay-words';
import { formatCount } from '../format';
import { HISTORY_MS, seriesOf } from '../state/metrics-history';
import { type GaugeStatus, STATE_COLOUR } from './gauge-list';
import { Sparkline } from './Sparkline';

const PLAIN_COLOUR = 'var(--plain-line)';

export function RelayCard({
  title,
  gauges,
  printer,
  status,
  samples,
  pick,
  testId,
}: {
  title: string;
  gauges: RelayGauges;
  printer?: PassThroughGauges;
  /** null: no state to colour (the relay is off). */
  status: GaugeStatus | null;
  samples: readonly Metrics[];
  /** This destination's backlog in a sample (null where it did not exist yet). */
  pick: (m: Metrics) => number | null;
  testId: string;
}) {
  const labelId = useId();
  const colour = status ? STATE_COLOUR[status.state] : PLAIN_COLOUR;
  const data = useMemo(() => seriesOf(samples, pick), [samples, pick]);
  const known = data[1].filter((v): v is number => v !== null);
  const spoken =
    known.length === 0
      ? `${title}, waiting: no readings yet`
      : `${title}, waiting over the last minutes: now ${formatCount(known.at(-1))}, highest ${formatCount(Math.max(...known))}`;
  const troubled = status !== null && status.state !== 'ok';
  const words = RELAY_STATE_WORDS[gauges.state];
  // The note only when it adds to the state in large letters ("1 refused", "Out of paper").
  const note = troubled && !words.toLowerCase().includes(status.note.toLowerCase());
  return (
    <Paper
      withBorder
      p="sm"
      role="group"
      aria-labelledby={labelId}
      data-testid={testId}
      data-state={status?.state ?? 'off'}
      style={status ? { boxShadow: `inset 4px 0 0 ${colour}` } : undefined}
    >
      <Group justify="space-between" gap={4} wrap="nowrap" align="flex-start">
        <Text id={labelId} size="xs" c="dimmed" tt="uppercase" fw={500}>
          {title}
        </Text>
        {note ? (
          <Badge variant="outline" color={colour} size="sm" className="gauge-note">
            {status?.note}
          </Badge>
        ) : null}
      </Group>
      <Text size="lg" fw={600} c={troubled ? colour : undefined} data-testid="relay-card-state">
        {words}
      </Text>
      <RelayReadings gauges={gauges} printer={printer} withState={false} />
      {gauges.state === 'disabled' ? (
        <Text size="sm" c="dimmed">
          Turned on in Settings › Cloud relay.
        </Text>
      ) : (
        <Sparkline data={data} label={spoken} colour={colour} windowS={HISTORY_MS / 1000} />
      )}
    </Paper>
  );
}
