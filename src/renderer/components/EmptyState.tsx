import { Button, CopyButton } from '@mantine/core';
import { useState } from 'react';
import { useDeskApi, useDeskValue } from '../api/desk-api-context';

type Sent = { state: 'idle' | 'sending' } | { state: 'sent' | 'failed'; message: string };

/**
 * What the manager sees before the first receipt: where to point the till (this PC's addresses
 * and the port, large, with copy buttons) and a test print that goes through the same port.
 */
export function EmptyState() {
  const api = useDeskApi();
  const printers = useDeskValue((a) => a.getPrinterAddresses());
  const [sent, setSent] = useState<Sent>({ state: 'idle' });

  const testPrint = async () => {
    setSent({ state: 'sending' });
    const r = await api.printTestReceipt();
    setSent(
      r.ok
        ? { state: 'sent', message: `Sent to port ${r.value.port}. It appears here in a moment.` }
        : { state: 'failed', message: r.error.message },
    );
  };

  return (
    <section className="empty-state" aria-label="Point a till at this PC">
      <h2>No receipts yet</h2>
      <p>
        In the till&apos;s printer settings, add a network receipt printer (Epson or Star, raw TCP)
        at one of these addresses:
      </p>
      {printers?.map((p) => (
        <div key={`${p.station}:${p.port}`} className="printer-address">
          <h3>
            {p.station} <span className="muted">{p.listening ? '' : '(not listening)'}</span>
          </h3>
          <ul>
            {p.addresses.map((a) => {
              // An IPv6 address takes brackets before its port, as tills expect it written.
              const where = a.includes(':') ? `[${a}]:${p.port}` : `${a}:${p.port}`;
              return (
                <li key={a}>
                  <code className="address" data-testid="printer-address">
                    {where}
                  </code>
                  <Copy text={where} />
                </li>
              );
            })}
          </ul>
        </div>
      ))}
      <div className="test-print">
        <Button onClick={() => void testPrint()} loading={sent.state === 'sending'}>
          Print a test receipt
        </Button>
        {'message' in sent ? (
          <span role="status" className={sent.state === 'failed' ? 'detail-error' : 'muted'}>
            {sent.message}
          </span>
        ) : null}
      </div>
    </section>
  );
}

/** Mantine's copy button; on plain http (no clipboard API) the address stays selectable. */
function Copy({ text }: { text: string }) {
  return (
    <CopyButton value={text}>
      {({ copied, copy }) => (
        <Button variant="default" size="xs" onClick={copy} aria-label={`Copy ${text}`}>
          {copied ? 'Copied' : 'Copy'}
        </Button>
      )}
    </CopyButton>
  );
}
