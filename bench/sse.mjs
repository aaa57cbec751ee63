// Subscribes to the service's /api/stream and notes when each benchmark receipt is announced:
// marker (from the "BENCH <marker>" line in the receipt's text) -> arrival time. The marker is
// found in the raw data line, so thousands of events a second cost no JSON parsing. Reconnects
// (resuming with Last-Event-ID) at most a few times if the stream ends.
import http from 'node:http';
import { now } from './stats.mjs';

const MARKER = /BENCH ([A-Za-z0-9-]+)/;
const MAX_RECONNECTS = 5;

export function subscribe(httpPort) {
  const arrivals = new Map();
  /** Receipts seen per run prefix (the marker up to its first '-'). */
  const perPrefix = new Map();
  const state = { events: 0, withoutText: 0, withoutMarker: 0, reconnects: 0, errors: [] };
  let lastId = null;
  let req = null;
  let closed = false;
  let opened;
  const openedOnce = new Promise((resolve) => (opened = resolve));

  const connect = () => {
    const headers = { Accept: 'text/event-stream' };
    if (lastId !== null) headers['Last-Event-ID'] = lastId;
    req = http.get({ host: '127.0.0.1', port: httpPort, path: '/api/stream', headers }, (res) => {
      if (res.statusCode !== 200) {
        state.errors.push(`HTTP ${res.statusCode}`);
        res.resume();
        return;
      }
      opened();
      res.setEncoding('utf8');
      let buf = '';
      res.on('data', (chunk) => {
        const t = now();
        buf += chunk;
        let end;
        while ((end = buf.indexOf('\n\n')) >= 0) {
          onEvent(buf.slice(0, end), t);
          buf = buf.slice(end + 2);
        }
      });
      res.on('end', retry);
      res.on('error', retry);
    });
    req.on('error', (err) => {
      state.errors.push(err.message);
      retry();
    });
  };
  const retry = () => {
    if (closed || state.reconnects >= MAX_RECONNECTS) return;
    state.reconnects++;
    setTimeout(connect, 200);
  };
  const onEvent = (block, t) => {
    if (!block.includes('event: receipt')) return;
    state.events++;
    const idLine = /^id: (\d+)$/m.exec(block);
    if (idLine) lastId = idLine[1];
    if (block.includes('"text":null')) state.withoutText++;
    const m = MARKER.exec(block);
    if (!m) {
      state.withoutMarker++;
      return;
    }
    if (arrivals.has(m[1])) return;
    arrivals.set(m[1], t);
    const prefix = m[1].slice(0, m[1].indexOf('-'));
    perPrefix.set(prefix, (perPrefix.get(prefix) ?? 0) + 1);
  };

  connect();
  return {
    arrivals,
    state,
    seen: (prefix) => perPrefix.get(prefix) ?? 0,
    opened: openedOnce,
    close() {
      closed = true;
      req?.destroy();
    },
  };
}
