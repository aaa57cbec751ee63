/**
 * The printed line being built: its styled runs, where each starts and ends in dots, and which a
 * position command (HT, ESC $, ESC \) placed. A run shares the current style object until the
 * style changes, so runs in one style merge.
 */
import type { Align, TextRun, TextStyle } from '../../shared';

export class Line {
  runs: TextRun[] = [];
  /** Where the next character goes, and how far right anything on the line reaches, in dots. */
  dots = 0;
  extent = 0;
  /** The alignment the line started with. */
  align: Align = 'left';
  /** Where a position command put the print head for the next run, if it did. */
  pendingX: number | null = null;
  // Per run (index = run), reused from line to line: a line is built per LF.
  private starts = new Float64Array(16);
  private ends = new Float64Array(16);
  private positioned = new Uint8Array(16);

  isEmpty(): boolean {
    return this.runs.length === 0 && this.pendingX === null;
  }

  /** Characters `dots` wide in `style`, after the last run or where the print head was moved. */
  append(chars: string, dots: number, style: TextStyle): void {
    const k = this.runs.length - 1;
    if (k >= 0 && this.runs[k].style === style && this.pendingX === null) {
      this.runs[k].text += chars;
    } else {
      const run: TextRun = { text: chars, style };
      const explicit = this.pendingX !== null;
      if (explicit) {
        run.x = this.pendingX!;
        this.dots = this.pendingX!; // the print head moved there
      }
      const n = this.runs.push(run) - 1;
      if (n === this.starts.length) this.grow();
      this.starts[n] = this.dots;
      this.ends[n] = this.dots;
      this.positioned[n] = explicit ? 1 : 0;
      this.pendingX = null;
    }
    this.dots += dots;
    this.ends[this.runs.length - 1] = this.dots;
    if (this.dots > this.extent) this.extent = this.dots;
  }

  /** Where the first run starts, in dots (0 for an empty line). */
  startDots(): number {
    return this.runs.length > 0 ? this.starts[0] : 0;
  }

  /** The line's text with the spaces positioned runs' gaps are worth (colDots to a space). */
  plain(colDots: number): string {
    const runs = this.runs;
    if (runs.length === 0) return '';
    let text = runs[0].text;
    for (let k = 1; k < runs.length; k++) {
      const gap = this.starts[k] - this.ends[k - 1];
      if (this.positioned[k] && gap > 0) text += ' '.repeat(Math.max(1, Math.round(gap / colDots)));
      text += runs[k].text;
    }
    return text.trimEnd();
  }

  /** Hands the runs over and starts the next line, aligned as `align`. */
  take(align: Align): TextRun[] {
    const runs = this.runs;
    this.runs = [];
    this.dots = 0;
    this.extent = 0;
    this.pendingX = null;
    this.align = align;
    return runs;
  }

  private grow(): void {
    const n = this.starts.length * 2;
    const grow = <T extends Float64Array | Uint8Array>(a: T, b: T): T => (b.set(a), b);
    this.starts = grow(this.starts, new Float64Array(n));
    this.ends = grow(this.ends, new Float64Array(n));
    this.positioned = grow(this.positioned, new Uint8Array(n));
  }
}
