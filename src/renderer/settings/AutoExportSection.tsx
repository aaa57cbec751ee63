import { Alert, Checkbox, Stack, Switch, Text, TextInput } from '@mantine/core';
import { useEffect, useState } from 'react';
import { AUTO_EXPORT_GRACE_MIN, type AutoExportStatus } from '../../shared/auto-export';
import { useDeskApi } from '../api/desk-api-context';
import { lastWrittenText, nextText, problemTitle, waitingText } from './auto-export-text';
import type { SettingsForm } from './settings-form';

/** How often the section asks again while it is open (the service writes in the background). */
const REFRESH_MS = 2_000;

/** Each business day's report written into a folder: the setting, and what was last written. */
export function AutoExportSection({ form }: { form: SettingsForm }) {
  const status = useAutoExportStatus();
  const on = form.values.autoExport.enabled;
  return (
    <Stack gap="sm" maw={640}>
      <Switch
        label="Write each business day's report into a folder"
        description={`PDF and CSV, ${AUTO_EXPORT_GRACE_MIN} minutes after the day ends. Days missed while Receipt Desk was closed are written when it starts. A day without receipts gets a report of no sales. Files are never overwritten: a name already taken gets -2.`}
        {...form.getInputProps('autoExport.enabled', { type: 'checkbox' })}
      />
      {on ? (
        <>
          <TextInput
            label="Folder"
            description={
              status
                ? `Empty: ${status.defaultFolder}`
                : 'Empty: the exports folder in the data folder.'
            }
            placeholder={status?.defaultFolder}
            {...form.getInputProps('autoExport.folder')}
          />
          <Checkbox
            label="Also as a spreadsheet (XLSX)"
            {...form.getInputProps('autoExport.xlsx', { type: 'checkbox' })}
          />
        </>
      ) : null}
      {status ? <AutoExportState status={status} timeZone={form.values.business.timeZone} /> : null}
    </Stack>
  );
}

function AutoExportState({ status, timeZone }: { status: AutoExportStatus; timeZone: string }) {
  return (
    <Stack gap={4} data-testid="auto-export-state">
      {status.problem ? (
        <Alert color="red" title={problemTitle(status.problem, timeZone)}>
          {status.problem.message}
        </Alert>
      ) : null}
      {status.last ? (
        <Text size="sm">
          {lastWrittenText(status.last, timeZone)}, in {status.folder}
        </Text>
      ) : status.enabled ? (
        <Text size="sm">Nothing written yet.</Text>
      ) : null}
      {status.waiting ? <Text size="sm">{waitingText(status.waiting, timeZone)}</Text> : null}
      {status.next ? (
        <Text size="sm" c="dimmed">
          {nextText(status.next, timeZone)}
        </Text>
      ) : (
        <Text size="sm" c="dimmed">
          Off: no report is written unless you turn this on and save.
        </Text>
      )}
    </Stack>
  );
}

/** The service's account of the automatic export, asked again every few seconds. */
function useAutoExportStatus(): AutoExportStatus | null {
  const api = useDeskApi();
  const [status, setStatus] = useState<AutoExportStatus | null>(null);
  useEffect(() => {
    let current = true;
    const ask = () =>
      void api.getAutoExport().then((r) => {
        if (current && r.ok) setStatus(r.value);
      });
    ask();
    const timer = setInterval(ask, REFRESH_MS);
    return () => {
      current = false;
      clearInterval(timer);
    };
  }, [api]);
  return status;
}
