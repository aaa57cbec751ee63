import { Button, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { DatePickerInput, type DatesRangeValue } from '@mantine/dates';
import { useEffect, useRef, useState } from 'react';
import type { ReceiptQuery, ReceiptSummary } from '../../shared/api';
import { useDeskApi } from '../api/desk-api-context';
import { ReceiptCard } from './ReceiptCard';
import { StationSelect } from './StationSelect';

/**
 * Results follow the typing this soon after the last key. Short, because the whole wait from the
 * last key to the results is to stay under 150 ms (the target); the pause only merges keys
 * typed faster than this, and a query costs a few ms (BENCHMARKS.md, "UI (issue 4)").
 */
const TYPING_PAUSE_MS = 60;
const PAGE = 50;

interface Found {
  items: ReceiptSummary[];
  nextCursor: string | null;
  ms: number;
}

/**
 * Full-text search over every stored receipt: words, numbers and codes as typed (A-1043, 12/05),
 * narrowed by days and station. Results come as you type, newest first.
 */
export function SearchScreen() {
  const api = useDeskApi();
  const [text, setText] = useState('');
  const [days, setDays] = useState<DatesRangeValue<string>>([null, null]);
  const [station, setStation] = useState<string | null>(null);
  const [found, setFound] = useState<Found | null>(null);
  const [error, setError] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => input.current?.focus(), []);

  const query = (): ReceiptQuery => {
    const q: ReceiptQuery = { limit: PAGE };
    if (text.trim()) q.q = text.trim();
    if (days[0]) q.from = startOf(days[0]);
    if (days[1] ?? days[0]) q.to = startOf(days[1] ?? days[0]!) + 24 * 3600 * 1000;
    if (station) q.station = station;
    return q;
  };

  useEffect(() => {
    let current = true;
    const timer = setTimeout(() => {
      const started = performance.now();
      void api.listReceipts(query()).then((r) => {
        if (!current) return;
        if (r.ok) {
          setFound({ ...r.value, ms: performance.now() - started });
          setError(null);
        } else {
          setError(r.error.message);
        }
      });
    }, TYPING_PAUSE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
    // query() reads exactly these.
  }, [api, text, days, station]);

  const more = async () => {
    if (!found?.nextCursor) return;
    const r = await api.listReceipts({ ...query(), before: found.nextCursor });
    if (r.ok)
      setFound({
        ...found,
        items: [...found.items, ...r.value.items],
        nextCursor: r.value.nextCursor,
      });
  };

  return (
    <Stack p="lg" gap="md" className="search-screen">
      <Title order={2} size="h4">
        Search
      </Title>
      <Group align="end" wrap="wrap">
        <TextInput
          ref={input}
          label="Words, numbers or codes on the receipt"
          placeholder="A-1043, Tiramisu, 12.50"
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          w={360}
          data-testid="search-input"
        />
        <DatePickerInput
          type="range"
          label="Days"
          placeholder="Any day"
          value={days}
          onChange={setDays}
          clearable
          w={260}
        />
        <StationSelect value={station} onChange={setStation} width={180} />
      </Group>
      {error ? <Text c="var(--bad)">{error}</Text> : null}
      {found ? (
        <Text size="sm" c="dimmed" data-testid="search-count">
          {found.items.length === 0
            ? 'No receipt matches.'
            : `${found.items.length}${found.nextCursor ? '+' : ''} ${
                found.items.length === 1 && !found.nextCursor ? 'receipt' : 'receipts'
              }, newest first`}
        </Text>
      ) : null}
      <ol className="search-results" aria-label="Search results">
        {found?.items.map((r) => (
          <li key={r.id}>
            <ReceiptCard receipt={r} />
          </li>
        ))}
      </ol>
      {found?.nextCursor ? (
        <Button variant="default" onClick={() => void more()} w="fit-content">
          More results
        </Button>
      ) : null}
    </Stack>
  );
}

/** Local midnight of a picked day (YYYY-MM-DD), in UTC ms. */
function startOf(day: string): number {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(y, m - 1, d).getTime();
}
