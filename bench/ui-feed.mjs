// Does the Live screen keep up with 1,000 receipts a second? The page is open on the seeded
// data; tills in a child process (bench/ui-feed-client.mjs) send `rate` receipts a second for
// `durationS` seconds over several connections to the three station ports. Each receipt has a
// `BENCH <run>-<n>` line, so the page probe can tell when it reached the page (live stream) and
// when its card was painted. Then the page's counter must reach what was sent.
/* global window, document */
import { cpuWindow } from './cpu.mjs';
import { startClient } from './procs.mjs';
import { getJson } from './sampler.mjs';
import { maxOf, median, percentile } from './stats.mjs';
import { browserPids, freshPage } from './ui-browser.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const round1 = (x) => (x === null || x === undefined ? null : Math.round(x * 10) / 10);
const digits = (text) => Number((text ?? '').replace(/\D/g, '')) || 0;

/** The tills, ready to go: resolves { child, go(): Promise<result> }. */
const startTills = (job) => startClient(job, 'ui-feed-client.mjs');

/** Median of the values whose time falls in [from, to). */
const medianIn = (points, from, to) =>
  median(points.filter((p) => p.t >= from && p.t < to).map((p) => p.v));

async function feedOnce({ browser, svc, job, log }) {
  const { context, page } = await freshPage(browser);
  try {
    await page.goto(`http://127.0.0.1:${svc.httpPort}/`);
    await page.waitForFunction(
      () => window.__uiBench.updates.some((u) => u.painted !== null),
      null,
      {
        timeout: 30_000,
      },
    );
    const total = page.getByTestId('stat-total');
    await page.waitForFunction(() =>
      /\d/.test(document.querySelector('[data-testid="stat-total"]')?.textContent ?? ''),
    );
    await sleep(1000); // the first page's follow-up calls (stats, metrics) are done
    const before = digits(await total.textContent());
    const stored = (await getJson(svc.httpPort, '/api/stats')).receiptsTotal;
    const origin = await page.evaluate(() => performance.timeOrigin);
    const tills = await startTills(job);
    const cpu = cpuWindow({
      server: svc.pid,
      client: tills.child.pid,
      ...Object.fromEntries(browserPids().map((p, i) => [`chromium${i}`, p])),
    });
    const sent = await tills.go();
    const cpuAll = cpu();
    const used = Object.fromEntries(
      Object.entries(cpuAll).filter(([k]) => !k.startsWith('chromium')),
    );
    used.browser = Object.entries(cpuAll).reduce(
      (a, [k, v]) => a + (k.startsWith('chromium') ? (v ?? 0) : 0),
      0,
    );
    const count = sent.written.filter((t) => t !== null).length;
    // Done when every receipt reached the page and the counter says so (bounded wait).
    const expected = before + count;
    const counterAt = await page
      .waitForFunction(
        (n) => {
          const v = Number(
            (document.querySelector('[data-testid="stat-total"]')?.textContent ?? '').replace(
              /\D/g,
              '',
            ),
          );
          return v >= n ? performance.now() : false;
        },
        expected,
        { polling: 'raf', timeout: 20_000 },
      )
      .then((h) => h.jsonValue())
      .catch(() => null);
    const prefix = `${job.runId}-`;
    // ...and every receipt has come down the live stream (announced once interpreted).
    const streamedAt = await page
      .waitForFunction(
        ([pre, n]) => {
          let seen = 0;
          for (const m of window.__uiBench.streamed.keys()) if (m.startsWith(pre)) seen++;
          return seen >= n ? performance.now() : false;
        },
        [prefix, count],
        { polling: 100, timeout: 20_000 },
      )
      .then((h) => h.jsonValue())
      .catch(() => null);
    // ...and the newest card on screen is the last receipt sent.
    const lastCardAt = await page
      .waitForFunction(
        (last) => {
          const top = document.querySelector('.receipt-list [data-testid="receipt"] pre');
          return top?.textContent.includes(`BENCH ${last}\n`) ? performance.now() : false;
        },
        `${prefix}${count - 1}`,
        { polling: 'raf', timeout: 10_000 },
      )
      .then((h) => h.jsonValue())
      .catch(() => null);
    const p = await page.evaluate((pre) => {
      const b = window.__uiBench;
      const streamed = [];
      for (const [m, t] of b.streamed)
        if (m.startsWith(pre)) streamed.push([Number(m.slice(pre.length)), t]);
      return {
        streamed,
        updates: b.updates
          .filter((u) => u.list === 'live')
          .map((u) => ({
            t: u.t,
            painted: u.painted,
            cards: u.cards
              .filter((c) => c.marker?.startsWith(pre))
              .map((c) => Number(c.marker.slice(pre.length))),
          })),
        longTasks: b.longTasks,
        counter: document.querySelector('[data-testid="stat-total"]')?.textContent ?? '',
      };
    }, prefix);
    // Everything on one clock: wall time in ms (page times + its origin; the client's are wall).
    const wall = (t) => origin + t;
    const from = sent.t0;
    const until = sent.ended;
    const streamLag = p.streamed.map(([n, t]) => ({
      t: sent.written[n],
      v: wall(t) - sent.written[n],
    }));
    const cardLag = [];
    const runUpdates = p.updates.filter((u) => wall(u.t) >= from && u.painted !== null);
    for (const u of runUpdates)
      for (const n of u.cards)
        cardLag.push({ t: sent.written[n], v: wall(u.painted) - sent.written[n] });
    // The page's own share: from a receipt's event arriving to its card painted.
    const arrived = new Map(p.streamed);
    const pageShare = [];
    for (const u of runUpdates)
      for (const n of u.cards) if (arrived.has(n)) pageShare.push(u.painted - arrived.get(n));
    const perSecond = [];
    for (let s = from; s + 1000 <= until; s += 1000)
      perSecond.push(runUpdates.filter((u) => wall(u.t) >= s && wall(u.t) < s + 1000).length);
    const tasks = p.longTasks.filter((t) => wall(t.start) >= from - 100);
    const third = (until - from) / 3;
    const firstThird = medianIn(cardLag, from, from + third);
    const lastThird = medianIn(cardLag, until - third, until + 1);
    const storedAfter = (await getJson(svc.httpPort, '/api/stats')).receiptsTotal;
    const figures = {
      sent: count,
      sentSeconds: round1((until - from) / 1000),
      achievedRate: round1(count / ((until - from) / 1000)),
      connectionsOk: sent.connectionsOk,
      stored: storedAfter - stored,
      streamedToPage: p.streamed.length,
      missingInPage: count - p.streamed.length,
      counterBefore: before,
      counterAfter: digits(p.counter),
      counterRight: digits(p.counter) === expected,
      counterMsAfterLastSend: counterAt === null ? null : round1(wall(counterAt) - until),
      streamDoneMsAfterLastSend: streamedAt === null ? null : round1(wall(streamedAt) - until),
      lastCardMsAfterLastSend: lastCardAt === null ? null : round1(wall(lastCardAt) - until),
      streamLagP50Ms: round1(
        percentile(
          streamLag.map((x) => x.v),
          50,
        ),
      ),
      streamLagP95Ms: round1(
        percentile(
          streamLag.map((x) => x.v),
          95,
        ),
      ),
      cardsPainted: cardLag.length,
      cardLagP50Ms: round1(
        percentile(
          cardLag.map((x) => x.v),
          50,
        ),
      ),
      cardLagP95Ms: round1(
        percentile(
          cardLag.map((x) => x.v),
          95,
        ),
      ),
      eventToCardP50Ms: round1(percentile(pageShare, 50)),
      eventToCardP95Ms: round1(percentile(pageShare, 95)),
      cardLagMaxMs: round1(maxOf(cardLag.map((x) => x.v))),
      cardLagFirstThirdMs: round1(firstThird),
      cardLagLastThirdMs: round1(lastThird),
      uiUpdatesPerSecondMax: maxOf(perSecond),
      uiUpdatesPerSecondMedian: median(perSecond),
      longTasks: tasks.length,
      longestTaskMs: round1(maxOf(tasks.map((t) => t.ms)) ?? 0),
      browserCpuPct: used.browser,
      otherCpuPct: used.other,
      cpuPct: used,
    };
    log(
      `feed: ${figures.sent} receipts in ${figures.sentSeconds} s; card lag p50 ${figures.cardLagP50Ms} / p95 ` +
        `${figures.cardLagP95Ms} ms (first third ${figures.cardLagFirstThirdMs}, last ${figures.cardLagLastThirdMs}); ` +
        `${figures.missingInPage} missing; counter ${figures.counterRight ? 'right' : 'WRONG'}; ` +
        `updates/s max ${figures.uiUpdatesPerSecondMax}; longest task ${figures.longestTaskMs} ms`,
    );
    return figures;
  } finally {
    await context.close();
  }
}

/** `runs` feed runs against the running service `svc` (its printer ports from /api/health). */
export async function feedRuns({ browser, svc, runs, rate, durationS, conns, runId, log }) {
  const health = await getJson(svc.httpPort, '/api/health');
  const ports = health.listeners.map((l) => ({ station: l.station, port: l.port }));
  const out = [];
  for (let i = 0; i < runs; i++) {
    const job = {
      ports,
      conns,
      rate,
      durationS,
      runId: `${runId}f${i}`,
      seed: 500 + i,
      timeLimitMs: (durationS + 20) * 1000,
    };
    out.push(await feedOnce({ browser, svc, job, log }));
  }
  return out;
}
