// The targets of each scenario, checked against the sink and service figures.
// Each check: { metric, target, sink, service, pass } (pass null = informational).

const fmt = (v, unit = '') => (v === null || v === undefined ? 'n/a' : `${v}${unit}`);

function processChecks(s) {
  const within = (v, base, d) => v !== null && base !== null && Math.abs(v - base) <= d;
  return [
    {
      metric: 'OS threads during (min..max) vs idle after warm-up',
      target: `idle ±2`,
      sink: `${fmt(s.sink.threadsMin)}..${fmt(s.sink.threadsMax)} (idle ${fmt(s.sink.threadsBefore)})`,
      service: `${fmt(s.service.threadsMin)}..${fmt(s.service.threadsMax)} (idle ${fmt(s.service.threadsBefore)})`,
      pass:
        within(s.service.threadsMin, s.service.threadsBefore, 2) &&
        within(s.service.threadsMax, s.service.threadsBefore, 2),
    },
    {
      metric: 'OS threads after',
      target: 'idle ±2',
      sink: fmt(s.sink.threadsAfter),
      service: fmt(s.service.threadsAfter),
      pass: within(s.service.threadsAfter, s.service.threadsBefore, 2),
    },
    {
      metric: 'event-loop delay p99, max of 1 s windows',
      target: '< 20 ms',
      sink: 'n/a',
      service: `${fmt(s.service.delayP99MaxMs, ' ms')} (idle ${fmt(s.service.delayP99BeforeMs, ' ms')})`,
      pass: s.service.delayP99MaxMs !== null && s.service.delayP99MaxMs < 20,
    },
    {
      metric: 'RSS before / max / after',
      target: 'after within 10% of before',
      sink: `${fmt(s.sink.rssBeforeMiB)} / ${fmt(s.sink.rssMaxMiB)} / ${fmt(s.sink.rssAfterMiB)} MiB`,
      service: `${fmt(s.service.rssBeforeMiB)} / ${fmt(s.service.rssMaxMiB)} / ${fmt(s.service.rssAfterMiB)} MiB (${s.service.rssAfterVsBeforePct > 0 ? '+' : ''}${fmt(s.service.rssAfterVsBeforePct, '%')})`,
      pass: s.service.rssAfterVsBeforePct !== null && Math.abs(s.service.rssAfterVsBeforePct) <= 10,
    },
  ];
}

const lossCheck = (s) => ({
  metric: 'receipts lost (sent - stored) / not acked',
  target: '0',
  sink: `${fmt(s.sink.lost)} / ${fmt(s.sink.failed)}`,
  service: `${fmt(s.service.lost)} / ${fmt(s.service.failed)}`,
  pass: s.service.lost === 0 && s.service.failed === 0,
});

export function checks(scenario, s) {
  const out = [];
  if (scenario === 'oneshot') {
    const ratio = s.service.throughput / s.sink.throughput;
    out.push({
      metric: `throughput, receipts/s (${s.service.clients} clients, 1 receipt per connection)`,
      target: '>= 80% of sink',
      sink: fmt(s.sink.throughput),
      service: `${fmt(s.service.throughput)} (${Math.round(ratio * 100)}% of sink)`,
      pass: ratio >= 0.8,
    });
    out.push(
      durableRow(
        s,
        'service p99 <= 2x sink p99',
        s.service.durableP99Ms <= 2 * s.sink.durableP99Ms,
      ),
    );
    out.push(sseRow(s));
  } else if (scenario === 'stream') {
    out.push({
      metric: `throughput, receipts/s (${s.service.connections} persistent connections)`,
      target: '>= 10,000',
      sink: `${fmt(s.sink.throughput)} (${fmt(s.sink.mibPerS)} MiB/s)`,
      service: `${fmt(s.service.throughput)} (${fmt(s.service.mibPerS)} MiB/s)`,
      pass: s.service.throughput >= 10_000,
    });
  } else {
    out.push({
      metric: 'open-loop load (one receipt per connection), achieved receipts/s',
      target: '(reported)',
      sink: fmt(s.sink.achievedRate),
      service: `${fmt(s.service.achievedRate)} (${s.service.heldBack} starts held back)`,
      pass: null,
    });
    out.push(durableRow(s, 'service p99 < 20 ms', s.service.durableP99Ms < 20));
    out.push(sseRow(s));
  }
  out.push(lossCheck(s));
  const cpu = (f) =>
    `server ${f.cpuPct_server}%, client ${f.cpuPct_client}%, bench ${f.cpuPct_orchestrator}%, other ${f.cpuPct_other}% (machine ${f.cpuPct_machine}% of 200%)`;
  out.push({
    metric: 'CPU during the load (% of one core)',
    target: '(reported)',
    sink: cpu(s.sink),
    service: cpu(s.service),
    pass: null,
  });
  out.push(...processChecks(s));
  return out;
}

/** Send-to-durable-ack latency row (server close), with the scenario's target. */
function durableRow(s, target, pass) {
  return {
    metric: 'latency end() -> server close (durable ack), p50 / p99',
    target,
    sink: `${fmt(s.sink.durableP50Ms)} / ${fmt(s.sink.durableP99Ms)} ms`,
    service: `${fmt(s.service.durableP50Ms)} / ${fmt(s.service.durableP99Ms)} ms`,
    pass,
  };
}

/** Send-to-SSE-event latency row (service only). */
function sseRow(s) {
  return {
    metric: 'latency end() -> SSE receipt event, p50 / p99',
    target: '(reported)',
    sink: 'n/a',
    service: `${fmt(s.service.sseP50Ms)} / ${fmt(s.service.sseP99Ms)} ms (${s.service.sseMissing} missing)`,
    pass: s.service.sseMissing === 0 ? null : false,
  };
}
