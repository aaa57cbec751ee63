// The UI benchmark's table: each metric's median and p95 over runs, against the targets.
// A target is judged on the median of the runs (as BENCHMARKS.md quotes medians); p95 shows the
// spread (with 5-7 runs it is the slowest run).
// Used for one `bench/ui.mjs` run and, pooling the runs of several result files, by
// bench/medians.mjs. Each row: { metric, target, median, p95, runs, pass } (pass null: reported).
import { median, percentile } from './stats.mjs';

const fmt = (x) =>
  x === null || x === undefined ? 'n/a' : x.toLocaleString('en-US', { maximumFractionDigits: 1 });
const passText = (p) => (p === null ? '—' : p ? 'pass' : '**miss**');

/** median and p95 (nearest rank) of one figure over runs. */
function spread(values) {
  const v = values.filter((x) => typeof x === 'number' && Number.isFinite(x));
  return { median: median(v), p95: percentile(v, 95), runs: v.length };
}

function row(metric, target, values, passIf, unit = ' ms') {
  const s = spread(values);
  return {
    metric,
    target,
    median: s.median === null ? 'n/a' : `${fmt(s.median)}${unit}`,
    p95: s.p95 === null ? 'n/a' : `${fmt(s.p95)}${unit}`,
    runs: s.runs,
    pass: passIf === null || s.median === null ? null : passIf(s),
  };
}

/**
 * Other work on the machine (teammates' tests) above this share of one core during a run makes
 * the run say more about them than about us: such runs are left out, as in the load tables.
 */
export const BUSY_PCT = 25;

/** The runs measured on a quiet machine (all of them if none was), and how many were left out. */
function quiet(runs, otherOf) {
  const kept = runs.filter((r) => !(otherOf(r) > BUSY_PCT));
  return kept.length ? { kept, left: runs.length - kept.length } : { kept: runs, left: 0 };
}

/** Rows for a UI result ({ firstPaint, search, feed }), e.g. several runs pooled. */
export function uiChecks(all) {
  const busy = {};
  const pick = (name, runs, otherOf) => {
    const q = quiet(runs ?? [], otherOf);
    busy[name] = q.left;
    return q.kept;
  };
  const firstPaint = pick('first paint', all.firstPaint, (r) => r.afterStart.otherCpuPct);
  const reopened = pick('reopened', all.firstPaint, (r) => r.reopened.otherCpuPct);
  const search = (all.search ?? []).map((s) => ({
    ...s,
    runs: pick(`search "${s.text}"`, s.runs, (r) => r.otherCpuPct),
  }));
  const feed = pick('feed', all.feed, (r) => r.otherCpuPct ?? r.cpuPct?.other);
  const rows = checkRows(firstPaint, reopened, search, feed);
  rows.leftOut = Object.entries(busy)
    .filter(([, n]) => n > 0)
    .map(([k, n]) => `${k} ${n}`);
  return rows;
}

function checkRows(firstPaint, reopened, search, feed) {
  const under = (ms) => (s) => s.median < ms;
  const fp = (key, field) => (key === 'reopened' ? reopened : firstPaint).map((r) => r[key][field]);
  const out = [
    row(
      'Live, service just started: navigation → first contentful paint',
      '< 500 ms',
      fp('afterStart', 'fcp'),
      under(500),
    ),
    row(
      'Live, service just started: navigation → first receipt cards painted',
      '< 500 ms',
      fp('afterStart', 'firstCardPainted'),
      under(500),
    ),
    row(
      '  of which: page and scripts loaded (DOMContentLoaded)',
      '(reported)',
      fp('afterStart', 'domContentLoaded'),
      null,
    ),
    row(
      '  of which: first page of receipts answered (/api/receipts)',
      '(reported)',
      fp('afterStart', 'listRequestEnd'),
      null,
    ),
    row(
      'Live, window reopened (service running): → first contentful paint',
      '< 500 ms',
      fp('reopened', 'fcp'),
      under(500),
    ),
    row(
      'Live, window reopened: → first receipt cards painted',
      '< 500 ms',
      fp('reopened', 'firstCardPainted'),
      under(500),
    ),
    row(
      'Live opening: longest task in the page',
      '(reported)',
      fp('afterStart', 'longestTaskMs'),
      null,
    ),
  ];
  for (const s of search) {
    const r = (field) => s.runs.map((x) => x[field]);
    const n = s.runs[0]?.results ?? 0;
    out.push(
      row(
        `Search "${s.text}" (${n}${n === 50 ? '+' : ''} results): last key → results painted`,
        '< 150 ms',
        r('keyToPaintedMs'),
        under(150),
      ),
      row(
        "  of which: last key → request sent (the screen's typing pause)",
        '(reported)',
        r('keyToRequestMs'),
        null,
      ),
      row('  of which: request → answer read (HTTP + query)', '(reported)', r('requestMs'), null),
      row(
        '  of which: answer → results painted (React, layout, paint)',
        '(reported)',
        r('answerToPaintedMs'),
        null,
      ),
      row(
        '  slowest query sent while typing (a shorter prefix)',
        '(reported)',
        r('slowestQueryWhileTypingMs'),
        null,
      ),
    );
    const final = s.server?.at(-1);
    const slowest = s.server?.reduce((a, b) => (b.medianMs > a.medianMs ? b : a), s.server[0]);
    if (final)
      out.push({
        metric: `  service alone: GET /api/receipts?q=${final.q} (slowest prefix: "${slowest.q}")`,
        target: '(reported)',
        median: `${fmt(final.medianMs)} ms (${fmt(slowest.medianMs)} ms)`,
        p95: `max ${fmt(final.maxMs)} ms`,
        runs: 7,
        pass: null,
      });
  }
  if (feed.length) {
    const f = (field) => feed.map((x) => x[field]);
    const rate = median(f('achievedRate'));
    const missing = feed.reduce((a, x) => a + x.missingInPage, 0);
    const sent = feed.reduce((a, x) => a + x.sent, 0);
    out.push(
      {
        metric: `Feed at ${fmt(rate)} receipts/s for ${fmt(median(f('sentSeconds')))} s: receipts missing in the page / counter right`,
        target: '0 / every run',
        median: `${missing} of ${fmt(sent)} / ${feed.filter((x) => x.counterRight).length} of ${feed.length} runs`,
        p95: '',
        runs: feed.length,
        pass: missing === 0 && feed.every((x) => x.counterRight),
      },
      row('Feed: send → card painted, p50 of each run', '(reported)', f('cardLagP50Ms'), null),
      row(
        'Feed: send → card painted, p95 of each run',
        '< 1,000 ms (bounded)',
        f('cardLagP95Ms'),
        under(1000),
      ),
      row(
        'Feed: card lag, last third minus first third of the run (growth)',
        '< 250 ms (not growing)',
        feed.map((x) => (x.cardLagLastThirdMs ?? Infinity) - (x.cardLagFirstThirdMs ?? 0)),
        under(250),
      ),
      row('Feed: send → receipt event in the page, p95', '(reported)', f('streamLagP95Ms'), null),
      row(
        "Feed: receipt event → its card painted (the page's share), p95",
        '(reported)',
        f('eventToCardP95Ms'),
        null,
      ),
      row(
        'Feed: UI updates per second, busiest second',
        '≤ 30',
        f('uiUpdatesPerSecondMax'),
        (s) => s.median <= 30,
        '',
      ),
      row('Feed: longest task in the page', '< 200 ms', f('longestTaskMs'), under(200)),
      row(
        'Feed: counter right, ms after the last send',
        '(reported)',
        f('counterMsAfterLastSend'),
        null,
      ),
      row('Feed: browser CPU (% of one core)', '(reported)', f('browserCpuPct'), null, '%'),
      row(
        'Feed: service CPU (% of one core)',
        '(reported)',
        feed.map((x) => x.cpuPct?.server),
        null,
        '%',
      ),
    );
  }
  return out;
}

export function uiTable(title, checks) {
  const left = checks.leftOut?.length
    ? `\n\nLeft out (other work above ${BUSY_PCT}% of a core during the run): ${checks.leftOut.join(', ')} runs.`
    : '';
  const rows = checks.map(
    (c) =>
      `| ${c.metric} | ${c.target} | ${c.median} | ${c.p95} | ${c.runs} | ${passText(c.pass)} |`,
  );
  return `| ${title} | target | median | p95 | runs | result |\n| --- | --- | --- | --- | --- | --- |\n${rows.join('\n')}${left}`;
}

/** Several result files as one: their runs pooled (searches matched by text). */
export function poolRuns(results) {
  const search = [];
  for (const r of results)
    for (const s of r.search ?? []) {
      const same = search.find((x) => x.text === s.text);
      if (same) same.runs.push(...s.runs);
      else search.push({ ...s, runs: [...s.runs] });
    }
  return {
    firstPaint: results.flatMap((r) => r.firstPaint ?? []),
    search,
    feed: results.flatMap((r) => r.feed ?? []),
  };
}
