/**
 * A receipt's layout as a person sees it on paper: the printed bands from top to bottom (a logo,
 * a line of text), where each starts and ends across the paper in character columns, and how
 * many blank lines lie between them. Read the same way from a photo of a real print and from the
 * interpreter's document, so the two can be compared.
 */
import type { Block, ImageBlock, TextBlock } from '../../src/shared';
import type { Picture } from './receipts';

export interface Band {
  kind: 'image' | 'text';
  /** First and last+1 inked column, in font A columns from the paper's left edge. */
  left: number;
  right: number;
  /** Blank text lines between this band and the one above (0 for the first). */
  blankAbove: number;
}

/**
 * Bands of a photo: runs of rows with ink, `frame` pixels in from each edge (a scan's border is
 * not print). `grid` names consecutive full-width text lines (first and last band index): their
 * ink spans `columns` columns, which sets the column width, and their tops set the line pitch.
 */
export function photoBands(
  photo: Picture,
  columns: number,
  grid: [number, number],
  frame: number,
): Band[] {
  const runs: { y0: number; y1: number; x0: number; x1: number }[] = [];
  let open: (typeof runs)[number] | null = null;
  for (let y = frame; y < photo.height - frame; y++) {
    let x0 = Infinity;
    let x1 = -1;
    for (let x = frame; x < photo.width - frame; x++) {
      if (photo.dark[y * photo.width + x]) {
        x0 = Math.min(x0, x);
        x1 = Math.max(x1, x);
      }
    }
    if (x1 >= 0) {
      if (open)
        Object.assign(open, { y1: y, x0: Math.min(open.x0, x0), x1: Math.max(open.x1, x1) });
      else open = { y0: y, y1: y, x0, x1 };
    } else if (open) {
      runs.push(open);
      open = null;
    }
  }
  if (open) runs.push(open);
  const text = runs.slice(grid[0], grid[1] + 1);
  const left = Math.min(...text.map((r) => r.x0));
  const pitchX = (Math.max(...text.map((r) => r.x1 + 1)) - left) / columns;
  const pitchY = (text[text.length - 1].y0 - text[0].y0) / (text.length - 1);
  return runs.map((r, k) => ({
    kind: r.y1 - r.y0 > 2 * pitchY ? 'image' : 'text',
    left: (r.x0 - left) / pitchX,
    right: (r.x1 + 1 - left) / pitchX,
    blankAbove: k === 0 ? 0 : Math.max(0, Math.round((r.y0 - runs[k - 1].y1) / pitchY - 0.5)),
  }));
}

/** The columns a text line's ink takes, from its alignment and its runs (font A, no positions). */
function textExtent(block: TextBlock, columns: number): [number, number] | null {
  let col = 0;
  let first = -1;
  let last = -1;
  for (const run of block.runs) {
    const w = run.style.width ?? 1;
    for (const ch of run.text) {
      if (ch !== ' ') {
        if (first < 0) first = col;
        last = col + w;
      }
      col += w;
    }
  }
  if (first < 0) return null;
  const room = columns - col;
  const offset =
    block.align === 'center' ? Math.floor(room / 2) : block.align === 'right' ? room : 0;
  return [offset + first, offset + last];
}

/** The ink of an image across the paper, in columns of `dotsPerColumn` dots. */
function imageExtent(
  image: ImageBlock,
  paperDots: number,
  dotsPerColumn: number,
): [number, number] {
  const bits = Buffer.from(image.bitmapBase64, 'base64');
  const rowBytes = Math.ceil(image.width / 8);
  let x0 = Infinity;
  let x1 = -1;
  for (let y = 0; y < image.height; y++) {
    for (let x = 0; x < image.width; x++) {
      if (bits[y * rowBytes + (x >> 3)] & (0x80 >> (x & 7))) {
        x0 = Math.min(x0, x);
        x1 = Math.max(x1, x);
      }
    }
  }
  const width = image.width * image.scaleX;
  const room = paperDots - width;
  const offset =
    image.align === 'center' ? Math.floor(room / 2) : image.align === 'right' ? room : 0;
  return [
    (offset + x0 * image.scaleX) / dotsPerColumn,
    (offset + (x1 + 1) * image.scaleX) / dotsPerColumn,
  ];
}

/** Bands of the interpreter's document: images and text lines with ink, blank lines between. */
export function documentBands(blocks: Block[], columns: number, paperDots: number): Band[] {
  const bands: Band[] = [];
  let blank = 0;
  for (const block of blocks) {
    if (block.kind === 'image') {
      const [left, right] = imageExtent(block, paperDots, paperDots / columns);
      bands.push({ kind: 'image', left, right, blankAbove: bands.length ? blank : 0 });
      blank = 0;
    } else if (block.kind === 'text') {
      const extent = textExtent(block, columns);
      if (!extent) {
        blank++;
        continue;
      }
      bands.push({
        kind: 'text',
        left: extent[0],
        right: extent[1],
        blankAbove: bands.length ? blank : 0,
      });
      blank = 0;
    }
  }
  return bands;
}
