import { memo, useMemo } from 'react';
import type { InterpreterWarning } from '../../shared/document';

const PER_LINE = 16;
/** Past this many bytes the dump shows the start and says how much more there is. */
const MAX_BYTES = 64 * 1024;

/**
 * The raw bytes as the POS sent them: offset, hex and the printable characters, sixteen to a
 * line, with the lines the interpreter had something to say about marked. For a support case.
 */
export const HexDump = memo(function HexDump({
  rawBase64,
  warnings,
}: {
  rawBase64: string;
  warnings: InterpreterWarning[];
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
  const shown = Math.min(bytes.length, MAX_BYTES);
  const lines: { at: number; hex: string; text: string; note?: string }[] = [];
  for (let at = 0; at < shown; at += PER_LINE) {
    const row = bytes.subarray(at, Math.min(at + PER_LINE, shown));
    lines.push({
      at,
      hex: Array.from(row, (b) => b.toString(16).padStart(2, '0')).join(' '),
      text: Array.from(row, (b) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '·')).join(''),
      note: flagged.get(at / PER_LINE),
    });
  }
  return (
    <div
      className="hex-dump"
      data-testid="hex-dump"
      role="group"
      aria-label={`Raw bytes, ${bytes.length}`}
    >
      {lines.map((l) => (
        <div key={l.at} className={l.note ? 'hex-line flagged' : 'hex-line'} title={l.note}>
          <span className="hex-at">{l.at.toString(16).padStart(6, '0')}</span>
          <span className="hex-bytes">{l.hex.padEnd(PER_LINE * 3 - 1)}</span>
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
