/** Today's business day as the money screens start on it, by the settings' day start. */
import { useEffect, useState } from 'react';
import { useDeskApi } from '../api/desk-api-context';
import { businessToday } from '../business-day';

/**
 * Today's business day (YYYY-MM-DD) by the day start in the settings, 04:00 when they cannot be
 * read; null until the settings have come.
 */
export function useBusinessToday(): string | null {
  const api = useDeskApi();
  const [today, setToday] = useState<string | null>(null);
  useEffect(() => {
    void api.getSettings().then((r) => {
      setToday(businessToday(r.ok ? r.value.settings.business.dayStart : '04:00'));
    });
  }, [api]);
  return today;
}
