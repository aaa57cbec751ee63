/**
 * The manager's redaction rules: words or patterns masked on every receipt before it leaves the
 * PC, besides card numbers (always masked). Each rule is checked as it is typed by the settings
 * schema, so its message is the service's.
 */
import {
  ActionIcon,
  Button,
  Code,
  Group,
  Paper,
  Select,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { REDACTION_MAX_RULES, type RedactionRule } from '../../shared/redaction-rules';
import type { SettingsForm } from './settings-form';

const PATH = 'cloudRelay.redactions';

const HIDE = [
  { value: 'match', label: 'Hide what matches' },
  { value: 'rest-of-line', label: 'Hide the rest of the line' },
];

export function RedactionRules({ form }: { form: SettingsForm }) {
  const rules = form.values.cloudRelay.redactions;
  const full = rules.length >= REDACTION_MAX_RULES;
  const add = (rule: RedactionRule) => form.insertListItem(PATH, rule);
  return (
    <Stack gap="xs" role="group" aria-labelledby="redaction-title">
      <div>
        <Text size="sm" fw={600} id="redaction-title">
          Also hide
        </Text>
        <Text size="xs" c="dimmed">
          Card numbers are always masked before a receipt leaves this PC. Add words to hide as well
          (a customer’s name, a phone number), or a pattern: <Code>#</Code> is a digit,{' '}
          <Code>@</Code> a letter, <Code>?</Code> any character, <Code>\</Code> makes the next
          character itself. Masked characters become <Code>*</Code>.
        </Text>
      </div>
      {rules.length === 0 ? (
        <Text size="sm" c="dimmed">
          No rules: only card numbers are masked.
        </Text>
      ) : null}
      {rules.map((rule, i) => (
        <RuleRow key={i} form={form} index={i} rule={rule} />
      ))}
      <Group gap="xs">
        <Button
          size="xs"
          variant="default"
          disabled={full}
          onClick={() => add({ kind: 'phrase', text: '', hide: 'match' })}
        >
          Add words to hide
        </Button>
        <Button
          size="xs"
          variant="default"
          disabled={full}
          onClick={() => add({ kind: 'pattern', pattern: '', hide: 'match' })}
        >
          Add a pattern
        </Button>
        {full ? (
          <Text size="xs" c="dimmed">
            At most {REDACTION_MAX_RULES} rules.
          </Text>
        ) : null}
      </Group>
    </Stack>
  );
}

function RuleRow({
  form,
  index,
  rule,
}: {
  form: SettingsForm;
  index: number;
  rule: RedactionRule;
}) {
  const at = `${PATH}.${index}`;
  const phrase = rule.kind === 'phrase';
  const name = `Rule ${index + 1}`;
  return (
    <Paper withBorder p="xs" role="group" aria-label={name}>
      <Group align="flex-start" gap="sm" wrap="nowrap">
        {phrase ? (
          <TextInput
            size="sm"
            flex={1}
            label="Words to hide"
            placeholder="Customer:"
            {...form.getInputProps(`${at}.text`)}
          />
        ) : (
          <TextInput
            size="sm"
            flex={1}
            label="Pattern to hide"
            description="Example: Loyalty ####-#### hides a loyalty number"
            placeholder="Loyalty ####-####"
            ff="monospace"
            {...form.getInputProps(`${at}.pattern`)}
          />
        )}
        <Select
          size="sm"
          w={260}
          label="What to hide"
          data={HIDE}
          allowDeselect={false}
          {...form.getInputProps(`${at}.hide`)}
        />
        <ActionIcon
          mt={phrase ? 26 : 44}
          variant="subtle"
          color="red"
          aria-label={`Remove rule ${index + 1}`}
          title="Remove this rule"
          onClick={() => form.removeListItem(PATH, index)}
        >
          ✕
        </ActionIcon>
      </Group>
    </Paper>
  );
}
