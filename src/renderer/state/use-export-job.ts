/**
 * An export job's state (receipts exports and range reports alike), asked a few times a second
 * while it is written, then kept as it ended.
 */
import { useEffect, useState } from 'react';
import type { ExportJob } from '../../shared/api';
import { useDeskApi } from '../api/desk-api-context';

/** How often a running job is asked where it stands. */
const POLL_MS = 250;

export function useExportJobStatus(
  id: number | null,
  onProblem: (message: string) => void,
): ExportJob | null {
  const api = useDeskApi();
  const [job, setJob] = useState<ExportJob | null>(null);
  useEffect(() => {
    setJob(null);
    if (id === null) return;
    let current = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const ask = async () => {
      const r = await api.getExport(id);
      if (!current) return;
      if (!r.ok) {
        onProblem(r.error.message);
        return;
      }
      setJob(r.value);
      if (r.value.state === 'running') timer = setTimeout(() => void ask(), POLL_MS);
    };
    void ask();
    return () => {
      current = false;
      clearTimeout(timer);
    };
    // onProblem is a state setter: the same function every render.
  }, [api, id]);
  return job;
}
