// Runs in the page before the app (Playwright addInitScript) and only watches: when receipt
// cards enter the page and when the frame showing them is painted, long tasks, the largest
// contentful paint, the live stream's receipt events, the app's /api/receipts requests and the
// keys typed. The app is not changed; bench/ui-*.mjs read window.__uiBench afterwards.
/* global window, document, MutationObserver, requestAnimationFrame, EventSource */
(() => {
  const MARKER = /BENCH ([A-Za-z0-9-]+)/; // as bench/sse.mjs: the stream's JSON escapes newlines
  const MAX_EVENTS = 50_000;
  const now = () => performance.now();
  const b = {
    /** Each DOM change that added receipt cards: { t, painted, list, cards: [{ id, marker }] }. */
    updates: [],
    longTasks: [],
    lcp: null,
    /** Live stream receipt events: marker -> time received (only receipts with a marker). */
    streamed: new Map(),
    streamEvents: 0,
    /** The app's /api/receipts requests: { q, before, start, end }. */
    requests: [],
    keys: [],
  };
  window.__uiBench = b;

  /** Calls back with the time just after the next frame has been painted. */
  const afterPaint = (done) =>
    requestAnimationFrame(() => {
      const ch = new MessageChannel();
      ch.port1.onmessage = () => done(now());
      ch.port2.postMessage(0);
    });
  b.afterPaint = () => new Promise((resolve) => afterPaint(resolve));

  const cardsIn = (node) => {
    if (node.nodeType !== 1) return [];
    if (node.matches('[data-testid="receipt"]')) return [node];
    return node.querySelectorAll('[data-testid="receipt"]');
  };
  new MutationObserver((records) => {
    const t = now();
    const cards = [];
    for (const r of records) for (const n of r.addedNodes) cards.push(...cardsIn(n));
    if (cards.length === 0 || b.updates.length >= MAX_EVENTS) return;
    const update = {
      t,
      painted: null,
      list: cards[0].closest('.search-results') ? 'search' : 'live',
      cards: cards.map((c) => ({
        id: Number(c.dataset.receiptId),
        marker: MARKER.exec(c.querySelector('pre')?.textContent ?? '')?.[1] ?? null,
      })),
    };
    b.updates.push(update);
    afterPaint((p) => (update.painted = p));
  }).observe(document, { childList: true, subtree: true });

  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) b.longTasks.push({ start: e.startTime, ms: e.duration });
  }).observe({ type: 'longtask', buffered: true });
  new PerformanceObserver((list) => {
    const e = list.getEntries().at(-1);
    if (e)
      b.lcp = { t: e.renderTime || e.startTime, size: e.size, tag: e.element?.tagName ?? null };
  }).observe({ type: 'largest-contentful-paint', buffered: true });

  // The live stream: the app's own EventSource, with one more listener on it.
  const Native = EventSource;
  window.EventSource = class extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener('receipt', (e) => {
        b.streamEvents++;
        const m = MARKER.exec(e.data);
        if (m && !b.streamed.has(m[1]) && b.streamed.size < MAX_EVENTS) b.streamed.set(m[1], now());
      });
    }
  };

  // The app's list and search requests: when each was sent and when its answer was read.
  const nativeFetch = window.fetch.bind(window);
  window.fetch = async (input, init) => {
    const url = new URL(typeof input === 'string' ? input : input.url, window.location.href);
    if (url.pathname !== '/api/receipts') return nativeFetch(input, init);
    const req = {
      q: url.searchParams.get('q'),
      before: url.searchParams.get('before'),
      start: now(),
      end: null,
    };
    b.requests.push(req);
    const res = await nativeFetch(input, init);
    const json = res.json.bind(res);
    res.json = () =>
      json().then((v) => {
        req.end = now();
        return v;
      });
    return res;
  };

  window.addEventListener('keydown', (e) => b.keys.push({ key: e.key, t: now() }), true);

  /**
   * Resolves once the search results on screen are the answer to `q`: its request has been read
   * and the list shows `firstId` .. `lastId` (or says nothing matches when firstId is null), in
   * a painted frame. Checked on every frame; gives up after `timeoutMs`.
   */
  b.awaitSearch = (q, firstId, lastId, timeoutMs = 10_000) =>
    new Promise((resolve) => {
      const started = now();
      const check = () => {
        const req = b.requests.findLast((r) => r.q === q && r.before === null);
        const ids = [...document.querySelectorAll('.search-results [data-testid="receipt"]')].map(
          (c) => Number(c.dataset.receiptId),
        );
        const shown =
          firstId === null ? ids.length === 0 : ids[0] === firstId && ids.at(-1) === lastId;
        if (req?.end != null && shown) {
          const t = now();
          afterPaint((painted) => resolve({ shown: t, painted, request: { ...req } }));
        } else if (now() - started > timeoutMs) resolve(null);
        else requestAnimationFrame(check);
      };
      requestAnimationFrame(check);
    });
})();
