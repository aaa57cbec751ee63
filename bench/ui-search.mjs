// Search as the manager does it: open the page, press "/", type a word or an order code at a
// person's pace (keys 90-250 ms apart, so most keys outlast the screen's 120 ms typing pause and
// send a query), and time from the last key's keydown to the painted frame that shows the
// answer to the whole text (its request read, its first and last result on screen). Also the
// service's own time for the same query over HTTP, and for each prefix typed on the way.
/* global window, document */
import { getJson } from './sampler.mjs';
import { rng } from './receipts.mjs';
import { median } from './stats.mjs';
import { cpuWindow } from './cpu.mjs';
import { browserPids, freshPage } from './ui-browser.mjs';

const PAGE = 50; // the search screen's page size
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const round1 = (x) => (x === null || x === undefined ? null : Math.round(x * 10) / 10);

/** The first page of results for `q`, as the screen asks for it. */
function expected(httpPort, q) {
  return getJson(httpPort, `/api/receipts?limit=${PAGE}&q=${encodeURIComponent(q)}`);
}

/** One search: a fresh page, "/" then the text typed key by key. */
async function searchOnce(browser, httpPort, servicePid, text, delays) {
  const answer = await expected(httpPort, text);
  const firstId = answer.items[0]?.id ?? null;
  const lastId = answer.items.at(-1)?.id ?? null;
  const { context, page } = await freshPage(browser);
  try {
    await page.goto(`http://127.0.0.1:${httpPort}/`);
    await page.waitForFunction(
      () => window.__uiBench.updates.some((u) => u.painted !== null),
      null,
      {
        timeout: 30_000,
      },
    );
    await page.keyboard.press('/');
    await page.waitForFunction(() => document.activeElement?.dataset.testid === 'search-input');
    // The screen lists the newest receipts as it opens: let that finish before typing.
    await page.waitForFunction(
      () => window.__uiBench.requests.some((r) => r.q === null && r.end !== null),
      null,
      { timeout: 30_000 },
    );
    await sleep(500);
    const keysBefore = await page.evaluate(() => window.__uiBench.keys.length);
    const pids = Object.fromEntries(browserPids().map((p, i) => [`chromium${i}`, p]));
    const cpu = cpuWindow({ service: servicePid, ...pids });
    const done = page.evaluate(
      ([q, f, l]) => window.__uiBench.awaitSearch(q, f, l, 15_000),
      [text, firstId, lastId],
    );
    for (let i = 0; i < text.length; i++) {
      await page.keyboard.type(text[i]);
      if (i < text.length - 1) await sleep(delays[i]);
    }
    const shown = await done;
    const otherCpuPct = cpu().other;
    const page_ = await page.evaluate((from) => {
      const b = window.__uiBench;
      return { keys: b.keys.slice(from), requests: b.requests.filter((r) => r.q !== null) };
    }, keysBefore);
    if (!shown) throw new Error(`the results for "${text}" never appeared`);
    const lastKey = page_.keys.at(-1).t;
    const typedFrom = page_.keys[0].t;
    const during = page_.requests.filter((r) => r.start >= typedFrom);
    return {
      text,
      results: answer.items.length,
      keyToPaintedMs: round1(shown.painted - lastKey),
      keyToRequestMs: round1(shown.request.start - lastKey),
      requestMs: round1(shown.request.end - shown.request.start),
      answerToPaintedMs: round1(shown.painted - shown.request.end),
      queriesSent: during.length,
      otherCpuPct,
      slowestQueryWhileTypingMs: round1(
        Math.max(0, ...during.map((r) => (r.end ?? r.start) - r.start)),
      ),
    };
  } finally {
    await context.close();
  }
}

/** The service alone: GET /api/receipts?q= for the text and each prefix, median of `times`. */
export async function serverTimes(httpPort, text, times = 7) {
  const out = [];
  for (let n = 1; n <= text.length; n++) {
    const q = text.slice(0, n);
    const ms = [];
    for (let i = 0; i < times; i++) {
      const t = performance.now();
      await expected(httpPort, q);
      ms.push(performance.now() - t);
    }
    out.push({ q, medianMs: round1(median(ms)), maxMs: round1(Math.max(...ms)) });
  }
  return out;
}

/** `runs` searches for each text; keystroke delays are the same sequence in every run. */
export async function searchRuns({ browser, httpPort, servicePid, texts, runs, log }) {
  const rand = rng(42);
  const delays = Array.from({ length: 32 }, () => Math.round(90 + rand() * 160));
  const out = [];
  for (const text of texts) {
    const list = [];
    for (let i = 0; i < runs; i++) {
      const r = await searchOnce(browser, httpPort, servicePid, text, delays);
      list.push(r);
      log(
        `search "${text}" ${i + 1}/${runs}: ${r.keyToPaintedMs} ms after the last key ` +
          `(request ${r.requestMs} ms, ${r.queriesSent} queries while typing)`,
      );
    }
    out.push({
      text,
      delays: delays.slice(0, text.length - 1),
      runs: list,
      server: await serverTimes(httpPort, text),
    });
  }
  return out;
}
