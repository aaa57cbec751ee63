/** One gauge: its reading, its state in words and colour, and its last ten minutes as a line. */
import { Badge, Group, Paper, Text } from '@mantine/core';
import { useId, useMemo } from 'react';
import type { Metrics } from '../../shared/api';
import { HISTORY_MS, seriesOf } from '../state/metrics-history';
import { type GaugeDef, STATE_COLOUR } from './gauge-list';
import { Sparkline } from './Sparkline';

/** The line of a gauge without limits: a neutral blue (styles.css), clear in either theme. */
const PLAIN_COLOUR = 'var(--plain-line)';

export function GaugeCard({
  def,
  current,
  samples,
}: {
  def: GaugeDef;
  current: Metrics | null;
  samples: readonly Metrics[];
}) {
  const labelId = useId();
  const status = current && def.status ? def.status(current) : null;
  const colour = status ? STATE_COLOUR[status.state] : PLAIN_COLOUR;
  const data = useMemo(() => seriesOf(samples, def.point), [samples, def]);
  const spoken = describe(def, data);

  return (
    <Paper
      withBorder
      p="sm"
      role="group"
      aria-labelledby={labelId}
      data-testid="gauge"
      data-gauge={def.id}
      data-state={status?.state}
      // An inset bar in the state's colour; a border would shift the text of stated gauges.
      style={status ? { boxShadow: `inset 4px 0 0 ${colour}` } : undefined}
    >
      <Group justify="space-between" gap={4} wrap="nowrap" align="flex-start">
        <Text id={labelId} size="xs" c="dimmed" tt="uppercase" fw={500}>
          {def.label}
        </Text>
        {status && status.state !== 'ok' ? (
          <Badge variant="outline" color={colour} size="sm" className="gauge-note">
            {status.note}
          </Badge>
        ) : null}
      </Group>
      <Text
        size="xl"
        fw={600}
        className="gauge-value"
        c={status && status.state !== 'ok' ? colour : undefined}
        data-testid="gauge-value"
      >
        {current ? def.value(current) : '–'}
      </Text>
      <Sparkline
        data={data}
        label={spoken}
        colour={colour}
        ceiling={current && def.ceiling ? def.ceiling(current) : 0}
        windowS={HISTORY_MS / 1000}
      />
    </Paper>
  );
}

/** "Connections, last 10 minutes: now 3, highest 12" (or "no readings yet"). */
function describe(def: GaugeDef, [times, values]: [number[], (number | null)[]]): string {
  const span = times.length > 1 ? times[times.length - 1] - times[0] : 0;
  const minutes = Math.round(span / 60);
  const spanText =
    span < 60 ? `${Math.round(span)} seconds` : minutes === 1 ? 'minute' : `${minutes} minutes`;
  const head = times.length < 2 ? def.label : `${def.label}, last ${spanText}`;
  const known = values.filter((v): v is number => v !== null);
  if (known.length === 0) return `${head}: no readings yet`;
  const now = known[known.length - 1];
  const highest = Math.max(...known);
  return `${head}: now ${def.say(now)}, highest ${def.say(highest)}`;
}
