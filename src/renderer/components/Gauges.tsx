import { useDesk } from '../state/desk-store';
import { gauge } from '../system/gauge-list';

/** The header's short names for a few of the System screen's gauges. */
const HEADER: { id: string; label: string }[] = [
  { id: 'connections', label: 'Connections' },
  { id: 'pool-busy', label: 'Pool busy' },
  { id: 'pool-queue', label: 'Pool queue' },
  { id: 'os-threads', label: 'OS threads' },
  { id: 'memory', label: 'Memory (RSS)' },
  { id: 'loop-p99', label: 'Event loop p99' },
];

/** Live health of the service, sampled each second; coloured as on the System screen. */
export function Gauges() {
  const m = useDesk((s) => s.metrics);
  return (
    <dl className="gauges" aria-label="Service gauges">
      {HEADER.map(({ id, label }) => {
        const def = gauge(id);
        const status = m && def.status ? def.status(m) : null;
        const state = status && status.state !== 'ok' ? status : null;
        return (
          <div key={id} className={state ? `gauge gauge-${state.state}` : 'gauge'}>
            <dt>{label}</dt>
            <dd title={state?.note}>{m ? def.value(m) : '–'}</dd>
          </div>
        );
      })}
    </dl>
  );
}
