import {
  Button,
  Group,
  Paper,
  SegmentedControl,
  Select,
  Stack,
  TagsInput,
  Text,
  TextInput,
} from '@mantine/core';
import { useState } from 'react';
import {
  emptySalesProfile,
  ROLE_NAMES,
  TEACHABLE_ROLES,
  type TeachableRole,
} from '../../shared/sales-profile';
import type { SettingsForm } from './settings-form';

/**
 * Each station's own words for its figures, as taught from its receipts or typed here, with its
 * decimal separator, currency and kitchen-ticket marks. Edits apply to receipts printed after
 * saving; a receipt's Figures tab saves a profile and reads earlier days again.
 */
export function ProfilesSection({ form }: { form: SettingsForm }) {
  const profiles = form.values.business.profiles;
  const stations = form.values.listeners.map((l) => l.station);
  const free = stations.filter(
    (s) => !profiles.some((p) => p.station.toLowerCase() === s.toLowerCase()),
  );
  return (
    <Stack gap="sm" maw={720}>
      {profiles.length === 0 ? (
        <Text size="sm" c="dimmed">
          No station has a profile: every receipt is read the built-in way. To teach one, open a
          receipt of that station, then its Figures tab, and click the line its till labels in its
          own words.
        </Text>
      ) : null}
      {profiles.map((p, i) => (
        <StationProfile key={`${p.station}-${i}`} form={form} index={i} />
      ))}
      {free.length > 0 ? (
        <Group>
          <Button
            size="xs"
            variant="default"
            onClick={() =>
              form.insertListItem('business.profiles', emptySalesProfile(free[0] ?? 'Front'))
            }
          >
            Add a profile for {free[0]}
          </Button>
        </Group>
      ) : null}
    </Stack>
  );
}

function StationProfile({ form, index }: { form: SettingsForm; index: number }) {
  const path = `business.profiles.${index}`;
  const profile = form.values.business.profiles[index];
  // Figures the manager chose to add words for, shown before they have any.
  const [extra, setExtra] = useState<TeachableRole[]>([]);
  const shown = TEACHABLE_ROLES.filter(
    (r) => (profile.labels[r]?.length ?? 0) > 0 || extra.includes(r),
  );
  const addable = TEACHABLE_ROLES.filter((r) => !shown.includes(r));
  return (
    <Paper withBorder p="sm" role="region" aria-label={`Sales profile of ${profile.station}`}>
      <Stack gap="xs">
        <Group justify="space-between">
          <Text fw={600}>{profile.station}</Text>
          <Button
            size="xs"
            variant="subtle"
            color="red"
            onClick={() => form.removeListItem('business.profiles', index)}
          >
            Remove profile
          </Button>
        </Group>
        <Group align="flex-end" gap="md">
          <Stack gap={2}>
            <Text size="xs" fw={500} id={`decimal-${index}`}>
              Decimal separator
            </Text>
            <SegmentedControl
              size="xs"
              aria-labelledby={`decimal-${index}`}
              data={[
                { value: 'auto', label: 'Auto' },
                { value: '.', label: '12.50' },
                { value: ',', label: '12,50' },
              ]}
              {...form.getInputProps(`${path}.decimal`)}
            />
          </Stack>
          <TextInput
            size="xs"
            w={120}
            label="Currency"
            placeholder="As printed"
            {...form.getInputProps(`${path}.currency`)}
          />
        </Group>
        {shown.map((role) => (
          <TagsInput
            key={role}
            size="xs"
            label={ROLE_NAMES[role]}
            description={role === 'item' ? 'Lines with these words are items.' : undefined}
            value={profile.labels[role] ?? []}
            onChange={(words) => {
              const labels = { ...profile.labels, [role]: words };
              if (words.length === 0) delete labels[role];
              form.setFieldValue(`${path}.labels`, labels);
            }}
            error={form.errors[`${path}.labels.${role}`]}
          />
        ))}
        <TagsInput
          size="xs"
          label="Kitchen ticket marks"
          description="Words that only kitchen or bar tickets print, such as KÜCHE."
          {...form.getInputProps(`${path}.kitchenMarkers`)}
        />
        {addable.length > 0 ? (
          <Select
            size="xs"
            w={260}
            placeholder="Add words for…"
            aria-label={`Add words for a figure of ${profile.station}`}
            data={addable.map((r) => ({ value: r, label: ROLE_NAMES[r] }))}
            value={null}
            onChange={(role) => role && setExtra([...extra, role as TeachableRole])}
          />
        ) : null}
      </Stack>
    </Paper>
  );
}
