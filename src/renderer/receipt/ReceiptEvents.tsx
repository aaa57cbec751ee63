import { Button, Code, Stack, Table, Text, Title } from '@mantine/core';
import type { StatusReplySent } from '../../shared/api';
import type { EventBlock, ReceiptDocument } from '../../shared/document';

const EVENT_NAMES: Readonly<Record<EventBlock['event'], string>> = {
  cut: 'Paper cut',
  'partial-cut': 'Partial cut',
  'drawer-kick': 'Cash drawer opened',
  buzzer: 'Beep',
};

/** The document keeps where an event's command starts, not its length: mark its first byte. */
const COMMAND_BYTES = 1;

/**
 * What the receipt did besides print, and what the till asked the printer while sending it:
 * cuts, drawer kicks (with the drawer connector pin) and beeps from the document, then each
 * status request with the answer it got. Each byte offset opens the bytes at that place.
 */
export function ReceiptEvents({
  document,
  statusReplies,
  notKept,
  onShowBytes,
}: {
  document: ReceiptDocument | null;
  statusReplies: StatusReplySent[];
  notKept: number;
  onShowBytes: (offset: number, length: number) => void;
}) {
  const events = (document?.blocks ?? []).filter((b): b is EventBlock => b.kind === 'event');
  const at = (offset: number, length: number) => (
    <Button
      variant="default"
      size="compact-xs"
      ff="monospace"
      onClick={() => onShowBytes(offset, length)}
      aria-label={`Show byte ${offset} in the bytes`}
    >
      {offset}
    </Button>
  );
  return (
    <Stack gap="lg" className="receipt-events">
      <section aria-label="Printer events">
        <Title order={3} size="sm" mb={4}>
          On the paper
        </Title>
        {!document ? (
          <Text size="sm" c="dimmed">
            Cuts and drawer kicks show once the receipt has been read.
          </Text>
        ) : events.length === 0 ? (
          <Text size="sm" c="dimmed">
            No cut, cash drawer or beep in this receipt.
          </Text>
        ) : (
          <Table fz="sm" verticalSpacing={4} data-testid="printer-events">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={72}>Byte</Table.Th>
                <Table.Th>Event</Table.Th>
                <Table.Th>Detail</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {events.map((e, k) => (
                <Table.Tr key={k}>
                  <Table.Td>{at(e.offset, COMMAND_BYTES)}</Table.Td>
                  <Table.Td>{EVENT_NAMES[e.event]}</Table.Td>
                  <Table.Td>{e.detail ?? ''}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </section>
      <section aria-label="Status replies sent">
        <Title order={3} size="sm" mb={4}>
          Status replies sent
        </Title>
        {statusReplies.length === 0 ? (
          <Text size="sm" c="dimmed">
            The till asked the printer nothing while sending this receipt.
          </Text>
        ) : (
          <Table fz="sm" verticalSpacing={4} data-testid="status-replies">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={72}>Byte</Table.Th>
                <Table.Th>The till asked</Table.Th>
                <Table.Th>Receipt Desk answered</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {statusReplies.map((s, k) => (
                <Table.Tr key={k}>
                  <Table.Td>{at(s.offset, s.requestHex.split(' ').length)}</Table.Td>
                  <Table.Td>
                    {s.request} <Code>{s.requestHex}</Code>
                  </Table.Td>
                  <Table.Td>
                    {s.meaning} <Code>{s.replyHex}</Code>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        {notKept > 0 ? (
          <Text size="sm" c="dimmed" mt={4}>
            … and {notKept} more requests answered, counted but not listed: a receipt keeps its
            first {statusReplies.length}.
          </Text>
        ) : null}
      </section>
    </Stack>
  );
}
