import { Text } from '@mantine/core';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useDeskApi } from '../api/desk-api-context';
import { loadOlder } from '../state/connect-desk';
import { useDesk } from '../state/desk-store';
import { EmptyState } from './EmptyState';
import { ReceiptCard } from './ReceiptCard';
import { StationFilter } from './StationFilter';

/** A card's width and the gap between cards, in CSS pixels (the grid's lanes follow from them). */
const CARD_WIDTH = 404;
const GAP = 20;

/**
 * Newest first, in as many columns as fit. Only the cards near the viewport exist in the page,
 * so a day of thousands of receipts scrolls as smoothly as ten. When new receipts arrive while
 * the manager is reading further down, the view stays on what they were reading.
 */
export function ReceiptList() {
  const receipts = useDesk((s) => s.receipts);
  const loaded = useDesk((s) => s.loaded);
  const station = useDesk((s) => s.station);
  const scroller = useRef<HTMLDivElement>(null);
  const [lanes, setLanes] = useState(1);

  useEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const fit = () => {
      const room = el.clientWidth - parseFloat(getComputedStyle(el).paddingRight || '0');
      setLanes(Math.max(1, Math.floor((room + GAP) / (CARD_WIDTH + GAP))));
    };
    fit();
    const observer = new ResizeObserver(fit);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  const list = useVirtualizer({
    count: receipts.length,
    getScrollElement: () => scroller.current,
    // Close to the card's real height (header, then one line per line of text), so measuring a
    // card moves the cards after it as little as possible.
    estimateSize: (index) => estimateHeight(receipts[index].text),
    getItemKey: (index) => receipts[index].id,
    overscan: 6,
    lanes,
    gap: GAP,
  });

  // Keep the card at the top of the view in place when receipts are added above it.
  const anchor = useRef<{ key: number; start: number } | null>(null);
  useLayoutEffect(() => {
    const el = scroller.current;
    const before = anchor.current;
    if (el && before && el.scrollTop > 0) {
      const now = list.measurementsCache.find((m) => m.key === before.key);
      if (now && now.start !== before.start) el.scrollTop += now.start - before.start;
    }
  }, [receipts, list]);
  const visible = list.getVirtualItems();
  const top = visible.find((item) => item.end > (scroller.current?.scrollTop ?? 0));
  anchor.current = top ? { key: top.key as number, start: top.start } : null;

  // Near the end of what the list holds: fetch the next older page. Back at the top: let go of
  // what was fetched, so a window open for weeks stays light.
  const api = useDeskApi();
  const last = visible.length > 0 ? visible[visible.length - 1].index : -1;
  useEffect(() => {
    if (last >= receipts.length - 8 && receipts.length > 0) void loadOlder(api, useDesk);
  }, [api, last, receipts.length]);
  // Another station's list starts at its newest receipt.
  useEffect(() => {
    if (scroller.current) scroller.current.scrollTop = 0;
  }, [station]);
  useEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const onScroll = () => {
      if (el.scrollTop === 0) useDesk.getState().trim();
    };
    el.addEventListener('scroll', onScroll, { passive: true });
    return () => el.removeEventListener('scroll', onScroll);
  }, []);

  return (
    <section className="receipts" aria-label="Receipts">
      <StationFilter />
      {loaded && receipts.length === 0 && station === null ? <EmptyState /> : null}
      {loaded && receipts.length === 0 && station !== null ? (
        <Text c="dimmed">Nothing from {station} yet. Its receipts appear here as they print.</Text>
      ) : null}
      <div ref={scroller} className="receipt-scroll" data-testid="receipt-scroll">
        <ol className="receipt-list" style={{ height: list.getTotalSize() }}>
          {visible.map((item) => (
            <li
              key={item.key}
              data-index={item.index}
              ref={list.measureElement}
              style={{
                transform: `translate(${item.lane * (CARD_WIDTH + GAP)}px, ${item.start}px)`,
                width: lanes > 1 ? CARD_WIDTH : '100%',
              }}
            >
              <ReceiptCard receipt={receipts[item.index]} />
            </li>
          ))}
        </ol>
      </div>
    </section>
  );
}

/** A card's height before it is measured: its header and padding, and its text's lines. */
function estimateHeight(text: string | null): number {
  const lines = text ? text.split('\n').length : 1;
  return 88 + Math.min(lines, 26) * 17.4;
}
