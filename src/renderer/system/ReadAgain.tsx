/**
 * "Read receipts again": after an update that improves how receipts are read, the manager can
 * have every stored receipt's text redone from the bytes the till sent. Printing goes on.
 */
import { Alert, Button, Group, Loader, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import type { DeskError } from '../../shared/result';
import { useDeskApi } from '../api/desk-api-context';
import { formatCount } from '../format';

type State =
  | { kind: 'idle' }
  | { kind: 'reading' }
  | { kind: 'done'; receipts: number }
  | { kind: 'failed'; error: DeskError };

/** Everything stored: from the first receipt to a day past now (clocks drift). */
const ALL = () => ({ from: 0, to: Date.now() + 24 * 3600 * 1000 });

export function ReadAgain() {
  const api = useDeskApi();
  const [state, setState] = useState<State>({ kind: 'idle' });
  const run = async () => {
    setState({ kind: 'reading' });
    const result = await api.reinterpret(ALL());
    setState(
      result.ok
        ? { kind: 'done', receipts: result.value.receipts }
        : { kind: 'failed', error: result.error },
    );
  };
  return (
    <Stack gap="xs" align="flex-start">
      <Text size="sm">
        After Receipt Desk is updated, it may read receipts better than before. This reads every
        stored receipt again from the bytes the till sent; new receipts keep printing meanwhile.
      </Text>
      <Group gap="sm">
        <Button variant="light" onClick={() => void run()} disabled={state.kind === 'reading'}>
          Read receipts again
        </Button>
        {state.kind === 'reading' ? (
          <Group gap={6}>
            <Loader size="xs" />
            <Text size="sm">Reading…</Text>
          </Group>
        ) : null}
        {state.kind === 'done' ? (
          <Text size="sm" role="status">
            Read {formatCount(state.receipts)} {state.receipts === 1 ? 'receipt' : 'receipts'}{' '}
            again.
          </Text>
        ) : null}
      </Group>
      {state.kind === 'failed' ? (
        <Alert color="red" title="Could not read the receipts again">
          {state.error.message}
        </Alert>
      ) : null}
    </Stack>
  );
}
