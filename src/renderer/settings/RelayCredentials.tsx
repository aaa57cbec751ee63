/**
 * The relay's token and signing secret, write-only: the screen says whether each is kept and
 * where, offers to set, replace or forget it, and never shows a value again. They go to the
 * service's keychain or 0600 file through setRelayCredentials at once, never into the settings
 * file, and so are not part of "Save changes".
 */
import { Button, Group, Paper, PasswordInput, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import type { RelayStatus } from '../../shared/api';
import { relayCredentialsSchema } from '../../shared/relay';
import { useDeskApi } from '../api/desk-api-context';
import type { RelayStatusHandle } from '../relay/use-relay-status';

type Which = 'token' | 'secret';

const NAMES: Record<Which, { label: string; the: string; hint: string }> = {
  token: {
    label: 'Relay token',
    the: 'the token',
    hint: 'Sent with every request, so the endpoint knows it is this restaurant. The endpoint’s owner gives it to you (RELAY_TOKEN).',
  },
  secret: {
    label: 'Signing secret',
    the: 'the secret',
    hint: 'Signs every request, so the endpoint refuses forgeries and replays. Never sent itself. The endpoint’s owner gives it to you (RELAY_HMAC_SECRET).',
  },
};

export function RelayCredentials({ relay }: { relay: RelayStatusHandle }) {
  const cloud = relay.status?.cloud;
  return (
    <Stack gap="xs">
      {(['token', 'secret'] as const).map((which) => (
        <CredentialRow
          key={which}
          which={which}
          kept={cloud ? (which === 'token' ? cloud.hasToken : cloud.hasSecret) : null}
          keptIn={cloud?.secretsKeptIn ?? ''}
          onSaved={relay.show}
        />
      ))}
    </Stack>
  );
}

function CredentialRow({
  which,
  kept,
  keptIn,
  onSaved,
}: {
  which: Which;
  /** null until the service has answered. */
  kept: boolean | null;
  keptIn: string;
  onSaved: (status: RelayStatus) => void;
}) {
  const api = useDeskApi();
  const name = NAMES[which];
  const [editing, setEditing] = useState(false);
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string | null>(null);

  const send = async (next: string | null) => {
    if (next !== null) {
      const check = relayCredentialsSchema.safeParse({ [which]: next });
      if (!check.success) {
        setError(check.error.issues[0]?.message ?? 'This value cannot be used.');
        return;
      }
    }
    setBusy(true);
    setError(null);
    const result = await api.setRelayCredentials({ [which]: next });
    setBusy(false);
    if (!result.ok) {
      setError(result.error.message);
      return;
    }
    // The value leaves the page as soon as the service has it.
    setValue('');
    setEditing(false);
    setDone(next === null ? `${capital(name.the)} is forgotten.` : `${capital(name.the)} is kept.`);
    onSaved(result.value);
  };

  const keptText =
    kept === null ? 'Asking…' : kept ? `Kept in ${keptIn}. It is never shown again.` : 'Not set.';
  return (
    <Paper withBorder p="sm" role="group" aria-label={name.label}>
      <Stack gap={6}>
        <div>
          <Text size="sm" fw={500}>
            {name.label}
          </Text>
          <Text size="xs" c="dimmed">
            {name.hint}
          </Text>
        </div>
        <Group justify="space-between" align="center" wrap="wrap" gap="xs">
          <Text size="sm" data-testid={`relay-${which}-state`}>
            {keptText}
          </Text>
          {!editing ? (
            <Group gap="xs">
              <Button
                size="xs"
                variant="default"
                onClick={() => {
                  setEditing(true);
                  setDone(null);
                }}
              >
                {kept ? `Replace ${name.the}` : `Set ${name.the}`}
              </Button>
              {kept ? (
                <Button
                  size="xs"
                  variant="subtle"
                  color="red"
                  loading={busy}
                  onClick={() => void send(null)}
                >
                  Forget {name.the}
                </Button>
              ) : null}
            </Group>
          ) : null}
        </Group>
        {editing ? (
          <Group align="flex-start" gap="xs">
            <PasswordInput
              size="sm"
              w={360}
              label={`New ${name.label.toLowerCase()}`}
              autoComplete="off"
              value={value}
              error={error}
              onChange={(e) => {
                setValue(e.currentTarget.value);
                setError(null);
              }}
              // Enter keeps this value; it must not save the settings form around it.
              onKeyDown={(e) => {
                if (e.key === 'Enter') {
                  e.preventDefault();
                  void send(value);
                }
              }}
            />
            <Group gap="xs" mt={26}>
              <Button size="xs" loading={busy} onClick={() => void send(value)}>
                Keep it
              </Button>
              <Button
                size="xs"
                variant="default"
                onClick={() => {
                  setEditing(false);
                  setValue('');
                  setError(null);
                }}
              >
                Cancel
              </Button>
            </Group>
          </Group>
        ) : error ? (
          <Text size="sm" c="var(--bad)" role="alert">
            {error}
          </Text>
        ) : done ? (
          <Text size="sm" role="status">
            {done}
          </Text>
        ) : null}
      </Stack>
    </Paper>
  );
}

function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
