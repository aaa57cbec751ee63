/**
 * A small uPlot line of one gauge over the last minutes. uPlot draws on a canvas, which cannot
 * read CSS variables: the line takes the box's computed `color` (set from the theme's state
 * colours) at each draw, and draws again when the colour scheme changes. No axes, no cursor, no
 * animation (a new point each second is the only movement), so prefers-reduced-motion needs
 * nothing more; the numbers are in the label for screen readers.
 */
import { useComputedColorScheme } from '@mantine/core';
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export type SparkData = [number[], (number | null)[]];

export interface SparklineProps {
  /** Times in seconds and one value per time (null: no value then). */
  data: SparkData;
  /** What the line shows, in words, e.g. "Connections, last 10 minutes: now 3, highest 12". */
  label: string;
  /** A CSS colour, e.g. var(--accent). */
  colour: string;
  /** The scale reaches at least this (a gauge's capacity). */
  ceiling?: number;
  /** Seconds of history across the full width. */
  windowS: number;
  height?: number;
}

export function Sparkline({
  data,
  label,
  colour,
  ceiling = 0,
  windowS,
  height = 36,
}: SparklineProps) {
  const box = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  // The scale functions live as long as the chart; they read the latest props through refs.
  const latest = useRef({ ceiling, windowS, data });
  latest.current = { ceiling, windowS, data };
  const scheme = useComputedColorScheme('light');

  useEffect(() => {
    const el = box.current!;
    const stroke = () => getComputedStyle(el).color;
    const u = new uPlot(
      {
        width: Math.max(el.clientWidth, 1),
        height,
        padding: [3, 1, 1, 1],
        legend: { show: false },
        cursor: { show: false },
        select: { show: false, left: 0, top: 0, width: 0, height: 0 },
        axes: [{ show: false }, { show: false }],
        scales: {
          x: {
            time: false,
            // The history since the window opened fills the width, up to windowS of it.
            range: (_u, min, max) => {
              const end = max ?? 0;
              const span = Math.min(Math.max(end - (min ?? end), 1), latest.current.windowS);
              return [end - span, end];
            },
          },
          y: {
            range: (_u, _min, max) => [0, Math.max(max ?? 0, latest.current.ceiling, 1e-9) * 1.05],
          },
        },
        series: [
          {},
          {
            stroke,
            fill: () => translucent(stroke(), 0.16),
            width: 1.5,
            points: { show: false },
          },
        ],
      },
      latest.current.data,
      el,
    );
    plot.current = u;
    const resize = new ResizeObserver(() => {
      const width = Math.floor(el.clientWidth);
      if (width > 0 && width !== u.width) u.setSize({ width, height });
    });
    resize.observe(el);
    return () => {
      resize.disconnect();
      u.destroy();
      plot.current = null;
    };
  }, [height]);

  useEffect(() => {
    plot.current?.setData(data);
  }, [data, ceiling]);

  useEffect(() => {
    plot.current?.redraw(false);
  }, [scheme, colour]);

  return (
    <div
      ref={box}
      className="sparkline"
      role="img"
      aria-label={label}
      data-points={data[0].length}
      style={{ color: colour, height }}
    />
  );
}

/** The same colour, see-through: "rgb(r, g, b)" as computed, with an alpha. */
export function translucent(rgb: string, alpha: number): string {
  const parts = /^rgba?\(([^,]+),([^,]+),([^,)]+)/.exec(rgb);
  return parts ? `rgba(${parts[1]},${parts[2]},${parts[3]}, ${alpha})` : 'transparent';
}
