import { memo, useEffect, useMemo, useRef } from 'react';
import type { InterpreterWarning } from '../../shared/document';

const PER_LINE = 16;
/** Past this many bytes the dump shows the start and says how much more there is. */
const MAX_BYTES = 64 * 1024;

/** Bytes to point out, e.g. the status request or the cut picked in the Events tab. */
export interface HexMark {
  offset: number;
  length: number;
}

/**
 * The raw bytes as the POS sent them: offset, hex and the printable characters, sixteen to a
 * line, with the lines the interpreter had something to say about marked. For a support case.
 */
export const HexDump = memo(function HexDump({
  rawBase64,
  warnings,
  mark = null,
}: {
  rawBase64: string;
  warnings: InterpreterWarning[];
  mark?: HexMark | null;
}) {
  const bytes = useMemo(
    () => Uint8Array.from(atob(rawBase64), (c) => c.charCodeAt(0)),
    [rawBase64],
  );
  const flagged = useMemo(() => {
    const lines = new Map<number, string>();
    for (const w of warnings) lines.set(Math.floor(w.offset / PER_LINE), w.message);
    return lines;
  }, [warnings]);
  const marked = useRef<HTMLDivElement>(null);
  useEffect(() => {
    // Optional call: jsdom has no scrollIntoView.
    marked.current?.scrollIntoView?.({ block: 'center' });
  }, [mark]);
  const shown = Math.min(bytes.length, MAX_BYTES);
  const lines: { at: number; hex: string; text: string; note?: string }[] = [];
  for (let at = 0; at < shown; at += PER_LINE) {
    const row = bytes.subarray(at, Math.min(at + PER_LINE, shown));
    lines.push({
      at,
      hex: Array.from(row, (b) => b.toString(16).padStart(2, '0'))
        .join(' ')
        .padEnd(PER_LINE * 3 - 1),
      text: Array.from(row, (b) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '·')).join(''),
      note: flagged.get(at / PER_LINE),
    });
  }
  const firstMarkedLine = mark ? mark.offset - (mark.offset % PER_LINE) : -1;
  return (
    <div
      className="hex-dump"
      data-testid="hex-dump"
      role="group"
      aria-label={`Raw bytes, ${bytes.length}`}
    >
      {lines.map((l) => (
        <div
          key={l.at}
          ref={l.at === firstMarkedLine ? marked : undefined}
          className={l.note ? 'hex-line flagged' : 'hex-line'}
          title={l.note}
        >
          <span className="hex-at">{l.at.toString(16).padStart(6, '0')}</span>
          <span className="hex-bytes">{markBytes(l.hex, l.at, mark)}</span>
          <span className="hex-text">{l.text}</span>
        </div>
      ))}
      {bytes.length > shown ? (
        <div className="muted">
          … {bytes.length - shown} more bytes (export the receipt for all of them)
        </div>
      ) : null}
    </div>
  );
});

/** The line's hex with the marked bytes that fall on it wrapped in <mark>. */
function markBytes(hex: string, at: number, mark: HexMark | null) {
  if (!mark) return hex;
  const from = Math.max(mark.offset, at) - at;
  const to = Math.min(mark.offset + Math.max(mark.length, 1), at + PER_LINE) - at;
  if (to <= from) return hex;
  // Byte k of the line is hex characters [3k, 3k + 2).
  return (
    <>
      {hex.slice(0, 3 * from)}
      <mark className="hex-mark" data-testid="hex-mark">
        {hex.slice(3 * from, 3 * to - 1)}
      </mark>
      {hex.slice(3 * to - 1)}
    </>
  );
}
