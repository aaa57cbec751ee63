import {
  Button,
  CopyButton,
  Group,
  NumberInput,
  PasswordInput,
  SimpleGrid,
  Stack,
  Switch,
  TagsInput,
  Text,
} from '@mantine/core';
import { isLoopback } from '../../shared/relay';
import { useDeskValue } from '../api/desk-api-context';
import type { SettingsForm } from './settings-form';
import { errorUnder, newAccessToken } from './settings-form';

/** Which tills may print here. */
export function AllowListSection({ form }: { form: SettingsForm }) {
  const list = form.values.capture.allowList;
  return (
    <TagsInput
      label="Tills allowed to print"
      description={
        list.length === 0
          ? 'Empty: every device on the network may print. Add the tills’ IP addresses to refuse everyone else.'
          : 'Only these addresses may print; anyone else is refused and counted on the System screen.'
      }
      placeholder="192.168.1.20, then Enter"
      value={list}
      onChange={(v) => form.setFieldValue('capture.allowList', v)}
      error={errorUnder(form, 'capture.allowList')}
      clearable
      splitChars={[',', ' ']}
    />
  );
}

/** The web page for phones and tablets on the restaurant's network, and its token. */
export function WebPageSection({ form }: { form: SettingsForm }) {
  const http = form.values.http;
  const open = !isLoopback(http.host);
  return (
    <Stack gap="sm">
      <Switch
        label="Let phones and tablets on this network open Receipt Desk"
        description={
          open
            ? 'The web page answers on every network of this PC; it asks for the access token.'
            : 'Only this PC can open the web page.'
        }
        checked={open}
        onChange={(e) => {
          const opening = e.currentTarget.checked;
          form.setFieldValue('http.host', opening ? '0.0.0.0' : '127.0.0.1');
          if (opening && !http.apiToken) form.setFieldValue('http.apiToken', newAccessToken());
        }}
      />
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <NumberInput
          label="Web page port"
          description="Open http://this-pc:port in a browser"
          allowDecimal={false}
          {...form.getInputProps('http.port')}
        />
        <Stack gap={4}>
          <PasswordInput
            label="Access token"
            description="Staff add #token=… to the address once; it is remembered"
            {...form.getInputProps('http.apiToken')}
            value={http.apiToken ?? ''}
            onChange={(e) => form.setFieldValue('http.apiToken', e.currentTarget.value || null)}
          />
          <Group gap="xs">
            <Button
              size="xs"
              variant="light"
              onClick={() => form.setFieldValue('http.apiToken', newAccessToken())}
            >
              New token
            </Button>
            {http.apiToken ? (
              <CopyButton value={http.apiToken}>
                {({ copied, copy }) => (
                  <Button size="xs" variant="subtle" onClick={copy}>
                    {copied ? 'Copied' : 'Copy token'}
                  </Button>
                )}
              </CopyButton>
            ) : null}
          </Group>
        </Stack>
      </SimpleGrid>
      {open ? (
        <TagsInput
          label="Other names for this PC"
          description="The page answers to this PC’s addresses and its name. Add a name staff type instead (office-pc.lan); any other name is refused, so no other web site can reach it."
          placeholder="office-pc.lan, then Enter"
          value={http.allowedHosts}
          onChange={(v) => form.setFieldValue('http.allowedHosts', v)}
          error={errorUnder(form, 'http.allowedHosts')}
          clearable
          splitChars={[',', ' ']}
        />
      ) : null}
      {open && http.apiToken ? <PhoneAddress port={http.port} token={http.apiToken} /> : null}
      <Text size="sm" c="dimmed">
        Changes to the web page apply when Receipt Desk next starts.
      </Text>
    </Stack>
  );
}

/** The address staff open once on a phone or tablet: this PC, the web port and the token. */
function PhoneAddress({ port, token }: { port: number; token: string }) {
  const printers = useDeskValue((api) => api.getPrinterAddresses());
  const host = printers?.[0]?.addresses[0];
  if (!host) return null;
  const address = `http://${host.includes(':') ? `[${host}]` : host}:${port}/#token=${token}`;
  return (
    <Group gap="xs" wrap="nowrap">
      <Text size="sm">
        On a phone or tablet, open <code className="phone-address">{address}</code>
      </Text>
      <CopyButton value={address}>
        {({ copied, copy }) => (
          <Button size="xs" variant="subtle" onClick={copy}>
            {copied ? 'Copied' : 'Copy address'}
          </Button>
        )}
      </CopyButton>
    </Group>
  );
}
