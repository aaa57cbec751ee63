// First paint of the Live screen with the seeded receipts. Each run starts the service on the
// data (as opening the app does), opens the page in a fresh browser context (empty cache: the
// window's first opening), and reads the Performance API: from navigation start (the window
// opening) to the first contentful paint and to the frame that first shows receipt cards. Then
// it opens the page once more while that service runs (the window reopened from the tray).
/* global window */
import { cpuWindow } from './cpu.mjs';
import { browserPids, freshPage } from './ui-browser.mjs';
import { startService, stop } from './procs.mjs';

const round1 = (x) => (x === null || x === undefined ? null : Math.round(x * 10) / 10);

/** Opens Live in a fresh context and waits for the first painted frame with receipt cards. */
export async function openLive(browser, httpPort, servicePid) {
  const { context, page } = await freshPage(browser);
  // Other work on the machine (teammates' tests) in the same window: the runs must be read with it.
  const pids = Object.fromEntries(browserPids().map((p, i) => [`chromium${i}`, p]));
  const cpu = cpuWindow({ service: servicePid, ...pids });
  try {
    await page.goto(`http://127.0.0.1:${httpPort}/`, { waitUntil: 'commit' });
    await page.waitForFunction(
      () => window.__uiBench.updates.some((u) => u.list === 'live' && u.painted !== null),
      null,
      { timeout: 30_000, polling: 50 },
    );
    const m = await page.evaluate(() => {
      const b = window.__uiBench;
      const nav = performance.getEntriesByType('navigation')[0];
      const fcp = performance.getEntriesByName('first-contentful-paint')[0];
      const first = b.updates.find((u) => u.list === 'live');
      const resources = performance.getEntriesByType('resource');
      const list = resources.find((e) => e.name.includes('/api/receipts'));
      const scripts = resources.filter((e) => e.initiatorType === 'script');
      return {
        fcp: fcp?.startTime ?? null,
        firstCardInPage: first.t,
        firstCardPainted: first.painted,
        cardsInFirstFrame: first.cards.length,
        lcp: b.lcp?.t ?? null,
        lcpElement: b.lcp?.tag ?? null,
        htmlEnd: nav.responseEnd,
        scriptsEnd: scripts.length ? Math.max(...scripts.map((e) => e.responseEnd)) : null,
        domContentLoaded: nav.domContentLoadedEventEnd,
        listRequestStart: list?.startTime ?? null,
        listRequestEnd: list?.responseEnd ?? null,
        longestTaskMs: Math.max(0, ...b.longTasks.map((t) => t.ms)),
        longTasks: b.longTasks.length,
      };
    });
    m.otherCpuPct = cpu().other;
    return Object.fromEntries(
      Object.entries(m).map(([k, v]) => [k, typeof v === 'number' ? round1(v) : v]),
    );
  } finally {
    await context.close();
  }
}

/** `runs` times: a fresh service and a first window, then a second window on the same service. */
export async function firstPaintRuns({ browser, dataDir, runs, log }) {
  const out = [];
  for (let i = 0; i < runs; i++) {
    const svc = await startService(dataDir);
    try {
      const afterStart = await openLive(browser, svc.httpPort, svc.pid);
      const reopened = await openLive(browser, svc.httpPort, svc.pid);
      out.push({ afterStart, reopened });
      log(
        `first paint ${i + 1}/${runs}: FCP ${afterStart.fcp} ms, cards painted ${afterStart.firstCardPainted} ms` +
          ` (reopened: ${reopened.fcp} / ${reopened.firstCardPainted} ms); other work ${afterStart.otherCpuPct}% of a core`,
      );
    } finally {
      await stop(svc.child);
    }
  }
  return out;
}
