/**
 * The relay's status from the service (getRelay): whether a token and secret are kept, and the
 * receipts refused or left unconfirmed. Asked again every few seconds while shown, and at once
 * after the manager acts; the gauges themselves come each second with the metrics.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { RelayStatus } from '../../shared/api';
import { useDeskApi } from '../api/desk-api-context';

const REFRESH_MS = 2_000;

export interface RelayStatusHandle {
  status: RelayStatus | null;
  /** Asks again now (after sending or printing again). */
  refresh(): void;
  /** An answer the service gave to another call (setRelayCredentials, printAgain). */
  show(status: RelayStatus): void;
}

export function useRelayStatus(): RelayStatusHandle {
  const api = useDeskApi();
  const [status, setStatus] = useState<RelayStatus | null>(null);
  // Answers are applied in the order they were asked, so a slow old one never wins.
  const asked = useRef(0);
  const refresh = useCallback(() => {
    const ask = ++asked.current;
    void api.getRelay().then((r) => {
      if (r.ok && ask === asked.current) setStatus(r.value);
    });
  }, [api]);
  const show = useCallback((s: RelayStatus) => {
    asked.current++;
    setStatus(s);
  }, []);
  useEffect(() => {
    refresh();
    const timer = setInterval(refresh, REFRESH_MS);
    return () => {
      clearInterval(timer);
      asked.current++;
    };
  }, [refresh]);
  return { status, refresh, show };
}
