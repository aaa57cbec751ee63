import { useEffect, useState } from 'react';
import type { PrinterAddress } from '../../shared/api';
import { useDeskApi } from '../api/desk-api-context';

type Sent = { state: 'idle' | 'sending' } | { state: 'sent' | 'failed'; message: string };

/**
 * What the manager sees before the first receipt: where to point the till (this PC's addresses
 * and the port, large, with copy buttons) and a test print that goes through the same port.
 */
export function EmptyState() {
  const api = useDeskApi();
  const [printers, setPrinters] = useState<PrinterAddress[] | null>(null);
  const [sent, setSent] = useState<Sent>({ state: 'idle' });

  useEffect(() => {
    let current = true;
    void api.getPrinterAddresses().then((r) => {
      if (current && r.ok) setPrinters(r.value);
    });
    return () => {
      current = false;
    };
  }, [api]);

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
                  <CopyButton text={where} />
                </li>
              );
            })}
          </ul>
        </div>
      ))}
      <div className="test-print">
        <button type="button" onClick={() => void testPrint()} disabled={sent.state === 'sending'}>
          Print a test receipt
        </button>
        {'message' in sent ? (
          <span role="status" className={sent.state === 'failed' ? 'detail-error' : 'muted'}>
            {sent.message}
          </span>
        ) : null}
      </div>
    </section>
  );
}

function CopyButton({ text }: { text: string }) {
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied(true);
      setTimeout(() => setCopied(false), 1500);
    } catch {
      // Plain http on the restaurant's network has no clipboard API: the text stays selectable.
    }
  };
  return (
    <button type="button" className="copy" onClick={() => void copy()} aria-label={`Copy ${text}`}>
      {copied ? 'Copied' : 'Copy'}
    </button>
  );
}
