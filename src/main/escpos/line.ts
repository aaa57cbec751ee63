/**
 * The printed line being built: its styled runs, where each starts and ends in dots, and which a
 * position command (HT, ESC $, ESC \, Star's ESC GS A / R, an impact printer's CR) placed. A run
 * shares the current style object until the style changes, so runs in one style merge.
 *
 * The line's plain text puts every run where the paper has it. The columns are those of the
 * finest character on the line (font A's 12 dots, font B's 9, or narrower paper's), and a
 * positioned run starts at round(x / column) from its own position, never from where the run
 * before it ended, so half-column positions do not add up. A run placed over earlier text (rules
 * printed first, cells filled after; a second colour over the first) lands in the same columns;
 * a space printed over a character leaves it, as ink would.
 */
import type { Align, TextRun, TextStyle } from '../../shared';
import { MARK } from './plain-text';

// Per run, in `runData` (stride RUN): where it starts in dots, whether a position command
// placed it, and its first segment. A segment is a stretch of the run's characters of one width;
// a run's segments go on to the next run's first. Per segment, in `segData` (stride SEG): where
// it ends in its run's text, its characters that take a column (combining marks do not), the
// dots each takes, and those of a narrow character of its font at single width.
const RUN = 3;
const SEG = 4;

export class Line {
  runs: TextRun[] = [];
  /** Where the next character goes, and how far right anything on the line reaches, in dots. */
  dots = 0;
  extent = 0;
  /** The alignment the line started with. */
  align: Align = 'left';
  /** Where a position command put the print head for the next run, if it did. */
  pendingX: number | null = null;
  // Reused from line to line (a line is built per LF): two arrays, few to make per receipt.
  private runData = new Float64Array(8 * RUN);
  private segData = new Float64Array(8 * SEG);
  private segments = 0;
  /** Whether a position command placed any run after the first. */
  private moved = false;
  /** The narrowest character unit on the line. */
  private minUnit = Infinity;
  /** Leftmost start of any run (a run may be placed left of the first). */
  private left = 0;

  isEmpty(): boolean {
    return this.runs.length === 0 && this.pendingX === null;
  }

  /**
   * `columns` characters of `cell` dots each in `style`, after the last run or where the print
   * head was moved. `unit` is a narrow character of the run's font at single width.
   */
  append(chars: string, columns: number, cell: number, unit: number, style: TextStyle): void {
    const k = this.runs.length - 1;
    if (k >= 0 && this.pendingX === null && this.runs[k].style === style) {
      const run = this.runs[k];
      const s = (this.segments - 1) * SEG;
      run.text += chars;
      if (this.segData[s + 2] === cell && this.segData[s + 3] === unit) {
        this.segData[s] = run.text.length;
        this.segData[s + 1] += columns;
      } else {
        this.segment(run.text.length, columns, cell, unit);
      }
    } else {
      const run: TextRun = { text: chars, style };
      const explicit = this.pendingX !== null;
      if (explicit) {
        run.x = this.pendingX!;
        this.dots = this.pendingX!; // the print head moved there
      }
      const n = this.runs.push(run) - 1;
      if ((n + 1) * RUN > this.runData.length) this.runData = grown(this.runData);
      const r = n * RUN;
      this.runData[r] = this.dots;
      this.runData[r + 1] = explicit ? 1 : 0;
      if (explicit && n > 0) this.moved = true;
      this.runData[r + 2] = this.segments;
      this.segment(chars.length, columns, cell, unit);
      if (n === 0 || this.dots < this.left) this.left = this.dots;
      this.pendingX = null;
    }
    this.dots += columns * cell;
    if (this.dots > this.extent) this.extent = this.dots;
  }

  /** Where the leftmost run starts, in dots (0 for an empty line). */
  startDots(): number {
    return this.runs.length > 0 ? this.left : 0;
  }

  /**
   * The line's text, each run at its column from the print area's left edge (`colDots` is the
   * widest a column may be: font A's, or less on narrow paper).
   */
  plain(colDots: number): string {
    const runs = this.runs;
    const n = runs.length;
    if (n === 0) return '';
    const col = Math.min(colDots, this.minUnit);
    if (!this.moved) {
      // Most lines: runs one after another from where the first starts.
      let text = runs[0].text;
      for (let k = 1; k < n; k++) text += runs[k].text;
      const lead = Math.round(this.runData[0] / col);
      return (lead > 0 ? ' '.repeat(lead) + text : text).trimEnd();
    }
    // Runs a position placed: each at its column, after where the one before it ended.
    let text = '';
    let cursor = 0;
    for (let k = 0; k < n; k++) {
      const at = this.columnOf(k, col, cursor);
      if (at < cursor) return this.overlaid(col);
      if (at > cursor) text += ' '.repeat(at - cursor);
      text += runs[k].text;
      cursor = at;
      const last = this.lastSegment(k);
      for (let s = this.runData[k * RUN + 2]; s < last; s++) {
        cursor += this.segData[s * SEG + 1] * this.span(s, col);
      }
    }
    return text.trimEnd();
  }

  /** Hands the runs over and starts the next line, aligned as `align`. */
  take(align: Align): TextRun[] {
    const runs = this.runs;
    this.runs = [];
    this.segments = 0;
    this.moved = false;
    this.minUnit = Infinity;
    this.dots = 0;
    this.extent = 0;
    this.left = 0;
    this.pendingX = null;
    this.align = align;
    return runs;
  }

  private segment(end: number, columns: number, cell: number, unit: number): void {
    const s = this.segments++ * SEG;
    if (s + SEG > this.segData.length) this.segData = grown(this.segData);
    this.segData[s] = end;
    this.segData[s + 1] = columns;
    this.segData[s + 2] = cell;
    this.segData[s + 3] = unit;
    if (unit < this.minUnit) this.minUnit = unit;
  }

  /** One past run k's last segment. */
  private lastSegment(k: number): number {
    return k + 1 < this.runs.length ? this.runData[(k + 1) * RUN + 2] : this.segments;
  }

  /** The column run k starts in: its own position's when placed (or first), else the cursor's. */
  private columnOf(k: number, col: number, cursor: number): number {
    return k === 0 || this.runData[k * RUN + 1] === 1
      ? Math.round(this.runData[k * RUN] / col)
      : cursor;
  }

  /** Columns one character of segment s takes (2 for a double-width or Kanji character). */
  private span(s: number, col: number): number {
    return Math.max(1, Math.floor(this.segData[s * SEG + 2] / col + 1e-9));
  }

  /**
   * The slow path, for a line where a run was placed over earlier ones: characters go into the
   * columns they print in. A character wider than a column keeps the columns after it ('').
   */
  private overlaid(col: number): string {
    const grid: string[] = [];
    /** Columns taken by the character starting at a column; 0 where one continues. */
    const spans: number[] = [];
    /** Blanks the whole character a column belongs to, so no half of a wide one is left. */
    const clear = (c: number): void => {
      if (grid[c] === undefined) return;
      let start = c;
      while (start > 0 && spans[start] === 0) start--;
      const end = start + Math.max(1, spans[start]);
      for (let j = start; j < end; j++) {
        grid[j] = ' ';
        spans[j] = 1;
      }
    };
    const put = (c: number, ch: string, span: number): void => {
      if (ch === ' ' && grid[c] !== undefined && grid[c] !== ' ') return; // no ink on ink
      for (let j = c; j < c + span; j++) clear(j);
      grid[c] = ch;
      spans[c] = span;
      for (let j = c + 1; j < c + span; j++) {
        grid[j] = '';
        spans[j] = 0;
      }
    };
    let cursor = 0;
    for (let k = 0; k < this.runs.length; k++) {
      const text = this.runs[k].text;
      let c = this.columnOf(k, col, cursor);
      let i = 0;
      const last = this.lastSegment(k);
      for (let s = this.runData[k * RUN + 2]; s < last; s++) {
        const span = this.span(s, col);
        const end = this.segData[s * SEG];
        if (this.segData[s * SEG + 1] === end - i) {
          for (; i < end; i++, c += span) put(c, text[i], span);
          continue;
        }
        for (const ch of text.slice(i, end)) {
          if (MARK.test(ch)) {
            // A combining mark prints over the character before it and takes no column.
            let prev = c - 1;
            while (prev > 0 && spans[prev] === 0) prev--;
            if (prev >= 0 && grid[prev] !== undefined) grid[prev] += ch;
          } else {
            put(c, ch, span);
            c += span;
          }
        }
        i = end;
      }
      cursor = c;
    }
    let out = '';
    for (let c = 0; c < grid.length; c++) out += grid[c] ?? ' ';
    return out.trimEnd();
  }
}

function grown(from: Float64Array): Float64Array<ArrayBuffer> {
  const to = new Float64Array(from.length * 2);
  to.set(from);
  return to;
}
