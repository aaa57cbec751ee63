import { formatBytes, formatCount, formatMs } from '../format';
import { useDesk } from '../state/desk-store';

/** Live health of the service, sampled each second. */
export function Gauges() {
  const m = useDesk((s) => s.metrics);
  return (
    <dl className="gauges" aria-label="Service gauges">
      <Gauge label="Connections" value={m ? `${m.connections.open} / ${m.connections.max}` : '–'} />
      <Gauge label="Pool busy" value={m ? `${m.pool.busy} / ${m.pool.threads}` : '–'} />
      <Gauge
        label="Pool queue"
        value={m ? `${m.pool.queued} / ${m.pool.maxQueue}` : '–'}
        warn={m?.pool.paused}
      />
      <Gauge label="OS threads" value={formatCount(m?.osThreads)} />
      <Gauge label="Memory (RSS)" value={m ? formatBytes(m.memory.rssBytes) : '–'} />
      <Gauge
        label="Event loop p99"
        value={m ? formatMs(m.eventLoop.delayP99Ms) : '–'}
        warn={(m?.eventLoop.delayP99Ms ?? 0) > 20}
      />
    </dl>
  );
}

function Gauge({ label, value, warn = false }: { label: string; value: string; warn?: boolean }) {
  return (
    <div className={warn ? 'gauge gauge-warn' : 'gauge'}>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
}
