/**
 * "Send again" (a receipt the cloud refused) or "Print again on Bar" (a job its printer did not
 * confirm), with the service's answer: on success the caller refreshes, on failure the reason is
 * shown beside the button.
 */
import { Button, Group, Text } from '@mantine/core';
import { useState } from 'react';
import { useDeskApi } from '../api/desk-api-context';
import type { RelayAction } from './relay-words';

export function RelayActionButton({
  receiptId,
  action,
  nameSuffix,
  onDone,
}: {
  receiptId: number;
  action: RelayAction;
  /** Added to the button's accessible name where several stand together (", receipt 12"). */
  nameSuffix?: string;
  onDone: () => void;
}) {
  const api = useDeskApi();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const label = action.kind === 'send-again' ? 'Send again' : action.label;
  const act = async () => {
    setBusy(true);
    setError(null);
    const result =
      action.kind === 'send-again'
        ? await api.retryRelay({ receiptId })
        : await api.printAgain({ receiptId, station: action.station });
    setBusy(false);
    if (result.ok) onDone();
    else setError(result.error.message);
  };
  return (
    <Group gap="xs" wrap="nowrap" align="center">
      <Button
        size="compact-sm"
        variant="default"
        loading={busy}
        onClick={() => void act()}
        aria-label={nameSuffix ? `${label}${nameSuffix}` : undefined}
      >
        {label}
      </Button>
      {error ? (
        <Text size="sm" c="var(--bad)" role="alert">
          {error}
        </Text>
      ) : null}
    </Group>
  );
}
