import {
  Alert,
  Badge,
  Button,
  Divider,
  Group,
  Loader,
  Modal,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import type { SettingsView } from '../../shared/api';
import type { DeskError } from '../../shared/result';
import { useDeskApi, useDeskValue } from '../api/desk-api-context';
import { SETTINGS_SECTIONS, type SettingsSection } from '../settings/sections';
import { type SettingsForm, useSettingsForm } from '../settings/settings-form';

/** Every section of SETTINGS_SECTIONS (ports, tills, business day, relay, …) and one save. */
export function SettingsScreen() {
  const view = useDeskValue((api) => api.getSettings());
  if (!view) {
    return (
      <Group p="lg">
        <Loader size="sm" />
        <Text>Reading the settings…</Text>
      </Group>
    );
  }
  return <SettingsEditor initial={view} />;
}

type Outcome =
  | { kind: 'saved'; view: SettingsView }
  | { kind: 'invalid'; count: number }
  | { kind: 'failed'; error: DeskError };

function SettingsEditor({ initial }: { initial: SettingsView }) {
  const api = useDeskApi();
  const form = useSettingsForm(initial.settings);
  const [file, setFile] = useState(initial.file);
  const [waiting, setWaiting] = useState(initial.waitingForRestart);
  const [saving, setSaving] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [confirm, setConfirm] = useState<string | null>(null);

  const save = async (confirmDeletion = false): Promise<void> => {
    setConfirm(null);
    const check = form.validate();
    if (check.hasErrors) {
      setOutcome({ kind: 'invalid', count: Object.keys(check.errors).length });
      return;
    }
    setSaving(true);
    const result = await api.saveSettings(form.values, { confirmDeletion });
    setSaving(false);
    if (result.ok) {
      // The service's copy (trimmed, defaults filled in) is what is now in force.
      form.setValues(result.value.settings);
      form.resetDirty(result.value.settings);
      setFile(result.value.file);
      setWaiting(result.value.waitingForRestart);
      setOutcome({ kind: 'saved', view: result.value });
    } else if (result.error.code === 'CONFIRM_DELETION') {
      setConfirm(result.error.message);
    } else {
      setOutcome({ kind: 'failed', error: result.error });
    }
  };

  const dirty = form.isDirty();
  return (
    <form
      className="settings-screen"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <Stack p="lg" gap="lg">
        <div>
          <Title order={2} size="h4">
            Settings
          </Title>
          <Text size="sm" c="dimmed">
            Kept in {file}
          </Text>
        </div>
        {waiting.length > 0 ? (
          <Alert color="yellow" title="Saved, and waiting for a restart">
            These apply when Receipt Desk next starts: {waiting.join(', ')}.
          </Alert>
        ) : null}
        {SETTINGS_SECTIONS.map((section, i) => (
          <Stack key={section.id} gap="sm" aria-labelledby={`settings-${section.id}`} role="region">
            {i > 0 ? <Divider /> : null}
            <SectionHeading section={section} form={form} />
            {section.render(form)}
          </Stack>
        ))}
        <div className="settings-footer">
          <SaveOutcome outcome={dirty ? (outcome?.kind === 'saved' ? null : outcome) : outcome} />
          <Group justify="flex-end" gap="sm">
            <Button
              variant="default"
              disabled={!dirty || saving}
              onClick={() => {
                form.reset();
                setOutcome(null);
              }}
            >
              Discard changes
            </Button>
            <Button type="submit" loading={saving} disabled={!dirty}>
              Save changes
            </Button>
          </Group>
        </div>
        <Modal
          opened={confirm !== null}
          onClose={() => setConfirm(null)}
          title="Delete old receipts?"
          centered
        >
          <Text mb="md">{confirm}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirm(null)}>
              Keep them
            </Button>
            <Button color="red" onClick={() => void save(true)}>
              Delete and save
            </Button>
          </Group>
        </Modal>
      </Stack>
    </form>
  );
}

function SectionHeading({ section, form }: { section: SettingsSection; form: SettingsForm }) {
  const problems = Object.keys(form.errors).filter((k) =>
    section.paths.some((p) => k === p || k.startsWith(`${p}.`)),
  ).length;
  return (
    <div>
      <Group gap="sm">
        <Title order={3} size="h5" id={`settings-${section.id}`}>
          {section.title}
        </Title>
        {problems > 0 ? (
          <Badge color="red" variant="light">
            {problems === 1 ? '1 to fix' : `${problems} to fix`}
          </Badge>
        ) : null}
      </Group>
      <Text size="sm" c="dimmed">
        {section.description}
      </Text>
    </div>
  );
}

function SaveOutcome({ outcome }: { outcome: Outcome | null }) {
  if (!outcome) return null;
  if (outcome.kind === 'saved') {
    const ports = outcome.view.settings.listeners
      .map((l) => `${l.station} on port ${l.port}`)
      .join(', ');
    return (
      <Alert color="green" role="status" title="Saved">
        In force now: {ports}.
      </Alert>
    );
  }
  if (outcome.kind === 'invalid') {
    return (
      <Alert color="red" role="alert" title="Not saved">
        {outcome.count === 1
          ? 'One setting needs fixing; it is marked above.'
          : `${outcome.count} settings need fixing; they are marked above.`}
      </Alert>
    );
  }
  return (
    <Alert color="red" role="alert" title="Not saved: nothing was changed">
      {outcome.error.message}
    </Alert>
  );
}
