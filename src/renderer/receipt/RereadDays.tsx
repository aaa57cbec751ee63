import { Group, Select, TextInput } from '@mantine/core';
import { useEffect, useState } from 'react';
import { businessToday, daysBefore } from '../business-day';

export interface DayRange {
  from: string;
  to: string;
}

const CHOICES = [
  { value: '0', label: 'This business day' },
  { value: '6', label: 'The last 7 days' },
  { value: '29', label: 'The last 30 days' },
  { value: 'custom', label: 'Days I choose…' },
  { value: 'none', label: 'Only receipts from now on' },
];

/**
 * Which business days a saved profile reads again: today's, the last week's or month's, days
 * the manager picks, or none. Reports `null` for none.
 */
export function RereadDays({
  dayStart,
  onChange,
}: {
  /** When the business day starts ("04:00"): 01:30 still reads yesterday. */
  dayStart: string;
  onChange: (range: DayRange | null) => void;
}) {
  const today = businessToday(dayStart);
  const [choice, setChoice] = useState('0');
  const [days, setDays] = useState<DayRange>({ from: today, to: today });
  useEffect(() => {
    if (choice === 'none') onChange(null);
    else if (choice === 'custom') onChange(days.from <= days.to ? days : null);
    else onChange({ from: daysBefore(today, Number(choice)), to: today });
  }, [choice, days, today, onChange]);
  return (
    <Group gap="xs" align="flex-end">
      <Select
        label="Read again with it"
        data={CHOICES}
        value={choice}
        onChange={(v) => setChoice(v ?? '0')}
        allowDeselect={false}
        w={220}
        size="xs"
      />
      {choice === 'custom'
        ? (['from', 'to'] as const).map((end) => (
            <TextInput
              key={end}
              type="date"
              size="xs"
              label={end === 'from' ? 'From' : 'To'}
              value={days[end]}
              min={end === 'to' ? days.from : undefined}
              max={end === 'from' ? days.to : undefined}
              onChange={(e) => setDays({ ...days, [end]: e.currentTarget.value })}
            />
          ))
        : null}
    </Group>
  );
}
